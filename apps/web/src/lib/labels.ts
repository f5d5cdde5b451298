/** Every Chinese name the screens show for a code of the API: one place (UI.md, "Names on screen"). */
import { PROGRAM_NAMES, QUEUE_NAMES, TASK_KIND_NAMES, XIUZHOU_TOWNS } from '#domain';

// Program, queue and task names are shared with the notification texts the worker writes: they live in the domain.
export { PROGRAM_NAMES, QUEUE_NAMES, TASK_KIND_NAMES };

export const PROGRAM_CODES = Object.keys(PROGRAM_NAMES);

export const STATUS_TEXTS: Record<string, string> = {
  submitted: '已提交',
  'in-review': '审核中',
  'awaiting-supplement': '待补正',
  approved: '已通过',
  'in-payment': '拨付中',
  completed: '已办结',
  rejected: '未通过',
  withdrawn: '已撤回',
  lapsed: '已失效',
  suspended: '已暂停',
  terminated: '已终止',
  reconsidering: '复核中',
};

export const ROLE_NAMES: Record<string, string> = {
  applicant: '申请人',
  employer: '用人单位',
  reviewer: '审核人员',
  expert: '评审专家',
  leadership: '领导',
  finance: '财务',
  auditor: '审计',
  admin: '管理员',
  reporter: '指标填报',
};

/**
 * Why an application was refused, stopped or a check failed, in words a citizen understands (the API gives
 * stable codes). A code missing here is shown as it is, so a new one is visible rather than hidden.
 */
export const REASON_TEXTS: Record<string, string> = {
  AGE_LIMIT_EXCEEDED: '年龄超过政策规定的上限',
  ALREADY_PAID_FOR_LEVEL: '同一等级的技能补贴已领取过',
  CERTIFICATE_CLAIM_IN_PROGRESS: '该证书已有一份申请正在办理，请勿重复申请',
  ANNUAL_LIMIT_REACHED: '本年度领取技能补贴的次数已达上限',
  CERTIFICATE_HOLDER_MISMATCH: '证书持有人与申请人不一致',
  CERTIFICATE_ISSUED_IN_FUTURE: '证书发证日期晚于申请日期',
  CERTIFICATE_NOT_FOUND: '职业技能等级证书登记中查不到该证书',
  CERTIFICATE_TOO_OLD: '证书发证已超过政策规定的期限',
  ISSUE_DATE_MISMATCH: '填写的发证日期与证书登记不一致',
  LEVEL_MISMATCH: '填写的职业等级与证书登记不一致',
  INSUFFICIENT_INSURANCE_MONTHS: '在本区缴纳社保的月数不足政策要求',
  CONTRACT_TOO_SHORT: '劳动合同期限短于政策要求',
  DEGREE_TOO_OLD: '取得学位已超过政策规定的年限',
  DEGREE_VERIFICATION_MISSING: '境外学历缺少学历认证编号',
  NOT_YET_GRADUATED: '尚未毕业',
  NOT_FULL_TIME: '非全日制学历，不属于硕博倍增补贴范围',
  NOT_EMPLOYED_IN_DISTRICT: '未查到在本区用人单位缴纳社保的记录',
  DOUBLE_BENEFIT: '已享受与本项目不能同时享受的其他人才待遇（不重复享受）',
  EMPLOYER_DID_NOT_CONFIRM: '用人单位未确认在职',
  EMPLOYER_DID_NOT_RECOMMEND: '用人单位未推荐',
  EMPLOYER_NOTICE_OBJECTION_UPHELD: '单位内部公示期间的异议成立',
  INDUSTRY_NOT_IN_DISTRICT_FOCUS: '项目不属于本区重点发展的“3+3”产业',
  COMMITTEE_NOT_PASSED: '评审委员会表决未通过',
  COMMITTEE_QUORUM_NOT_MET: '评审委员会到会表决人数不足',
  QUORUM_NOT_MET: '表决人数不足',
  NOT_ENOUGH_YES_VOTES: '赞成票不足三分之二',
  LEADERSHIP_REJECTED: '领导小组一事一议未同意',
  PANEL_NOT_PASSED: '专家评审未通过',
  PANEL_INCONCLUSIVE: '专家评分人数不足，评审未能得出结论',
  PRESCREEN_REJECTED: '预审未通过',
  REVIEW_REJECTED: '审核未通过',
  NOT_QUALIFIED: '资格审查未通过',
  OBJECTION_UPHELD: '公示期间的异议成立',
  SUPPLEMENT_NOT_RECEIVED: '逾期未补正材料',
  MILESTONE_FAILED: '里程碑核验未通过',
  MILESTONE_OVERDUE: '里程碑逾期未报告',
  LEFT_DISTRICT: '已不在本区工作',
  'left-district': '已不在本区工作',
  'agreement-not-signed': '未在期限内签署协议',
  'terminated-by-leadership': '领导小组决定终止',
};

