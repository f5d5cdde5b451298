import { randomUUID } from 'node:crypto';
import { makeIdNumber, makeUscc } from '../support/fixtures';
import { eventually } from '../support/workflow-env';
import { applicationWhen, complete, publishDrill, taskOf } from './support/drill';
import { Harness } from './support/harness';

/** 职称直通车 over HTTP: employer, qualification review, committee with sealed votes, notice, title. */
describe('title-fast-track over HTTP', () => {
  let h: Harness;
  let admin: string;
  let hrss: string;
  let lead: string;
  let auditor: string;
  const series = `e2e-economics-${randomUUID().slice(0, 6)}`;
  const members = Array.from({ length: 7 }, (_, i) => ({ id: `tft-e2e-${i}-${randomUUID().slice(0, 6)}`, name: `评委${i}`, fields: [series] }));

  beforeAll(async () => {
    h = await Harness.start();
    admin = await h.token({ sub: 'tft-admin', roles: ['admin'] });
    hrss = await h.token({ sub: 'tft-hrss', roles: ['reviewer'], queues: ['hrss-title'] });
    lead = await h.token({ sub: 'tft-hrss-lead', roles: ['reviewer'], queues: ['hrss-title-lead'] });
    auditor = await h.token({ sub: 'tft-auditor', roles: ['auditor'] });
    await publishDrill(h, admin, 'title-fast-track', { employerNotice: { iso: 'PT3S' }, publicNotice: { iso: 'PT3S' } });
    expect((await h.call('POST', '/admin/experts', { token: admin, body: members })).status).toBe(200);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('confers a senior title; individual votes are sealed from the applicant and open to auditors', async () => {
    const employerOrg = makeUscc();
    const applicant = await h.token({ sub: `eng-${randomUUID()}`, roles: ['applicant'], name: '刘工', idNumber: makeIdNumber('1982-08-08') });
    const employer = await h.token({ sub: `hr-${randomUUID()}`, roles: ['employer'], orgCode: employerOrg });
    const form = { series, targetLevel: 'senior', employerOrgCode: employerOrg, achievements: [{ kind: 'award', title: '省科技进步一等奖', year: 2025 }] };
    const empty = await h.call('POST', '/applications', { token: applicant, body: { program: 'title-fast-track', town: 'xincheng-jd', form: { ...form, achievements: [] } } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { path: string }) => e.path)).toEqual(['form.achievements']);
    const submitted = await h.call('POST', '/applications', { token: applicant, body: { program: 'title-fast-track', town: 'xincheng-jd', form } });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;

    const rec = await taskOf(h, employer, id, 'employer-recommendation');
    await complete(h, employer, rec.taskId, { outcome: 'approve', comment: '同意推荐，单位内部公示5个工作日' });
    const qualification = await taskOf(h, hrss, id, 'qualification-review', 'queue=hrss-title');
    await complete(h, hrss, qualification.taskId, { outcome: 'approve' });

    const tokens = await Promise.all(members.map((m) => h.token({ sub: m.id, roles: ['expert'] })));
    const seats = await eventually(async () => {
      const found = [];
      for (const token of tokens) {
        const task = (await h.call('GET', '/tasks?mine=true', { token })).body.items.find((t: { applicationId: string }) => t.applicationId === id);
        if (task) found.push({ token, taskId: task.taskId as string });
      }
      return found.length === 7 ? found : undefined;
    }, 'seven committee tasks');
    const votes = ['yes', 'yes', 'yes', 'yes', 'yes', 'no', 'abstain'];
    const badVote = await h.call('POST', `/tasks/${seats[0].taskId}/complete`, { token: seats[0].token, body: { outcome: 'approve', vote: 'perhaps' } });
    expect(badVote.status).toBe(400);
    for (const [n, seat] of seats.entries()) await complete(h, seat.token, seat.taskId, { outcome: 'approve', vote: votes[n] });

    // The lead's sign-off, with the decision's document number (文号), before the title is conferred.
    const signOff = await taskOf(h, lead, id, 'title-sign-off', 'queue=hrss-title-lead');
    const noRef = await h.call('POST', `/tasks/${signOff.taskId}/complete`, { token: lead, body: { outcome: 'approve' } });
    expect(noRef.status).toBe(400);
    expect(noRef.body.errors).toEqual([expect.objectContaining({ path: 'decisionRef' })]);
    expect((await h.call('POST', `/tasks/${signOff.taskId}/complete`, { token: hrss, body: { outcome: 'approve', decisionRef: 'x' } })).status).toBe(403);
    await complete(h, lead, signOff.taskId, { outcome: 'approve', decisionRef: '嘉秀人社〔2026〕12号' });
    const done = await applicationWhen(h, applicant, id, (a) => a.status === 'completed', 'the title');
    const chinaYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(done.title).toMatchObject({ series, level: 'senior', decisionRef: '嘉秀人社〔2026〕12号', certificateNumber: expect.stringMatching(new RegExp(`^XZZC-${chinaYear}-`)) });
    expect(done.panel).toEqual({ purpose: 'committee', result: 'passed' });

    const own = await h.call('GET', `/applications/${id}/events`, { token: applicant });
    const audited = await h.call('GET', `/applications/${id}/events`, { token: auditor });
    const voteOf = (events: { type: string; data: { fields?: { vote?: string } } }[]) =>
      events.filter((e) => e.type === 'TaskCompleted' && e.data.fields?.vote !== undefined).map((e) => e.data.fields!.vote);
    expect(voteOf(own.body)).toEqual(Array(7).fill('[sealed]'));
    expect(voteOf(audited.body).sort()).toEqual([...votes].sort());
    const tally = audited.body.find((e: { type: string }) => e.type === 'PanelConcluded');
    expect(tally.data).toMatchObject({ result: 'passed', yes: 5, no: 1, abstain: 1, responses: 7 });
  });

  it('a supplement that changes the employer goes back through the new employer\'s recommendation', async () => {
    const [firstOrg, secondOrg] = [makeUscc(), makeUscc()];
    const applicant = await h.token({ sub: `eng-${randomUUID()}`, roles: ['applicant'], name: '郑工', idNumber: makeIdNumber('1983-03-03') });
    const first = await h.token({ sub: `hr-${randomUUID()}`, roles: ['employer'], orgCode: firstOrg });
    const second = await h.token({ sub: `hr-${randomUUID()}`, roles: ['employer'], orgCode: secondOrg });
    const form = { series, targetLevel: 'associate-senior', employerOrgCode: firstOrg, achievements: [{ kind: 'paper', title: '换热器设计研究', year: 2024 }] };
    const id = (await h.call('POST', '/applications', { token: applicant, body: { program: 'title-fast-track', town: 'xincheng-jd', form } })).body.id as string;
    await complete(h, first, (await taskOf(h, first, id, 'employer-recommendation')).taskId, { outcome: 'approve', comment: '同意推荐' });

    const qualification = await taskOf(h, hrss, id, 'qualification-review', 'queue=hrss-title');
    await complete(h, hrss, qualification.taskId, { outcome: 'return', comment: '请更正现工作单位', items: [{ field: 'employerOrgCode', reason: '已调入新单位，请填写现单位代码' }] });
    const supplemented = await h.call('POST', `/applications/${id}/supplement`, { token: applicant, body: { message: '已更正为现单位', form: { ...form, employerOrgCode: secondOrg }, answers: [0] } });
    expect(supplemented.status).toBe(200);
    const again = await taskOf(h, second, id, 'employer-recommendation');
    expect(again.kind).toBe('employer-recommendation');
    await complete(h, second, again.taskId, { outcome: 'approve', comment: '同意推荐' });
    const notices = (await h.call('GET', `/applications/${id}/events`, { token: auditor })).body.filter((e: { type: string }) => e.type === 'PublicNoticeOpened');
    expect(notices.length).toBeGreaterThanOrEqual(1);
    await applicationWhen(h, applicant, id, (a) => a.stage === 'employer-notice' || a.stage === 'qualification-review', 'the new employer\'s notice');
  });
});
