import { PROGRAMS, Program } from '../shared/programs';

/**
 * The assessment system's policy (人才工作考核分析系统), versioned data published by the admin like a program
 * policy (`GET/POST /admin/assessment-policy`): the plan's Table 2 indicators with where each value comes from and
 * which department answers for it, the talent fund's budgets and the programs it pays, the weights of the town and
 * department indices, and the department of every task queue. (承诺时限 are each program's: `timers.promisedHandling`.)
 * Money in fen (1万元 = 1,000,000 fen).
 */
export const INDICATOR_GROUPS = ['人才投入', '人才素质', '载体环境', '绩效产出'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];

/** What the engine measures from the event log for an indicator whose source is `events`. */
export const INDICATOR_MEASURES = ['master-phd-in-force', 'talent-fund-disbursed-wan', 'top-talent-approvals'] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

export interface IndicatorSpec {
  key: string;
  /** The plan's name, unit, group, 2020 baseline (null where the plan gives none: '-') and 2025 target. */
  name: string;
  unit: string;
  group: IndicatorGroup;
  baseline: number | null;
  target: number;
  /** Row of the plan's Table 2, or absent for an indicator the policy adds (shown as such). */
  table2Row?: number;
  /** `events`: measured from the log (`measure`); `report`: reported by `department`, accepted by the talent office. */
  source: 'events' | 'report';
  measure?: IndicatorMeasure;
  /** The department that answers for the figure (and reports it when the source is `report`). */
  department: string;
  /** The values a report may take (default: 0-100 for a percentage, 0 or more otherwise). */
  range?: [number, number];
}

export interface AssessmentPolicy {
  version: number;
  /** 区人才发展专项资金 by year, as budgeted (the plan gives 2020 and the 2025 target; other years are published). */
  budgetFenByYear: Record<string, number>;
  /** The programs the talent fund pays (a skill subsidy is paid from the employment fund, a title costs nothing). */
  fundPrograms: Program[];
  indicators: IndicatorSpec[];
  /** 人才发展指数 of a town: weights of its normalised measures (they sum to 1). */
  townIndexWeights: { approvals: number; disbursedFen: number; speed: number; highSkill: number };
  /** 人才发展指数 of a department: on-time share of its tasks, progress of its indicators, indicators reported (sum 1). */
  departmentIndexWeights: { onTime: number; indicatorProgress: number; reporting: number };
  /** Department of a task queue, for the per-department figures (a `-lead` queue belongs to its queue's department). */
  departments: Record<string, string>;
}

/** Where the assessment policy's versions are kept: the `policies` table, under this key beside the programs. */
export const ASSESSMENT_POLICY_KEY = 'assessment';

const WAN = 1_000_000;

/**
 * Version 1, typed from the plan (`../shared/seed/xiuzhou-talent-plan-2021-2025.txt`, 表2 秀洲区"十四五"时期人才发展
 * 主要指标). The flattened text lists the four groups before rows 1-15; the rows fall into them in order (1-3 人才投入,
 * 4-6 人才素质, 7-10 载体环境, 11-15 绩效产出). Row 11 has no 2020 base ('-'), its target is "7 以上".
 */
