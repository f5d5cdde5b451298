/**
 * The assessment system's policy data (人才工作考核分析系统), version 1: the plan's Table 2 indicators the
 * engine can observe, the yearly talent fund budget, and the weights of the town talent development index.
 * Money in fen (1万元 = 1,000,000 fen).
 */
export interface IndicatorSpec {
  key: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  /** What the engine counts from the log and adds to the baseline. */
  observes: 'degree-doubling-approvals' | 'top-talent-approvals' | 'skill-subsidy-approvals' | 'title-fast-track-completions' | 'talent-fund-disbursed-wan';
}

export interface AssessmentPolicy {
  version: number;
  /** The yearly talent development fund (区人才发展专项资金), in fen. */
  budgetFenByYear: Record<string, number>;
  indicators: IndicatorSpec[];
  /** Town index: weights of the normalised per-town measures (they sum to 1). */
  townIndexWeights: { approvals: number; disbursedFen: number; speed: number; highSkill: number };
  /** Department of a task queue, for the per-department figures. */
  departments: Record<string, string>;
}

const WAN = 1_000_000;

export const ASSESSMENT_POLICY_V1: AssessmentPolicy = {
  version: 1,
  budgetFenByYear: {
    '2020': 9066 * WAN,
    '2021': 9355 * WAN,
    '2022': 9643 * WAN,
    '2023': 9932 * WAN,
    '2024': 10221 * WAN,
    '2025': 10510 * WAN,
    '2026': 10510 * WAN,
  },
  indicators: [
    { key: 'master-phd', name: '博士、硕士人才', unit: '人', baseline: 2223, target: 4750, observes: 'degree-doubling-approvals' },
    { key: 'top-talent', name: '全职引进顶尖人才（团队）', unit: '个', baseline: 0, target: 10, observes: 'top-talent-approvals' },
    { key: 'high-skill-subsidies', name: '高技能人才补贴', unit: '人次', baseline: 0, target: 1000, observes: 'skill-subsidy-approvals' },
    { key: 'senior-titles-fast-track', name: '职称直通车高级职称', unit: '人', baseline: 0, target: 50, observes: 'title-fast-track-completions' },
    { key: 'talent-fund', name: '区人才发展专项资金', unit: '万元', baseline: 9066, target: 10510, observes: 'talent-fund-disbursed-wan' },
  ],
  townIndexWeights: { approvals: 0.4, disbursedFen: 0.3, speed: 0.2, highSkill: 0.1 },
  departments: {
    'hrss-skill': '区人力社保局',
    'hrss-skill-lead': '区人力社保局',
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
