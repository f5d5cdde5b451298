/** 考核分析: the report of GET /metrics/assessment and the charts drawn from it, each with its data table. */
import { fenToYuan } from './money';
import { PROGRAM_NAMES, programName, queueName, taskKindName } from './labels';

export interface FlowCounts {
  submitted: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  lapsed: number;
  inProgress: number;
}
export interface Spread {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}
export interface AssessmentReport {
  generatedAt: string;
  policyVersion: number;
  flow: { totals: FlowCounts; byProgram: Record<string, FlowCounts>; byTown: Record<string, FlowCounts>; byMonth: (FlowCounts & { month: string })[] };
  speed: {
    decision: Spread;
    byProgram: Record<string, Spread>;
    stages: (Spread & { kind: string; queue: string; department: string })[];
    overdue: { queue: string; department: string; overdue: number; escalated: number }[];
    backlog: { queue: string; department: string; open: number }[];
  };
  money: {
    byYear: { year: number; budgetFen: number | null; committedFen: number; disbursedFen: number; clawedBackFen: number; utilisation: number | null }[];
  };
  reportingYear: number;
  indicators: {
    key: string;
    group: string;
    name: string;
    unit: string;
    baseline: number | null;
    target: number;
    actual: number | null;
    progress: number | null;
    asOf: string | null;
    source: 'events' | 'report';
    department: string;
    table2Row?: number;
    inTable2: boolean;
  }[];
  departmentIndex: { department: string; onTimeRate: number | null; indicatorProgress: number | null; reported: number; indicators: number; index: number }[];
  departments: { department: string; openTasks: number; overdueTasks: number; indicators: string[]; unreported: string[]; awaitingReview: string[] }[];
  indexWeights: { department: { onTime: number; indicatorProgress: number; reporting: number } };
  onTime: { byProgram: { program: string; decided: number; onTime: number; rate: number | null }[] };
  townIndex: { town: string; name: string; approvals: number; disbursedFen: number; medianDecisionHours: number | null; highSkill: number; index: number }[];
}

/** A chart's ECharts option and the same figures as a table (its text alternative). */
export interface ChartSpec {
  key: string;
  title: string;
  summary: string;
  option: Record<string, unknown>;
  columns: string[];
  rows: (string | number)[][];
}

const FLOW_SERIES: [keyof FlowCounts, string][] = [
  ['approved', '通过'],
  ['rejected', '未通过'],
  ['withdrawn', '撤回'],
  ['lapsed', '失效'],
  ['inProgress', '办理中'],
];

const grid = { left: 56, right: 24, top: 40, bottom: 40, containLabel: true };
const hours = (h: number | null) => (h === null ? '—' : h.toFixed(1));
const wan = (fen: number | null) => (fen === null ? null : Number((fen / 1_000_000).toFixed(2)));

function bars(categories: string[], series: { name: string; data: (number | null)[]; stack?: string; type?: 'bar' | 'line' }[], horizontal = false, unit = ''): Record<string, unknown> {
  const category = { type: 'category', data: categories };
  const value = { type: 'value', name: unit };
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: series.map((s) => ({ type: s.type ?? 'bar', name: s.name, data: s.data, stack: s.stack })),
  };
}

export function flowByMonth(r: AssessmentReport): ChartSpec {
  const months = r.flow.byMonth.map((m) => m.month);
  return {
    key: 'flow-month',
    title: '按月申请量与结果',
    summary: `共受理 ${r.flow.totals.submitted} 件，通过 ${r.flow.totals.approved} 件`,
    option: bars(
      months,
      FLOW_SERIES.map(([k, name]) => ({ name, stack: 'flow', data: r.flow.byMonth.map((m) => m[k]) })),
    ),
    columns: ['月份', '受理', ...FLOW_SERIES.map(([, n]) => n)],
    rows: r.flow.byMonth.map((m) => [m.month, m.submitted, ...FLOW_SERIES.map(([k]) => m[k])]),
  };
}

export function flowByProgram(r: AssessmentReport): ChartSpec {
  const codes = Object.keys(PROGRAM_NAMES);
  const counts = (c: string) => r.flow.byProgram[c] ?? { submitted: 0, approved: 0, rejected: 0, withdrawn: 0, lapsed: 0, inProgress: 0 };
  return {
    key: 'flow-program',
    title: '各项目申请量与结果',
    summary: codes.map((c) => `${programName(c)} ${counts(c).submitted} 件`).join('，'),
    option: bars(
      codes.map(programName),
      FLOW_SERIES.map(([k, name]) => ({ name, stack: 'flow', data: codes.map((c) => counts(c)[k]) })),
    ),
    columns: ['项目', '受理', ...FLOW_SERIES.map(([, n]) => n)],
    rows: codes.map((c) => [programName(c), counts(c).submitted, ...FLOW_SERIES.map(([k]) => counts(c)[k])]),
  };
}

