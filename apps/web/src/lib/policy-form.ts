/**
 * 政策管理: a policy document (GET /policies/:program `policy`) as form fields and back. Amounts (keys with `Fen`)
 * are typed in 元 and sent as fen; timers as working days or an ISO-8601 duration; lists (towns, industries,
 * exclusions) are kept as in force. What cannot be read is sent as typed, so the API names the field.
 */
import { fenToYuan, yuanToFen } from './money';

export type PolicyFieldKind = 'money' | 'integer' | 'text' | 'timer';

export interface PolicyField {
  path: string;
  kind: PolicyFieldKind;
  label: string;
}

export interface TimerValue {
  unit: 'workingDays' | 'iso';
  value: string;
}

export type PolicyValues = Record<string, string | TimerValue>;

const SEGMENTS: Record<string, string> = {
  amountsFenByLevel: '各等级补贴金额',
  eligibility: '申请条件',
  certificateMaxAgeMonths: '证书取得时限（月）',
  minInsuranceMonths: '最少社保缴纳月数',
  maxPerCalendarYear: '每年最多申领次数',
  queues: '办理队列',
  review: '审核',
  escalation: '升级',
  payment: '拨付',
  timers: '时限',
  reviewSla: '审核时限',
  promisedHandling: '承诺办结时限',
  supplementWindow: '补正期限',
  paymentSla: '拨付时限',
  settlingFen: '安家补贴',
  master: '硕士',
  phd: '博士',
  livingAllowanceFenPerYear: '生活补贴（每年）',
  instalments: '分期次数',
  maxAge: '年龄上限',
  degreeMaxAgeYears: '取得学位年限（年）',
  minContractYears: '最短劳动合同年限（年）',
  clawback: '追回',
  basis: '计算方式',
  employerResponse: '单位答复期限',
  instalmentInterval: '分期间隔',
  panel: '专家组',
  size: '人数',
  minScores: '最少有效评分数',
  passMeanScore: '通过平均分',
  clawbackPercentOfPaid: '追回比例（%）',
  prescreen: '预审',
  leadership: '领导小组',
  objections: '异议',
  milestones: '里程碑',
  prescreenSla: '预审时限',
  expertScoring: '专家评分期限',
  leadershipSla: '领导决策时限',
  publicNotice: '公示期',
  objectionReviewSla: '异议核查时限',
  agreementWindow: '签约期限',
  milestoneVerificationSla: '里程碑核验时限',
  suspensionDecisionSla: '暂停处置时限',
  milestoneGrace: '里程碑宽限期',
  committee: '评委会',
  quorum: '法定人数',
  pass: '通过比例',
  numerator: '分子',
  denominator: '分母',
  certificatePrefix: '证书编号前缀',
  qualification: '资格审查',
  employerRecommendation: '单位推荐期限',
  employerNotice: '单位公示期',
  qualificationSla: '资格审查时限',
  committeeSitting: '评委会会期',
  workingDays: '工作日数',
  iso: 'ISO 8601 期间',
  '1': '一级',
  '2': '二级',
  '3': '三级',
  '4': '四级',
  '5': '五级',
};

const isMoney = (path: string) => path.split('.').some((s) => s.includes('Fen'));

export function labelOf(path: string, kind: PolicyFieldKind): string {
  const words = path.split('.').map((s) => SEGMENTS[s] ?? s);
  return `${words.join(' · ')}${kind === 'money' ? '（元）' : ''}`;
}

/** The editable leaves of a policy document, in document order. */
export function policyFields(doc: Record<string, unknown>, prefix = ''): PolicyField[] {
  const out: PolicyField[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (prefix === 'timers') out.push({ path, kind: 'timer', label: labelOf(path, 'timer') });
    else if (Array.isArray(value)) continue;
    else if (value !== null && typeof value === 'object') out.push(...policyFields(value as Record<string, unknown>, path));
    else {
      const kind: PolicyFieldKind = typeof value === 'number' ? (isMoney(path) ? 'money' : 'integer') : 'text';
      out.push({ path, kind, label: labelOf(path, kind) });
    }
  }
  return out;
}

function at(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
}

export function valuesOf(doc: Record<string, unknown>): PolicyValues {
  const values: PolicyValues = {};
  for (const f of policyFields(doc)) {
    const v = at(doc, f.path);
    if (f.kind === 'timer') {
      const t = v as { workingDays?: number; iso?: string };
      values[f.path] = t.iso !== undefined ? { unit: 'iso', value: t.iso } : { unit: 'workingDays', value: String(t.workingDays ?? '') };
    } else if (f.kind === 'money') values[f.path] = fenToYuan(v as number).replace(/,/g, '');
    else values[f.path] = String(v);
  }
  return values;
}

function integerOrText(text: string): number | string {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

/** The document to publish: the one in force with the typed values put in. */
export function documentOf(base: Record<string, unknown>, values: PolicyValues): Record<string, unknown> {
  const doc = JSON.parse(JSON.stringify(base)) as Record<string, unknown>; // base may be a reactive proxy, which structuredClone refuses
  for (const f of policyFields(base)) {
    const raw = values[f.path];
    let value: unknown;
    if (f.kind === 'timer') {
      const t = raw as TimerValue;
      value = t.unit === 'iso' ? { iso: t.value.trim() } : { workingDays: integerOrText(t.value) };
    } else if (f.kind === 'money') value = yuanToFen(raw as string) ?? (raw as string);
    else if (f.kind === 'integer') value = integerOrText(raw as string);
    else value = raw;
    const keys = f.path.split('.');
    const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, doc);
    parent[keys[keys.length - 1]] = value;
  }
  return doc;
}

/** The policy validator's messages in Chinese. */
export function policyMessage(message: string): string {
  const m = message.toLowerCase();
  if (m.includes('non-negative integer')) return '须为非负整数';
  if (m.includes('workingdays')) return '须为工作日数（正整数）或 ISO 8601 期间（如 P1Y、PT10M）';
  if (m.includes('is required')) return '必填';
  if (m.includes('lowercase letters')) return '只能包含小写字母、数字和连字符';
  if (m.includes('text of 1 to 200')) return '须为1至200个字符';
  if (m.includes('0 to 100')) return '须在0至100之间';
  if (m.includes('1 to 10')) return '须在1至10之间';
  if (m.includes('panel.size')) return '须在1至专家组人数之间';
  if (m.includes('fraction')) return '须为0至1之间的分数';
  if (m.includes('at least 1')) return '至少为1';
  if (m.includes('must be a number')) return '须为数字';
  if (m.includes('must be a string')) return '须为文字';
  return `不符合要求（${message}）`;
}
