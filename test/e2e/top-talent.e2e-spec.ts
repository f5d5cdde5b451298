import { randomUUID } from 'node:crypto';
import { makeIdNumber, makeUscc } from '../support/fixtures';
import { eventually } from '../support/workflow-env';
import { applicationWhen, complete, publishDrill, taskOf } from './support/drill';
import { Harness } from './support/harness';

/** 顶尖人才 "一事一议" over HTTP: every human step through the task API, under a drill policy. */
describe('top-talent over HTTP', () => {
  let h: Harness;
  let admin: string;
  let office: string;
  let leader: string;
  let finance: string;
  let auditor: string;
  let citizen: string;
  const sponsorOrg = makeUscc();
  // Experts of a field only this suite uses; the sixth sits in the sponsor's organisation and must be excluded.
  const experts = Array.from({ length: 6 }, (_, i) => ({ id: `tt-e2e-expert-${i}-${randomUUID().slice(0, 6)}`, name: `评审专家${i}`, fields: ['health'], ...(i === 5 ? { orgCode: sponsorOrg } : {}) }));

  beforeAll(async () => {
    h = await Harness.start();
    admin = await h.token({ sub: 'tt-admin', roles: ['admin'] });
    office = await h.token({ sub: 'tt-officer', roles: ['reviewer'], queues: ['talent-office'] });
    leader = await h.token({ sub: 'tt-leader', roles: ['leadership'], queues: ['leadership'] });
    finance = await h.token({ sub: 'tt-finance', roles: ['finance'], queues: ['finance'] });
    auditor = await h.token({ sub: 'tt-auditor', roles: ['auditor'] });
    citizen = await h.token({ sub: `citizen-${randomUUID()}`, roles: ['applicant'], name: '路人', idNumber: makeIdNumber('1970-01-01') });
    await publishDrill(h, admin, 'top-talent', { publicNotice: { iso: 'PT6S' } });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('registers experts only as admin, with every bad row listed', async () => {
    expect((await h.call('POST', '/admin/experts', { token: office, body: experts })).status).toBe(403);
    const bad = await h.call('POST', '/admin/experts', { token: admin, body: [{ id: 'x y', name: '', fields: 'health' }, { id: 'ok', name: 'ok', fields: [], orgCode: 'bad' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['0.fields', '0.id', '0.name', '1.orgCode']);
    expect((await h.call('POST', '/admin/experts', { token: admin, body: experts })).body).toEqual({ registered: 6 });
  });

  it('runs from pre-screening to completion: panel, leadership package, public notice with an objection, agreement, milestone', async () => {
    const sponsor = await h.token({ sub: `sponsor-${randomUUID()}`, roles: ['applicant'], name: '张联络', idNumber: makeIdNumber('1985-03-03'), orgCode: sponsorOrg });
    const noOrg = await h.token({ sub: `person-${randomUUID()}`, roles: ['applicant'], name: '个人', idNumber: makeIdNumber('1985-03-03') });
    const body = {
      program: 'top-talent',
      town: 'hitech-zone',
      form: {
        talent: { name: '司马光明', category: 'national', honours: ['国家杰出青年科学基金'] },
        project: { title: '数字健康平台', industry: 'health', summary: '慢病管理的数字化平台' },
        requestedSupport: { fundingFen: 800_000_000, spaceSqm: 2000 },
      },
    };
    expect((await h.call('POST', '/applications', { token: noOrg, body })).status).toBe(403);
    // The enterprise registry (stand-in) names the sponsor; the 公示 shows that name, not one the applicant typed.
    const badOrgs = await h.call('POST', '/admin/registries/organisations', { token: admin, body: [{ orgCode: 'nope', name: '' }] });
    expect(badOrgs.status).toBe(400);
    expect(badOrgs.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['0.name', '0.orgCode']);
    expect((await h.call('POST', '/admin/registries/organisations', { token: office, body: [{ orgCode: sponsorOrg, name: '嘉兴数康科技有限公司' }] })).status).toBe(403);
    expect((await h.call('POST', '/admin/registries/organisations', { token: admin, body: [{ orgCode: sponsorOrg, name: '嘉兴数康科技有限公司' }] })).body).toEqual({ imported: 1 });
    const submitted = await h.call('POST', '/applications', { token: sponsor, body });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;

    const pre = await taskOf(h, office, id, 'prescreen', 'queue=talent-office');
    await complete(h, office, pre.taskId, { outcome: 'approve', comment: '符合"3+3"产业方向' });

    const tokens = new Map(await Promise.all(experts.map(async (e) => [e.id, await h.token({ sub: e.id, roles: ['expert'] })] as const)));
    const panel = await eventually(async () => {
      const assigned = [];
      for (const [expertId, token] of tokens) {
        const reply = await h.call('GET', '/tasks?mine=true', { token });
        const task = reply.body.items.find((t: { applicationId: string }) => t.applicationId === id);
        if (task) assigned.push({ expertId, token, taskId: task.taskId as string });
      }
      return assigned.length === 5 ? assigned : undefined;
    }, 'five expert tasks');
    expect(panel.map((p) => p.expertId)).not.toContain(experts[5].id);
    // A task addressed to one expert is theirs alone: another expert holding the queue sees neither it nor the case.
    const outsider = await h.token({ sub: `outsider-${randomUUID()}`, roles: ['expert'], queues: ['experts'] });
    const outsiderTasks = await h.call('GET', '/tasks?queue=experts&pageSize=200', { token: outsider });
    expect(outsiderTasks.body.items.filter((t: { applicationId: string }) => t.applicationId === id)).toEqual([]);
    expect((await h.call('GET', `/applications/${id}`, { token: outsider })).status).toBe(404);
    expect((await h.call('POST', `/tasks/${panel[0].taskId}/complete`, { token: outsider, body: { outcome: 'approve', conflictOfInterest: true } })).status).toBe(404);
    // Scoring without declaring a conflict first is refused with the field named.
    const undeclared = await h.call('POST', `/tasks/${panel[0].taskId}/complete`, { token: panel[0].token, body: { outcome: 'approve', scores: { innovation: 90, team: 90, industryFit: 90, feasibility: 90 } } });
    expect(undeclared.status).toBe(400);
    expect(undeclared.body.errors).toEqual([expect.objectContaining({ path: 'conflictOfInterest' })]);
    for (const p of panel) {
      await complete(h, p.token, p.taskId, { outcome: 'approve', conflictOfInterest: false, scores: { innovation: 85, team: 80, industryFit: 90, feasibility: 75 } });
    }

    const decision = await taskOf(h, leader, id, 'leadership-decision', 'queue=leadership');
    const dueOn = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    const pkg = { totalFundingFen: 600_000_000, milestones: [{ title: '平台上线', amountFen: 600_000_000, dueOn }] };
    const unbalanced = await h.call('POST', `/tasks/${decision.taskId}/complete`, { token: leader, body: { outcome: 'approve', package: { ...pkg, totalFundingFen: 1 } } });
    expect(unbalanced.status).toBe(400);
    const noMeeting = await h.call('POST', `/tasks/${decision.taskId}/complete`, { token: leader, body: { outcome: 'approve', package: pkg } });
    expect(noMeeting.status).toBe(400);
    const meeting = { body: '区人才工作领导小组会议', date: '2026-11-20', minutesRef: '秀人才〔2026〕3号纪要' };
    await complete(h, leader, decision.taskId, { outcome: 'approve', comment: '一事一议：给予定制支持', meeting, package: { ...pkg, spaceSqm: 500, housing: '人才公寓一套' } });

    // The notice is public: anyone authenticated sees the masked summary and may object.
    const notice = await eventually(async () => {
      const reply = await h.call('GET', '/notices', { token: citizen });
      return reply.body.items.find((n: { applicationId: string }) => n.applicationId === id);
    }, 'the public notice');
    expect(notice.summary).toEqual({ name: '司***', program: 'top-talent', amountFen: 600_000_000, employer: '嘉兴数康科技有限公司', project: '数字健康平台' });
    // 公示 is public: the same masked summary without signing in.
    const anonymous = await h.call('GET', '/notices', {});
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.items.find((n: { applicationId: string }) => n.applicationId === id)?.summary).toEqual(notice.summary);
    const objection = await h.call('POST', `/applications/${id}/objections`, { token: citizen, body: { text: '项目已在他区获得支持' } });
    expect(objection.status).toBe(201);
    expect((await h.call('POST', `/applications/${id}/objections`, { token: citizen, body: { text: '' } })).status).toBe(400);

    const objections = await taskOf(h, office, id, 'objection-review', 'queue=talent-office');
    // Once the notice has closed, the application is no longer public: 404 to the citizen, 409 to those who see it.
    expect((await h.call('POST', `/applications/${id}/objections`, { token: citizen, body: { text: '迟到' } })).status).toBe(404);
    expect((await h.call('POST', `/applications/${id}/objections`, { token: sponsor, body: { text: '迟到' } })).status).toBe(409);
    await complete(h, office, objections.taskId, { outcome: 'approve', comment: '经核实，异议不成立' });

    const sign = await taskOf(h, sponsor, id, 'agreement-signing');
    await complete(h, sponsor, sign.taskId, { outcome: 'approve', comment: '已签署' });
    const report = await taskOf(h, sponsor, id, 'milestone-report');
    await complete(h, sponsor, report.taskId, { outcome: 'approve', evidence: { summary: '平台已上线运行', documents: ['验收报告.pdf'] } });
    const verify = await taskOf(h, office, id, 'milestone-verification', 'queue=talent-office');
    await complete(h, office, verify.taskId, { outcome: 'approve', comment: '验收通过' });
    const pay = await taskOf(h, finance, id, 'payment-confirmation', 'queue=finance');
    await complete(h, finance, pay.taskId, { outcome: 'approve', paymentReference: 'TREASURY-001' });

    const done = await applicationWhen(h, sponsor, id, (a) => a.status === 'completed', 'completion');
    expect(done.package).toEqual({ ...pkg, spaceSqm: 500, housing: '人才公寓一套' });
    expect(done.panel).toEqual({ purpose: 'expert-panel', result: 'passed' });
    expect(done.notice).toMatchObject({ open: false, objections: 1 });
    expect(done.schedule).toEqual([expect.objectContaining({ amountFen: 600_000_000, paid: true })]);
    const events = await h.call('GET', `/applications/${id}/events`, { token: auditor });
    const types = events.body.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['PanelDrawn', 'PanelConcluded', 'LeadershipDecided', 'PublicNoticeOpened', 'ObjectionFiled', 'AgreementSigned', 'MilestoneVerified', 'ApplicationCompleted']));
    expect((await h.call('GET', `/audit/applications/${id}/verify`, { token: auditor })).body).toMatchObject({ valid: true });
  });
});