export const TASK_STATUS_TEXTS: Record<string, string> = { open: '待认领', claimed: '已认领', completed: '已完成', cancelled: '已取消' };

export const PAYMENT_STATUS_TEXTS: Record<string, string> = { instructed: '已下达支付指令', confirmed: '已支付', failed: '支付失败' };

export const TOWNS: readonly { code: string; name: string }[] = XIUZHOU_TOWNS;

export const SKILL_LEVELS: readonly { value: number; text: string }[] = [
  { value: 1, text: '一级/高级技师' },
  { value: 2, text: '二级/技师' },
  { value: 3, text: '三级/高级工' },
  { value: 4, text: '四级/中级工' },
  { value: 5, text: '五级/初级工' },
];

export const DEGREES = [
  { value: 'master', text: '硕士' },
  { value: 'phd', text: '博士' },
] as const;

export const TALENT_CATEGORIES = [
  { value: 'academician', text: '院士' },
  { value: 'national', text: '国家级人才' },
  { value: 'provincial', text: '省级人才' },
  { value: 'team', text: '顶尖团队' },
] as const;

export const INDUSTRIES = [
  { value: 'digital', text: '数字经济' },
  { value: 'low-carbon', text: '低碳经济' },
  { value: 'health', text: '健康经济' },
  { value: 'home-furnishing', text: '家居' },
  { value: 'textiles', text: '纺织' },
  { value: 'knitwear', text: '针织' },
] as const;

export const TITLE_LEVELS = [
  { value: 'associate-senior', text: '副高级' },
  { value: 'senior', text: '正高级' },
] as const;

export const TITLE_SERIES = [
  { value: 'engineering', text: '工程技术' },
  { value: 'economics', text: '经济' },
  { value: 'health', text: '卫生' },
  { value: 'education', text: '教育' },
] as const;

export const ACHIEVEMENT_KINDS = [
  { value: 'award', text: '获奖' },
  { value: 'patent', text: '专利' },
  { value: 'paper', text: '论文' },
  { value: 'project', text: '项目' },
] as const;

const lookup = (table: Record<string, string>) => (code: string | null | undefined) => (code ? (table[code] ?? code) : '');

export const programName = lookup(PROGRAM_NAMES);
export const statusText = lookup(STATUS_TEXTS);
export const roleName = lookup(ROLE_NAMES);
export const queueName = lookup(QUEUE_NAMES);
export const reasonText = lookup(REASON_TEXTS);
export const taskKindName = lookup(TASK_KIND_NAMES);
export const taskStatusText = lookup(TASK_STATUS_TEXTS);
export const paymentStatusText = lookup(PAYMENT_STATUS_TEXTS);
const publishedTowns = new Map<string, string>();
/** Towns of a published policy (GET /policies/:program): another district publishes its own list. */
export function rememberTowns(towns: readonly { code: string; name: string }[]): void {
  for (const t of towns) publishedTowns.set(t.code, t.name);
}
export function townName(code: string | null | undefined): string {
  if (!code) return '';
  return publishedTowns.get(code) ?? TOWNS.find((t) => t.code === code)?.name ?? code;
}

/** Status as a tag type: colour is never the only signal — the tag always carries the status text too. */
export function statusTagType(status: string): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  if (status === 'completed' || status === 'approved') return 'success';
  if (status === 'awaiting-supplement' || status === 'suspended') return 'warning';
  if (status === 'rejected' || status === 'terminated') return 'danger';
  if (status === 'withdrawn' || status === 'lapsed') return 'info';
  return 'primary';
}
