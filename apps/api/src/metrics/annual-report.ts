import fs from 'node:fs';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { chinaDate } from '#domain';
import { AssessmentReport } from '#metrics';
import { reportTables } from './assessment-export';

/** A CJK font for the PDF: WenQuanYi Zen Hei from Debian (fonts-wqy-zenhei) unless REPORT_FONT_PATH names another. */
export function reportFontPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.REPORT_FONT_PATH, '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc'].filter((p): p is string => !!p);
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

const PROGRAM_NAMES: Record<string, string> = { 'skill-subsidy': '技能补贴', 'degree-doubling': '硕博倍增', 'top-talent': '顶尖人才一事一议', 'title-fast-track': '职称直通车' };
const yuan = (fen: number | null) => (fen === null ? '—' : `${(fen / 1_000_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? '—' : String(x));
/** An instant as people in the district read it: China time, to the minute. */
const chinaDateTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The annual report's sections as lines of Chinese text, in the order a reader takes them. */
export function annualSections(year: number, r: AssessmentReport): { title: string; lines: string[] }[] {
  const y = r.money.byYear.find((m) => m.year === year);
  return [
    {
      title: '一、规划主要指标完成情况（表2）',
      lines: r.indicators.map(
        (i) =>
          `${i.table2Row ? `${i.table2Row}.` : '（规划正文）'} [${i.group}] ${i.name}：2020年基数 ${num(i.baseline)}，2025年目标 ${i.target}，` +
          `实际 ${num(i.actual)} ${i.unit}，进度 ${pct(i.progress)}；数据${i.source === 'events' ? '由系统从事件日志计算' : `由${i.department}填报、区委人才办审核`}` +
          `${i.asOf ? `（${/^\d{4}-\d{2}-\d{2}T/.test(i.asOf) ? `截至 ${chinaDate(i.asOf)}` : i.asOf}）` : '（未填报）'}，责任单位 ${i.department}`,
      ),
    },
    {
      title: '二、政策办理情况',
      lines: [
        `受理 ${r.flow.totals.submitted} 件，批准 ${r.flow.totals.approved} 件，不予批准 ${r.flow.totals.rejected} 件，撤回 ${r.flow.totals.withdrawn} 件，失效 ${r.flow.totals.lapsed} 件，办理中 ${r.flow.totals.inProgress} 件。`,
        ...Object.entries(r.flow.byProgram).map(([p, f]) => `${PROGRAM_NAMES[p] ?? p}：受理 ${f.submitted}，批准 ${f.approved}，不予批准 ${f.rejected}，办理中 ${f.inProgress}`),
        ...r.onTime.byProgram.map((o) => `${PROGRAM_NAMES[o.program] ?? o.program}：承诺时限内办结 ${o.onTime}/${o.decided}（${pct(o.rate)}）`),
      ],
    },
    {
      title: '三、资金使用情况',
      lines: [
        y
          ? `${year}年预算 ${yuan(y.budgetFen)}，拨付 ${yuan(y.disbursedFen)}，批准承诺 ${yuan(y.committedFen)}，追回 ${yuan(y.clawedBackFen)}，待追缴 ${yuan(y.clawbackOutstandingFen)}，预算执行率 ${pct(y.utilisation)}`
          : `${year}年无资金发生。`,
      ],
    },
    {
      title: '四、人才发展指数',
      lines: [
        ...r.townIndex.map((t) => `${t.name}：${t.index}（批准 ${t.approvals} 件，拨付 ${yuan(t.disbursedFen)}）`),
        `镇街口径：按社保登记单位所在地 ${r.townBasis.registry} 件，仅按申报所在地 ${r.townBasis.declaredOnly} 件。`,
        `部门指数 = 按时办结率×${r.indexWeights.department.onTime} + 指标进度×${r.indexWeights.department.indicatorProgress} + 指标填报率×${r.indexWeights.department.reporting}（×100；无数据的项不计，其权重按比例分摊）：`,
        ...r.departmentIndex.map((d) => `${d.department}：${d.index}（按时办结率 ${pct(d.onTimeRate)}，指标进度 ${pct(d.indicatorProgress)}，已有数值 ${d.reported}/${d.indicators}）`),
      ],
    },
    {
      title: '五、部门责任清单',
      lines: r.departments.map(
        (d) =>
          `${d.department}：在办任务 ${d.openTasks}，逾期 ${d.overdueTasks}；负责指标 ${d.indicators.length} 项` +
          `${d.unreported.length ? `，未填报 ${d.unreported.length} 项` : ''}${d.awaitingReview.length ? `，待审核 ${d.awaitingReview.length} 项` : ''}`,
      ),
    },
  ];
}

/** The annual report as a PDF in Chinese (the CJK font embedded, subset to the glyphs used). */
export async function annualPdf(year: number, r: AssessmentReport, fontPath: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `秀洲区人才发展年度评估报告（${year}年）`, Author: 'TalentFlow', CreationDate: new Date(r.generatedAt) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('zh', fontPath, 'WenQuanYiZenHei');
  doc.font('zh');
  doc.fontSize(18).text(`秀洲区人才发展年度评估报告（${year}年）`, { align: 'center' });
  doc.moveDown(0.5).fontSize(9).fillColor('#555').text(`生成时间 ${chinaDateTime(r.generatedAt)}（北京时间），考核口径第 ${r.policyVersion} 版；数据取自事件日志与经区委人才办审核的部门填报。`, { align: 'center' });
  doc.fillColor('#000');
  for (const section of annualSections(year, r)) {
    doc.moveDown(1).fontSize(13).text(section.title);
    doc.moveDown(0.3).fontSize(10);
    for (const line of section.lines) doc.text(line, { paragraphGap: 3 });
  }
  doc.end();
  return done;
}

/** The annual report as a workbook: a cover sheet in Chinese, then the report's tables. */
export async function annualXlsx(year: number, r: AssessmentReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'TalentFlow';
  book.created = new Date(r.generatedAt);
  const cover = book.addWorksheet('年度报告');
  cover.addRow([`秀洲区人才发展年度评估报告（${year}年）`]).font = { bold: true, size: 14 };
  cover.addRow([`生成时间 ${chinaDateTime(r.generatedAt)}（北京时间），考核口径第 ${r.policyVersion} 版`]);
  for (const section of annualSections(year, r)) {
    cover.addRow([]);
    cover.addRow([section.title]).font = { bold: true };
    for (const line of section.lines) cover.addRow([line]);
  }
  cover.getColumn(1).width = 120;
  for (const t of reportTables(r)) {
    const sheet = book.addWorksheet((SHEET_NAMES[t.name] ?? t.name).slice(0, 31));
    sheet.addRow(t.header.map((h) => COLUMN_NAMES[h] ?? h)).font = { bold: true };
    sheet.addRows(t.rows);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The annual workbook is read by people: its sheets and columns in Chinese (the monthly export keeps the API's keys). */
const SHEET_NAMES: Record<string, string> = {
  'flow-totals': '办理总量',
  'flow-by-program': '分项目办理',
  'flow-by-town': '分镇街办理',
  'flow-by-month': '分月办理',
  'flow-by-department': '分部门任务',
  'speed-decision': '办结用时',
  'speed-stages': '各环节用时',
  overdue: '逾期与升级',
  backlog: '在办任务',
  'money-by-program-year': '分项目资金',
  'money-by-year': '分年度资金',
  indicators: '规划指标',
  'on-time-by-program': '承诺时限-分项目',
  'on-time-by-stage': '承诺时限-分环节',
  'on-time-by-department': '承诺时限-分部门',
  'department-index': '部门人才发展指数',
  departments: '部门责任清单',
  'town-index': '镇街人才发展指数',
};
const COLUMN_NAMES: Record<string, string> = {
  submitted: '受理',
  approved: '批准',
  rejected: '不予批准',
  withdrawn: '撤回',
  lapsed: '失效',
  inProgress: '办理中',
  program: '项目',
  town: '镇街',
  month: '月份',
  department: '部门',
  tasksCreated: '生成任务',
  tasksCompleted: '完成任务',
  count: '件数',
  medianHours: '中位用时（小时）',
  p90Hours: '90分位用时（小时）',
  kind: '任务',
  queue: '队列',
  overdue: '逾期',
  escalated: '已升级',
  open: '在办',
  year: '年度',
  budgetFen: '预算（分）',
  committedFen: '批准承诺（分）',
  disbursedFen: '拨付（分）',
  clawedBackFen: '追回（分）',
  clawbackOutstandingFen: '待追缴（分）',
  utilisation: '预算执行率',
  table2Row: '表2序号',
  group: '一级指标',
  key: '指标代码',
  name: '名称',
  unit: '单位',
  baseline: '2020年基数',
  target: '2025年目标',
  actual: '实际值',
  progress: '进度',
  asOf: '数据日期',
  source: '数据来源',
  decided: '已决定',
  onTime: '按时',
  openLate: '在办超时',
  rate: '比率',
  ended: '已办结',
  onTimeRate: '按时办结率',
  indicatorProgress: '指标进度',
  reported: '已有数值',
  indicators: '负责指标',
  index: '指数',
  openTasks: '在办任务',
  overdueTasks: '逾期任务',
  unreported: '未填报',
  approvals: '批准件数',
  medianDecisionHours: '办结中位用时（小时）',
  highSkill: '高技能人才补贴',
};