export const ASSESSMENT_POLICY_V1: AssessmentPolicy = {
  version: 1,
  budgetFenByYear: { '2020': 9066 * WAN, '2025': 10510 * WAN },
  fundPrograms: ['top-talent', 'degree-doubling'],
  indicators: [
    { key: 'talent-resources', table2Row: 1, group: '人才投入', name: '人才资源总量', unit: '万人', baseline: 12.21, target: 14.71, source: 'report', department: '区人力社保局' },
    { key: 'talent-fund', table2Row: 2, group: '人才投入', name: '区人才发展专项资金', unit: '万元', baseline: 9066, target: 10510, source: 'events', measure: 'talent-fund-disbursed-wan', department: '区财政局' },
    { key: 'rd-spending-share', table2Row: 3, group: '人才投入', name: '全社会R&D经费支出占GDP比重', unit: '%', baseline: 3.15, target: 3.75, source: 'report', department: '区统计局' },
    { key: 'master-phd', table2Row: 4, group: '人才素质', name: '博士、硕士人才', unit: '人', baseline: 2223, target: 4750, source: 'events', measure: 'master-phd-in-force', department: '区委人才办' },
    { key: 'rd-personnel', table2Row: 5, group: '人才素质', name: '每万名从业人员中R&D人员', unit: '人年/万人', baseline: 158.8, target: 200, source: 'report', department: '区科技局' },
    { key: 'high-skill-density', table2Row: 6, group: '人才素质', name: '每万名从业人员中高技能人才数', unit: '人', baseline: 1052, target: 1240, source: 'report', department: '区人力社保局' },
    { key: 'rd-active-firms', table2Row: 7, group: '载体环境', name: '规模以上工业企业中有研发活动企业数占比', unit: '%', baseline: 86.3, target: 95, source: 'report', department: '区科技局' },
    { key: 'enterprise-institutes', table2Row: 8, group: '载体环境', name: '省级（重点）企业研究院', unit: '家', baseline: 27, target: 40, source: 'report', department: '区科技局' },
    { key: 'academician-stations', table2Row: 9, group: '载体环境', name: '院士专家工作站', unit: '家', baseline: 13, target: 18, source: 'report', department: '区科协' },
    { key: 'postdoc-stations', table2Row: 10, group: '载体环境', name: '博士后工作（流动）站', unit: '家', baseline: 8, target: 16, source: 'report', department: '区人力社保局' },
    { key: 'productivity-growth', table2Row: 11, group: '绩效产出', name: '全员劳动生产率年均增长', unit: '%', baseline: null, target: 7, source: 'report', department: '区统计局', range: [-100, 100] },
    { key: 'high-tech-share', table2Row: 12, group: '绩效产出', name: '高新技术产业增加值占规模以上工业增加值比重', unit: '%', baseline: 68, target: 75, source: 'report', department: '区经信局' },
    { key: 'high-value-patents', table2Row: 13, group: '绩效产出', name: '每万人高价值发明专利拥有量', unit: '项', baseline: 10.3, target: 18, source: 'report', department: '区市场监管局' },
    { key: 'pct-applications', table2Row: 14, group: '绩效产出', name: 'PCT国际专利申请量', unit: '项', baseline: 120, target: 192, source: 'report', department: '区市场监管局' },
    { key: 'listed-talent-firms', table2Row: 15, group: '绩效产出', name: '人才企业上市（挂牌）数量', unit: '家', baseline: 4, target: 9, source: 'report', department: '区金融工作中心' },
    // Not in Table 2: the plan's text (三、重点工程（一）) asks for 10 top talents (teams) brought in full time by 2025.
    { key: 'top-talent', group: '人才素质', name: '全职引进顶尖人才（团队）', unit: '个', baseline: 0, target: 10, source: 'events', measure: 'top-talent-approvals', department: '区委人才办' },
  ],
  townIndexWeights: { approvals: 0.4, disbursedFen: 0.3, speed: 0.2, highSkill: 0.1 },
  departmentIndexWeights: { onTime: 0.5, indicatorProgress: 0.3, reporting: 0.2 },
  departments: {
    'hrss-skill': '区人力社保局',
    'hrss-title': '区人力社保局',
    'talent-office': '区委人才办',
    leadership: '区委人才工作领导小组',
    finance: '区财政局',
    experts: '专家库',
    employers: '用人单位',
    applicants: '申请人',
  },
};

export function departmentOf(queue: string, policy: AssessmentPolicy = ASSESSMENT_POLICY_V1): string {
  return policy.departments[queue] ?? policy.departments[queue.replace(/-lead$/, '')] ?? queue;
}

/** The values a report on the indicator may take: its own range, else 0-100 for a percentage, else 0 or more. */
export function indicatorRange(spec: Pick<IndicatorSpec, 'unit' | 'range'>): [number, number] {
  return spec.range ?? (spec.unit === '%' ? [0, 100] : [0, 1_000_000_000]);
}

/** Progress toward the target: (actual − baseline) / (target − baseline), clamped to 0..1; no baseline: actual / target. */
export function indicatorProgress(spec: Pick<IndicatorSpec, 'baseline' | 'target'>, actual: number | null): number | null {
  if (actual === null) return null;
  const base = spec.baseline ?? 0;
  if (spec.target === base) return actual >= spec.target ? 1 : 0;
  const p = (actual - base) / (spec.target - base);
  return Math.min(1, Math.max(0, Number(p.toFixed(4))));
}

const KEY = /^[a-z0-9-]{1,64}$/;

