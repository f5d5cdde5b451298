import ExcelJS from 'exceljs';
import fs from 'node:fs';
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
    const budget = { 2026: 10510_000000 }[year as 2026] ?? null;
    expect(r.money.byYear).toEqual([{ year, budgetFen: budget, committedFen: 500000, disbursedFen: 200000, clawedBackFen: 0, clawbackOutstandingFen: 0, utilisation: budget ? Number((200000 / budget).toFixed(6)) : null }]);

    const indicator = (key: string) => r.indicators.find((i: { key: string }) => i.key === key);
    expect(indicator('high-skill-subsidies')).toMatchObject({ baseline: 0, target: 1000, actual: 2, progress: 0.002 });
    expect(indicator('master-phd')).toMatchObject({ baseline: 2223, target: 4750, actual: 2223, progress: 0 });
    expect(indicator('talent-fund')).toMatchObject({ actual: 0.2, progress: Number((0.2 / 10510).toFixed(4)) });

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
});
