import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { AssessmentReport } from '#metrics';

type Table = { name: string; header: string[]; rows: (string | number | null)[][] };

/** The report as tables, one per section: the monthly report's sheets, or CSV blocks. */
export function reportTables(r: AssessmentReport): Table[] {
  const flowHeader = ['submitted', 'approved', 'rejected', 'withdrawn', 'lapsed', 'inProgress'] as const;
  const spreadRow = (s: { count: number; medianHours: number | null; p90Hours: number | null }) => [s.count, s.medianHours, s.p90Hours];
  return [
    { name: 'flow-totals', header: [...flowHeader], rows: [flowHeader.map((k) => r.flow.totals[k])] },
    { name: 'flow-by-program', header: ['program', ...flowHeader], rows: Object.entries(r.flow.byProgram).map(([k, v]) => [k, ...flowHeader.map((f) => v[f])]) },
    { name: 'flow-by-town', header: ['town', ...flowHeader], rows: Object.entries(r.flow.byTown).map(([k, v]) => [k, ...flowHeader.map((f) => v[f])]) },
    { name: 'flow-by-month', header: ['month', ...flowHeader], rows: r.flow.byMonth.map((m) => [m.month, ...flowHeader.map((f) => m[f])]) },
    { name: 'flow-by-department', header: ['department', 'tasksCreated', 'tasksCompleted'], rows: r.flow.byDepartment.map((d) => [d.department, d.tasksCreated, d.tasksCompleted]) },
    { name: 'speed-decision', header: ['program', 'count', 'medianHours', 'p90Hours'], rows: [['all', ...spreadRow(r.speed.decision)], ...Object.entries(r.speed.byProgram).map(([k, v]) => [k, ...spreadRow(v)])] },
    { name: 'speed-stages', header: ['kind', 'queue', 'department', 'count', 'medianHours', 'p90Hours'], rows: r.speed.stages.map((s) => [s.kind, s.queue, s.department, ...spreadRow(s)]) },
    { name: 'overdue', header: ['queue', 'department', 'overdue', 'escalated'], rows: r.speed.overdue.map((o) => [o.queue, o.department, o.overdue, o.escalated]) },
    { name: 'backlog', header: ['queue', 'department', 'open'], rows: r.speed.backlog.map((b) => [b.queue, b.department, b.open]) },
    { name: 'money-by-program-year', header: ['program', 'year', 'committedFen', 'disbursedFen', 'clawedBackFen', 'clawbackOutstandingFen'], rows: r.money.byProgramYear.map((m) => [m.program, m.year, m.committedFen, m.disbursedFen, m.clawedBackFen, m.clawbackOutstandingFen]) },
    { name: 'money-by-year', header: ['year', 'budgetFen', 'committedFen', 'disbursedFen', 'clawedBackFen', 'clawbackOutstandingFen', 'utilisation'], rows: r.money.byYear.map((m) => [m.year, m.budgetFen, m.committedFen, m.disbursedFen, m.clawedBackFen, m.clawbackOutstandingFen, m.utilisation]) },
    {
      name: 'indicators',
      header: ['table2Row', 'group', 'key', 'name', 'unit', 'baseline', 'target', 'actual', 'progress', 'asOf', 'source', 'department'],
      rows: r.indicators.map((i) => [i.table2Row ?? '+', i.group, i.key, i.name, i.unit, i.baseline, i.target, i.actual, i.progress, i.asOf, i.source, i.department]),
    },
    { name: 'on-time-by-program', header: ['program', 'decided', 'onTime', 'rate'], rows: r.onTime.byProgram.map((o) => [o.program, o.decided, o.onTime, o.rate]) },
    { name: 'on-time-by-stage', header: ['kind', 'queue', 'department', 'ended', 'onTime', 'rate'], rows: r.onTime.byStage.map((o) => [o.kind, o.queue, o.department, o.ended, o.onTime, o.rate]) },
    { name: 'on-time-by-department', header: ['department', 'ended', 'onTime', 'rate'], rows: r.onTime.byDepartment.map((o) => [o.department, o.ended, o.onTime, o.rate]) },
    {
      name: 'department-index',
      header: ['department', 'onTimeRate', 'indicatorProgress', 'reported', 'indicators', 'index'],
      rows: r.departmentIndex.map((d) => [d.department, d.onTimeRate, d.indicatorProgress, d.reported, d.indicators, d.index]),
    },
    {
      name: 'departments',
      header: ['department', 'openTasks', 'overdueTasks', 'indicators', 'unreported'],
      rows: r.departments.map((d) => [d.department, d.openTasks, d.overdueTasks, d.indicators.join(' '), d.unreported.join(' ')]),
    },
    {
      name: 'town-index',
      header: ['town', 'name', 'approvals', 'disbursedFen', 'medianDecisionHours', 'highSkill', 'index'],
      rows: [
        ...r.townIndex.map((t) => [t.town, t.name, t.approvals, t.disbursedFen, t.medianDecisionHours, t.highSkill, t.index]),
        [`镇街口径：按社保登记单位所在地 ${r.townBasis.registry} 件，仅按申报所在地 ${r.townBasis.declaredOnly} 件`, null, null, null, null, null, null],
      ],
    },
  ];
}

/** CSV: one block per table, a `# name` line before each, a blank line between. */
export function reportCsv(r: AssessmentReport): string {
  return reportTables(r)
    .map((t) => `# ${t.name}\n${stringify([t.header, ...t.rows])}`)
    .join('\n');
}

export async function reportXlsx(r: AssessmentReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'TalentFlow';
  book.created = new Date(r.generatedAt);
  const about = book.addWorksheet('report');
  about.addRows([['人才工作考核分析 assessment report'], ['generatedAt', r.generatedAt], ['policyVersion', r.policyVersion], ...Object.entries(r.filters).map(([k, v]) => [k, v ?? ''])]);
  for (const t of reportTables(r)) {
    const sheet = book.addWorksheet(t.name.slice(0, 31));
    sheet.addRow(t.header).font = { bold: true };
    sheet.addRows(t.rows);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