/** Every problem of a policy document to publish, by field path; none means it may be published. */
export function assessmentPolicyProblems(doc: unknown): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const p = doc as Partial<AssessmentPolicy> | null;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return [{ path: '', message: 'the policy must be an object' }];
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (typeof p.budgetFenByYear !== 'object' || p.budgetFenByYear === null) problems.push({ path: 'budgetFenByYear', message: 'budgets by year (fen) are required' });
  else
    for (const [year, fen] of Object.entries(p.budgetFenByYear)) {
      if (!/^\d{4}$/.test(year)) problems.push({ path: `budgetFenByYear.${year}`, message: 'a year has four digits' });
      if (!Number.isSafeInteger(fen) || fen < 0) problems.push({ path: `budgetFenByYear.${year}`, message: 'a budget is whole fen, 0 or more' });
    }
  if (!Array.isArray(p.fundPrograms) || p.fundPrograms.some((x) => !PROGRAMS.includes(x))) problems.push({ path: 'fundPrograms', message: `programs among ${PROGRAMS.join(', ')}` });
  if (!Array.isArray(p.indicators) || p.indicators.length === 0) problems.push({ path: 'indicators', message: 'at least one indicator' });
  else {
    const seen = new Set<string>();
    p.indicators.forEach((i, n) => {
      const at = `indicators.${n}`;
      if (typeof i !== 'object' || i === null) return problems.push({ path: at, message: 'an indicator is an object' });
      if (typeof i.key !== 'string' || !KEY.test(i.key)) problems.push({ path: `${at}.key`, message: 'a key of a-z, 0-9 and -' });
      else if (seen.has(i.key)) problems.push({ path: `${at}.key`, message: `key ${i.key} is used twice` });
      else seen.add(i.key);
      for (const f of ['name', 'unit', 'department'] as const) {
        if (typeof i[f] !== 'string' || !i[f].trim() || i[f].length > 100) problems.push({ path: `${at}.${f}`, message: `${f} is text of 1 to 100 characters` });
      }
      if (!INDICATOR_GROUPS.includes(i.group)) problems.push({ path: `${at}.group`, message: `one of ${INDICATOR_GROUPS.join('、')}` });
      if (i.baseline !== null && !num(i.baseline)) problems.push({ path: `${at}.baseline`, message: 'a number, or null where the plan gives none' });
      if (!num(i.target)) problems.push({ path: `${at}.target`, message: 'a number' });
      if (i.source !== 'events' && i.source !== 'report') problems.push({ path: `${at}.source`, message: 'events or report' });
      if (i.source === 'events' && !INDICATOR_MEASURES.includes(i.measure as IndicatorMeasure)) problems.push({ path: `${at}.measure`, message: `one of ${INDICATOR_MEASURES.join(', ')}` });
      if (i.range !== undefined && !(Array.isArray(i.range) && i.range.length === 2 && i.range.every(num) && i.range[0] < i.range[1])) {
        problems.push({ path: `${at}.range`, message: 'a range [min, max] with min below max' });
      }
      if (i.table2Row !== undefined && (!Number.isInteger(i.table2Row) || i.table2Row < 1 || i.table2Row > 15)) problems.push({ path: `${at}.table2Row`, message: 'a row of Table 2 (1-15)' });
    });
  }
  const weights = (path: string, w: Record<string, unknown> | undefined, keys: string[]) => {
    const values = keys.map((k) => w?.[k]);
    keys.forEach((k, n) => {
      if (!num(values[n]) || (values[n] as number) < 0) problems.push({ path: `${path}.${k}`, message: 'a weight of 0 or more' });
    });
    const sum = values.reduce<number>((s, v) => s + (num(v) ? (v as number) : 0), 0);
    if (values.every(num) && Math.abs(sum - 1) > 1e-9) problems.push({ path, message: `weights sum to 1 (now ${Number(sum.toFixed(6))})` });
  };
  weights('townIndexWeights', p.townIndexWeights as Record<string, unknown> | undefined, ['approvals', 'disbursedFen', 'speed', 'highSkill']);
  weights('departmentIndexWeights', p.departmentIndexWeights as Record<string, unknown> | undefined, ['onTime', 'indicatorProgress', 'reporting']);
  if (typeof p.departments !== 'object' || p.departments === null) problems.push({ path: 'departments', message: 'the department of each task queue' });
  else
    for (const [queue, d] of Object.entries(p.departments)) {
      if (!KEY.test(queue) || typeof d !== 'string' || !d.trim() || d.length > 100) problems.push({ path: `departments.${queue}`, message: 'a queue name and its department' });
    }
  return problems;
}