export function decisionTime(r: AssessmentReport): ChartSpec {
  const programs = Object.keys(r.speed.byProgram);
  const stages = r.speed.stages;
  const labels = [...programs.map((p) => `${programName(p)}（办结）`), ...stages.map((s) => `${queueName(s.queue)}·${taskKindName(s.kind)}`)];
  const spreads = [...programs.map((p) => r.speed.byProgram[p]), ...stages];
  return {
    key: 'speed',
    title: '办理用时（小时，中位数与90分位）',
    summary: `全部办结的中位用时 ${hours(r.speed.decision.medianHours)} 小时，90分位 ${hours(r.speed.decision.p90Hours)} 小时`,
    option: bars(labels, [
      { name: '中位数', data: spreads.map((s) => s.medianHours) },
      { name: '90分位', data: spreads.map((s) => s.p90Hours) },
    ]),
    columns: ['项目或环节', '件数', '中位数（小时）', '90分位（小时）'],
    rows: spreads.map((s, i) => [labels[i], s.count, hours(s.medianHours), hours(s.p90Hours)]),
  };
}

export function backlog(r: AssessmentReport): ChartSpec {
  const queues = [...new Set([...r.speed.backlog.map((b) => b.queue), ...r.speed.overdue.map((o) => o.queue)])];
  const open = (q: string) => r.speed.backlog.find((b) => b.queue === q)?.open ?? 0;
  const late = (q: string) => r.speed.overdue.find((o) => o.queue === q);
  return {
    key: 'backlog',
    title: '各队列待办与超期',
    summary: `待办 ${queues.reduce((n, q) => n + open(q), 0)} 项，超期 ${queues.reduce((n, q) => n + (late(q)?.overdue ?? 0), 0)} 项`,
    option: bars(queues.map(queueName), [
      { name: '待办', data: queues.map(open) },
      { name: '超期', data: queues.map((q) => late(q)?.overdue ?? 0) },
      { name: '已升级', data: queues.map((q) => late(q)?.escalated ?? 0) },
    ]),
    columns: ['队列', '待办', '超期', '已升级'],
    rows: queues.map((q) => [queueName(q), open(q), late(q)?.overdue ?? 0, late(q)?.escalated ?? 0]),
  };
}

export function money(r: AssessmentReport): ChartSpec {
  const years = r.money.byYear;
  return {
    key: 'money',
    title: '资金：承诺、拨付、追回与预算（万元）',
    summary: years.map((y) => `${y.year}年拨付 ${fenToYuan(y.disbursedFen)} 元`).join('，') || '暂无资金数据',
    option: bars(
      years.map((y) => `${y.year}年`),
      [
        { name: '承诺', data: years.map((y) => wan(y.committedFen)) },
        { name: '拨付', data: years.map((y) => wan(y.disbursedFen)) },
        { name: '追回', data: years.map((y) => wan(y.clawedBackFen)) },
        { name: '预算', type: 'line', data: years.map((y) => wan(y.budgetFen)) },
      ],
      false,
      '万元',
    ),
    columns: ['年度', '预算（元）', '承诺（元）', '拨付（元）', '追回（元）', '预算执行率'],
    rows: years.map((y) => [
      `${y.year}年`,
      y.budgetFen === null ? '—' : fenToYuan(y.budgetFen),
      fenToYuan(y.committedFen),
      fenToYuan(y.disbursedFen),
      fenToYuan(y.clawedBackFen),
      y.utilisation === null ? '—' : `${(y.utilisation * 100).toFixed(2)}%`,
    ]),
  };
}

export function townIndex(r: AssessmentReport): ChartSpec {
  const towns = [...r.townIndex].sort((a, b) => b.index - a.index);
  return {
    key: 'towns',
    title: '镇街人才工作指数排名',
    summary: towns.length && towns[0].index > 0 ? `第一名 ${towns[0].name}（${towns[0].index}）` : '暂无镇街数据',
    option: bars(
      towns.map((t) => t.name),
      [{ name: '指数', data: towns.map((t) => t.index) }],
      true,
    ),
    columns: ['排名', '镇街', '指数', '通过件数', '拨付（元）', '办结中位用时（小时）', '高技能人才'],
    rows: towns.map((t, i) => [i + 1, t.name, t.index, t.approvals, fenToYuan(t.disbursedFen), hours(t.medianDecisionHours), t.highSkill]),
  };
}

export const charts = (r: AssessmentReport): ChartSpec[] => [flowByMonth(r), flowByProgram(r), decisionTime(r), backlog(r), money(r), townIndex(r)];
