/** problem+json (API.md) in Chinese: field errors keyed by path, and a sentence for the whole refusal. */
import type { FieldErrors } from './forms';

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { path: string; message: string }[];
}

const STATUS_SENTENCES: Record<number, string> = {
  400: '提交的内容有误，请按提示修改',
  401: '登录已失效，请重新登录',
  403: '您没有办理此事项的权限',
  404: '未找到该事项，或您无权查看',
  409: '操作未成功：该事项已被他人处理或状态已变化，页面已刷新',
  413: '提交的内容过大',
  429: '操作过于频繁，请稍后再试',
};

/** One Chinese sentence for a refused request. */
export function problemSentence(p: Problem): string {
  if (p.status >= 500) return '系统暂时无法处理，请稍后再试';
  if (p.code === 'NOTICE.NOT_OPEN') return '该公示已结束，不能再提出异议';
  return STATUS_SENTENCES[p.status] ?? '操作未成功';
}

/** A field message of the API (English, from its validators) said in Chinese. */
export function fieldMessage(message: string): string {
  const m = message.toLowerCase();
  if (m.includes('resident identity number')) return '身份证号不正确（18位，出生日期与校验位须正确）';
  if (m.includes('unified social credit code')) return '统一社会信用代码不正确（18位，含校验位）';
  if (m.includes('yyyy-mm-dd') || m.includes('date')) return '请按 YYYY-MM-DD 填写真实日期';
  if (m.includes('8 to 32 digits')) return '银行账号应为8至32位数字';
  if (m.includes('town')) return '请选择有效的镇街';
  if (m.includes('should not exist')) return '不应包含此项';
  if (m.includes('required') || m.includes('should not be empty') || m.includes('must be defined')) return '请填写此项';
  if (m.includes('control characters')) return '不能包含控制字符';
  if (m.includes('add up')) return '各里程碑金额之和须等于资助总额';
  if (m.includes('in order')) return '里程碑到期日须按先后顺序';
  if (m.includes('conflictofinterest')) return '请先声明是否存在利益冲突';
  if (m.includes('must not be less') || m.includes('must not be greater') || m.includes('0..100')) return '数值超出允许范围';
  if (m.includes('at least') && m.includes('element')) return '至少填写一项';
  return `此项不符合要求（${message}）`;
}

export function fieldErrorsOf(p: Problem): FieldErrors {
  const out: FieldErrors = {};
  for (const e of p.errors ?? []) {
    if (!out[e.path]) out[e.path] = fieldMessage(e.message);
  }
  return out;
}
