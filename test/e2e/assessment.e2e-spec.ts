import ExcelJS from 'exceljs';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { isolatedDatabase } from '../support/database';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../support/fixtures';
import { eventually } from '../support/workflow-env';
import { Harness } from './support/harness';

/**
 * A known mix of applications in two towns, driven through the API, and every figure of the assessment report
 * checked against values worked out by hand below.
 */
describe('assessment report (人才工作考核) over HTTP', () => {
  let h: Harness;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let admin: string;
  let reviewer: string;
  let finance: string;
  let leader: string;

  beforeAll(async () => {
    db = await isolatedDatabase('assessment');
    h = await Harness.start({ DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await h.token({ sub: 'admin', roles: ['admin'] });
    reviewer = await h.token({ sub: 'rev', roles: ['reviewer'], queues: ['hrss-skill'] });
    finance = await h.token({ sub: 'fin', roles: ['finance'], queues: ['finance'] });
    leader = await h.token({ sub: 'lead', roles: ['leadership'] });
  });

  afterAll(async () => {
    await h?.stop();
    await db?.drop();
  });

  async function submit(town: string, level: number, registered = true) {
    const idNumber = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    if (registered) {
      await h.call('POST', '/admin/registries/skill-certificates', { token: admin, body: [{ certificateNumber, idNumber, level, occupation: '钳工', issuedOn: daysAgo(10) }] });
      await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: makeUscc(), town, months: 20, lastPaidMonth: '2026-10' }] });
    }
    const token = await h.token({ sub: `a-${randomUUID()}`, roles: ['applicant'], name: '孙八', idNumber });
    const body = { program: 'skill-subsidy', town, form: { certificateNumber, level, occupation: '钳工', issuedOn: daysAgo(10), bankAccount: { bankName: '建设银行', accountNumber: '6217000010001234' } } };
    const id = (await h.call('POST', '/applications', { token, body })).body.id as string;
    return { id, token };
  }

  const taskOf = (id: string, token: string, queue: string) =>
    eventually(async () => (await h.call('GET', `/tasks?queue=${queue}&sort=-createdAt&pageSize=200`, { token })).body.items.find((t: { applicationId: string }) => t.applicationId === id)?.taskId as string, `task in ${queue}`);
  const complete = (taskId: string, token: string, body: object) => h.call('POST', `/tasks/${taskId}/complete`, { token, body });
  const statusOf = (id: string, token: string, status: string) =>
    eventually(async () => (await h.call('GET', `/applications/${id}`, { token })).body.status === status, status);

  it('matches the hand-computed figures', async () => {
    // 王店镇: A approved and paid (level 3: 200000 fen); B rejected by the reviewer; C withdrawn in review.
    const a = await submit('wangdian', 3);
    await complete(await taskOf(a.id, reviewer, 'hrss-skill'), reviewer, { outcome: 'approve' });
    await complete(await taskOf(a.id, finance, 'finance'), finance, { outcome: 'approve', paymentReference: 'P-A' });
    const b = await submit('wangdian', 4);
    await complete(await taskOf(b.id, reviewer, 'hrss-skill'), reviewer, { outcome: 'reject', comment: '不符合' });
    const c = await submit('wangdian', 5);
    await taskOf(c.id, reviewer, 'hrss-skill');
    await h.call('POST', `/applications/${c.id}/withdraw`, { token: c.token, body: { reason: '不申请了' } });
    // 洪合镇: D rejected automatically (no certificate); E approved, payment not yet confirmed (level 2: 300000
    // fen); F waiting in review.
    const d = await submit('honghe', 3, false);
    await statusOf(d.id, d.token, 'rejected');
    const e = await submit('honghe', 2);
    await complete(await taskOf(e.id, reviewer, 'hrss-skill'), reviewer, { outcome: 'approve' });
    await taskOf(e.id, finance, 'finance');
    const f = await submit('honghe', 1);
    await taskOf(f.id, reviewer, 'hrss-skill');

    const reply = await h.call('GET', '/metrics/assessment', { token: leader });
    expect(reply.status).toBe(200);
    const r = reply.body;
    if (process.env.SAMPLE_REPORT_FILE) fs.writeFileSync(process.env.SAMPLE_REPORT_FILE, JSON.stringify(r, null, 2));
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

    expect(r.flow.totals).toEqual({ submitted: 6, approved: 2, rejected: 2, withdrawn: 1, lapsed: 0, inProgress: 1 });
    expect(r.flow.byProgram).toEqual({ 'skill-subsidy': r.flow.totals });
    expect(r.flow.byTown).toEqual({
      honghe: { submitted: 3, approved: 1, rejected: 1, withdrawn: 0, lapsed: 0, inProgress: 1 },
      wangdian: { submitted: 3, approved: 1, rejected: 1, withdrawn: 1, lapsed: 0, inProgress: 0 },
    });
    expect(r.flow.byMonth.reduce((n: number, m: { submitted: number }) => n + m.submitted, 0)).toBe(6);
    // Review tasks for A, B, C, E, F (C's cancelled); payment tasks for A and E (E's open).
    expect(r.flow.byDepartment).toEqual([
      { department: '区人力社保局', tasksCreated: 5, tasksCompleted: 3 },
      { department: '区财政局', tasksCreated: 2, tasksCompleted: 1 },
    ]);

    expect(r.speed.decision.count).toBe(5); // A, B, C, D, E
    expect(r.speed.decision.medianHours).toBeGreaterThanOrEqual(0);
    expect(r.speed.decision.p90Hours).toBeGreaterThanOrEqual(r.speed.decision.medianHours);
    expect(r.speed.stages.map((s: { kind: string; queue: string; count: number }) => [s.kind, s.queue, s.count])).toEqual([
      ['payment-confirmation', 'finance', 1],
      ['review', 'hrss-skill', 3],
    ]);
    expect(r.speed.overdue).toEqual([
      { queue: 'finance', department: '区财政局', overdue: 0, escalated: 0 },
      { queue: 'hrss-skill', department: '区人力社保局', overdue: 0, escalated: 0 },
    ]);
    expect(r.speed.backlog).toEqual([
      { queue: 'finance', department: '区财政局', open: 1 },
      { queue: 'hrss-skill', department: '区人力社保局', open: 1 },
    ]);

    expect(r.money.byProgramYear).toEqual([{ program: 'skill-subsidy', year, committedFen: 500000, disbursedFen: 200000, clawedBackFen: 0, clawbackOutstandingFen: 0 }]);
    // Budgets are policy data: the plan gives 2020 and 2025; other years until published have none.
    const budget = ({ 2020: 9066_000000, 2025: 10510_000000 } as Record<number, number>)[year] ?? null;
    expect(r.money.byYear).toEqual([{ year, budgetFen: budget, committedFen: 500000, disbursedFen: 200000, clawedBackFen: 0, clawbackOutstandingFen: 0, utilisation: budget ? Number((200000 / budget).toFixed(6)) : null }]);

    const indicator = (key: string) => r.indicators.find((i: { key: string }) => i.key === key);
    // Table 2's 15 indicators (plus the plan text's top talents, marked); skill subsidies are not paid from the talent fund.
    expect(r.indicators.filter((i: { inTable2: boolean }) => i.inTable2).map((i: { table2Row: number }) => i.table2Row)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(r.indicators.filter((i: { inTable2: boolean }) => !i.inTable2).map((i: { key: string }) => i.key)).toEqual(['top-talent']);
    expect(indicator('master-phd')).toMatchObject({ group: '人才素质', baseline: 2223, target: 4750, actual: 2223, progress: 0, source: 'events', department: '区委人才办' });
    // The fund's progress is against the year's budget, and no budget is published for this year.
    expect(indicator('talent-fund')).toMatchObject({ group: '人才投入', unit: '万元', actual: 0, progress: null, source: 'events', department: '区财政局' });
    expect(indicator('rd-personnel')).toMatchObject({ source: 'report', department: '区科技局', actual: null, progress: null, asOf: null });
    expect(indicator('productivity-growth')).toMatchObject({ baseline: null, target: 7 });
    // 承诺时限: the four decisions (a withdrawal is none) came within skill subsidy's 15 working days; nothing open is late.
    expect(r.onTime.byProgram).toEqual([{ program: 'skill-subsidy', decided: 4, onTime: 4, openLate: 0, rate: 1 }]);
    expect(r.townBasis).toEqual({ registry: 0, declaredOnly: 6 });
    expect(r.departments.find((d: { department: string }) => d.department === '区科技局')).toMatchObject({ openTasks: 0, unreported: ['rd-personnel', 'rd-active-firms', 'enterprise-institutes'] });
    expect(r.departments.find((d: { department: string }) => d.department === '区人力社保局')).toMatchObject({ openTasks: 1 });

    const town = (code: string) => r.townIndex.find((t: { town: string }) => t.town === code);
    expect(town('wangdian')).toMatchObject({ approvals: 1, disbursedFen: 200000, highSkill: 1 });
    expect(town('honghe')).toMatchObject({ approvals: 1, disbursedFen: 0, highSkill: 1 });
    expect(town('xincheng-jd')).toMatchObject({ approvals: 0, disbursedFen: 0, highSkill: 0, index: 0 });
    // wangdian: 0.4·1 + 0.3·1 + 0.1·1 + 0.2·speed; honghe: 0.4·1 + 0 + 0.1·1 + 0.2·speed (speed ≤ 1 each).
    expect(town('wangdian').index).toBeGreaterThanOrEqual(80);
    expect(town('honghe').index).toBeLessThanOrEqual(70);
    expect(r.townIndex[0].town).toBe('wangdian');

    const honghe = (await h.call('GET', '/metrics/assessment?town=honghe', { token: leader })).body;
    expect(honghe.flow.totals).toEqual({ submitted: 3, approved: 1, rejected: 1, withdrawn: 0, lapsed: 0, inProgress: 1 });
    const future = (await h.call('GET', '/metrics/assessment?from=2030-01-01T00:00:00Z', { token: leader })).body;
    expect(future.flow.totals.submitted).toBe(0);
    expect((await h.call('GET', '/metrics/assessment?from=banana', { token: leader })).status).toBe(400);
    expect((await h.call('GET', '/metrics/assessment', { token: reviewer })).status).toBe(403);

    const csv = await h.call('GET', '/metrics/assessment/export?format=csv', { token: leader });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('# flow-totals\nsubmitted,approved,rejected,withdrawn,lapsed,inProgress\n6,2,2,1,0,1\n');
    const xlsx = await fetch(`${h.baseUrl}/metrics/assessment/export?format=xlsx`, { headers: { authorization: `Bearer ${leader}` } });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(book.getWorksheet('flow-totals')!.getRow(2).values).toEqual([undefined, 6, 2, 2, 1, 0, 1]);
    expect(book.getWorksheet('town-index')).toBeDefined();

    const prometheus = await h.call('GET', '/metrics');
    expect(prometheus.status).toBe(200);
    expect(prometheus.body).toContain('talentflow_http_request_duration_seconds_bucket');
    expect(prometheus.body).toMatch(/talentflow_workflow_starts\{program="skill-subsidy"\} 6/);
    expect(prometheus.body).toMatch(/talentflow_task_backlog\{queue="hrss-skill"\} 1/);
    expect(prometheus.body).toMatch(/talentflow_projection_lag_events\{projection="assessment"\} \d+/);
    expect(prometheus.body).toContain('talentflow_event_append_seconds_bucket');
  });

  it('a department reports an indicator, the talent office returns one report and accepts the next; only the accepted one counts, and the stream verifies', async () => {
    const tech = await h.token({ sub: 'tech-reporter', roles: ['reporter'], department: '区科技局' });
    const stats = await h.token({ sub: 'stats-reporter', roles: ['reporter'], department: '区统计局' });
    const office = await h.token({ sub: 'office', roles: ['reviewer'], queues: ['talent-office'] });
    const auditor = await h.token({ sub: 'aud', roles: ['auditor'] });
    const year = String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear());
    const report = (token: string, key: string, body: object) => h.call('POST', `/indicators/${key}/reports`, { token, body });
    const body = { period: year, value: 171.2, evidenceRef: '秀科〔2027〕3号', note: '全区R&D人员折合全时当量' };

    const bad = await report(tech, 'rd-personnel', { period: '26', value: 'x', evidenceRef: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['evidenceRef', 'period', 'value']);
    const future = await report(tech, 'rd-personnel', { ...body, period: String(Number(year) + 1) });
    expect(future.status).toBe(400);
    expect(future.body.errors.map((e: { path: string }) => e.path)).toEqual(['period']);
    expect((await report(stats, 'rd-personnel', body)).status).toBe(403);
    // Impossible figures: a negative density, a share above 100 %.
    const negative = await report(tech, 'rd-personnel', { ...body, value: -5 });
    expect(negative.status).toBe(400);
    expect(negative.body.errors.map((e: { path: string }) => e.path)).toEqual(['value']);
    expect((await report(tech, 'rd-active-firms', { ...body, value: 1e9 })).status).toBe(400);
    expect((await report(tech, 'master-phd', body)).status).toBe(409);
    expect((await report(tech, 'no-such-indicator', body)).status).toBe(404);
    expect((await report(office, 'rd-personnel', body)).status).toBe(403);

    const retried = (key: string) => h.call('POST', '/indicators/rd-personnel/reports', { token: tech, body: { ...body, value: 1712 }, headers: { 'idempotency-key': key } });
    const first = await retried('tech-2026-rd-1');
    expect(first.status).toBe(201);
    expect((await retried('tech-2026-rd-1')).body).toEqual({ reportId: first.body.reportId }); // a retry is the same report, stored once
    const review = (id: string, token: string, b: object) => h.call('POST', `/indicators/rd-personnel/reports/${id}/review`, { token, body: b });
    expect((await review(first.body.reportId, reviewer, { outcome: 'accept' })).status).toBe(403); // not the talent office
    expect((await review(first.body.reportId, office, { outcome: 'return' })).status).toBe(400); // a return says why
    expect((await review(first.body.reportId, office, { outcome: 'return', comment: '数值单位有误（应为人年/万人）' })).body).toEqual({ reportId: first.body.reportId, status: 'returned' });
    const returned = (await h.call('GET', '/metrics/assessment', { token: leader })).body;
    expect(returned.indicators.find((i: { key: string }) => i.key === 'rd-personnel')).toMatchObject({ actual: null, progress: null });

    const second = await report(tech, 'rd-personnel', body);
    expect((await review(second.body.reportId, office, { outcome: 'accept', comment: '与统计公报一致' })).body.status).toBe('accepted');
    const again = await review(second.body.reportId, office, { outcome: 'return', comment: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INDICATOR.ALREADY_REVIEWED');
    const accepted = (await h.call('GET', '/metrics/assessment', { token: leader })).body;
    // (171.2 − 158.8) / (200 − 158.8) = 12.4 / 41.2 = 0.30097…
    expect(accepted.indicators.find((i: { key: string }) => i.key === 'rd-personnel')).toMatchObject({ actual: 171.2, progress: 0.301, asOf: expect.stringContaining(year) });
    expect(accepted.departments.find((d: { department: string }) => d.department === '区科技局').unreported).toEqual(['rd-active-firms', 'enterprise-institutes']);
    const listed = (await h.call('GET', '/indicators', { token: tech })).body.items.find((i: { key: string }) => i.key === 'rd-personnel');
    expect(listed.reports.map((x: { status: string }) => x.status)).toEqual(['accepted', 'returned']);

    const verdict = (await h.call('GET', '/indicators/rd-personnel/verify', { token: auditor })).body;
    expect(verdict).toMatchObject({ valid: true });
    const events = await db.ds.query(`SELECT type FROM events WHERE stream_id = 'indicator-rd-personnel' ORDER BY version`);
    expect(events.map((e: { type: string }) => e.type)).toEqual(['IndicatorReported', 'IndicatorReportReviewed', 'IndicatorReported', 'IndicatorReportReviewed']);
  });

  it('the annual report downloads as signed JSON, XLSX and a PDF in Chinese; a changed copy fails the check', async () => {
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect((await h.call('GET', `/metrics/assessment/annual?year=${year + 1}`, { token: leader })).status).toBe(400);
    expect((await h.call('GET', '/metrics/assessment/annual?year=abc', { token: leader })).status).toBe(400);
    expect((await h.call('GET', `/metrics/assessment/annual?year=${year}`, { token: reviewer })).status).toBe(403);
    const json = (await h.call('GET', `/metrics/assessment/annual?year=${year}`, { token: leader })).body;
    expect(json.report.reportingYear).toBe(year);
    expect(json.report.indicators).toHaveLength(16);
    const { canonicalize } = await import('json-canonicalize');
    const verify = (content: Buffer, signature: string) => h.call('POST', '/metrics/assessment/annual/verify', { token: leader, body: { contentBase64: content.toString('base64'), signature } });
    expect((await verify(Buffer.from(canonicalize(json.report)), json.signature.signature)).body).toMatchObject({ valid: true, sha256: json.signature.sha256 });
    expect((await verify(Buffer.from(canonicalize({ ...json.report, policyVersion: 99 })), json.signature.signature)).body.valid).toBe(false);

    const download = async (format: string) => {
      const res = await fetch(`${h.baseUrl}/metrics/assessment/annual?year=${year}&format=${format}`, { headers: { authorization: `Bearer ${leader}` } });
      expect(res.status).toBe(200);
      return { bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
    };
    const xlsx = await download('xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as never);
    expect(book.getWorksheet('年度报告')!.getRow(1).values).toEqual([undefined, `秀洲区人才发展年度评估报告（${year}年）`]);
    expect(book.getWorksheet('规划指标')!.getRow(1).values).toEqual([undefined, '表2序号', '一级指标', '指标代码', '名称', '单位', '2020年基数', '2025年目标', '实际值', '进度', '数据日期', '数据来源', '部门']);
    expect((await verify(xlsx.bytes, xlsx.headers.get('x-report-signature')!)).body.valid).toBe(true);

    const pdf = await download('pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await verify(pdf.bytes, pdf.headers.get('x-report-signature')!)).body.valid).toBe(true);
    const file = `${fs.mkdtempSync('/tmp/annual-')}/report.pdf`;
    fs.writeFileSync(file, pdf.bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString().replace(/\s+/g, '');
    expect(text).toContain(`秀洲区人才发展年度评估报告（${year}年）`);
    expect(text).toContain('博士、硕士人才');
    expect(text).toContain('部门责任清单');
  });

  it('publishes a new version of the assessment policy: a broken one is refused field by field; an added indicator shows, marked', async () => {
    const current = (await h.call('GET', '/admin/assessment-policy', { token: admin })).body;
    expect(current.version).toBe(1);
    expect((await h.call('POST', '/admin/assessment-policy', { token: leader, body: current.policy })).status).toBe(403);
    const broken = await h.call('POST', '/admin/assessment-policy', { token: admin, body: { ...current.policy, departmentIndexWeights: { onTime: 1, indicatorProgress: 1, reporting: 0 }, fundPrograms: ['lottery'] } });
    expect(broken.status).toBe(400);
    expect(broken.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['departmentIndexWeights', 'fundPrograms']);
    const added = { key: 'talent-apartments', group: '载体环境', name: '高端人才公寓', unit: '套', baseline: 0, target: 600, source: 'report', department: '区住建局' };
    const published = await h.call('POST', '/admin/assessment-policy', { token: admin, body: { ...current.policy, indicators: [...current.policy.indicators, added] } });
    expect(published.status).toBe(201);
    expect(published.body).toEqual({ version: 2 });
    const r = (await h.call('GET', '/metrics/assessment', { token: leader })).body;
    expect(r.policyVersion).toBe(2);
    expect(r.indicators.find((i: { key: string }) => i.key === 'talent-apartments')).toMatchObject({ inTable2: false, source: 'report', actual: null });
  });
});
