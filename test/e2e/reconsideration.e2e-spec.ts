import { randomUUID } from 'node:crypto';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../support/fixtures';
import { eventually } from '../support/workflow-env';
import { Harness } from './support/harness';

/** 复核 and 一次性告知 over HTTP (PROGRAMS.md, "Cross-cutting procedure"), on the skill subsidy. */
describe('reconsideration and returns over HTTP', () => {
  let h: Harness;
  let admin: string;
  let reviewer: string;
  let reviewerWhoLeads: string;
  let lead: string;
  let finance: string;

  beforeAll(async () => {
    h = await Harness.start();
    admin = await h.token({ sub: 'admin-rc', roles: ['admin'] });
    reviewer = await h.token({ sub: 'reviewer-rc', roles: ['reviewer'], queues: ['hrss-skill'] });
    reviewerWhoLeads = await h.token({ sub: 'reviewer-lead-rc', roles: ['reviewer'], queues: ['hrss-skill', 'hrss-skill-lead'] });
    lead = await h.token({ sub: 'lead-rc', roles: ['reviewer'], queues: ['hrss-skill-lead'] });
    finance = await h.token({ sub: 'finance-rc', roles: ['finance'], queues: ['finance'] });
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function submit(opts: { registered?: boolean } = {}): Promise<{ id: string; token: string }> {
    const idNumber = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    if (opts.registered !== false) {
      await h.call('POST', '/admin/registries/skill-certificates', { token: admin, body: [{ certificateNumber, idNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40) }] });
    }
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: '2026-10' }] });
    const token = await h.token({ sub: `applicant-${randomUUID()}`, roles: ['applicant'], name: '王五', idNumber });
    const form = { certificateNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40), bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204001234567' } };
    const reply = await h.call('POST', '/applications', { token, body: { program: 'skill-subsidy', town: 'wangdian', form } });
    expect(reply.status).toBe(201);
    return { id: reply.body.id as string, token };
  }

  async function view(id: string, token: string, until: (v: any) => boolean, what: string): Promise<any> {
    return eventually(async () => {
      const r = await h.call('GET', `/applications/${id}`, { token });
      return until(r.body) ? r.body : undefined;
    }, what);
  }

  async function task(id: string, token: string, queue: string, kind: string): Promise<string> {
    return eventually(async () => {
      const r = await h.call('GET', `/tasks?queue=${queue}&sort=-createdAt&pageSize=200`, { token });
      return r.body.items.find((t: { applicationId: string; kind: string }) => t.applicationId === id && t.kind === kind)?.taskId as string | undefined;
    }, `a ${kind} task in ${queue}`);
  }

  it('an automatic rejection, reconsidered and set aside, goes on to approval and payment', async () => {
    const a = await submit({ registered: false });
    const rejected = await view(a.id, a.token, (v) => v.reconsideration?.status === 'open', 'the rejection with its window');
    expect(rejected).toMatchObject({ status: 'rejected', closingReason: 'CERTIFICATE_NOT_FOUND', reconsideration: { decision: { status: 'rejected', reason: 'CERTIFICATE_NOT_FOUND', automatic: true } } });
    expect(Date.parse(rejected.reconsideration.dueAt)).toBeGreaterThan(Date.now() + 14 * 86_400_000);

    const empty = await h.call('POST', `/applications/${a.id}/reconsideration`, { token: a.token, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'reason' })]);
    const asked = await h.call('POST', `/applications/${a.id}/reconsideration`, { token: a.token, body: { reason: '证书为人社部门新近核发，登记库尚未同步' } });
    expect(asked.status).toBe(201);
    expect(asked.body.application.status).toBe('reconsidering');
    const twice = await h.call('POST', `/applications/${a.id}/reconsideration`, { token: a.token, body: { reason: '再次申请' } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('RECONSIDERATION.ALREADY_REQUESTED');
    expect((await h.call('POST', `/applications/${a.id}/reconsideration`, { token: reviewer, body: { reason: 'x' } })).status).toBe(403);

    const taskId = await task(a.id, lead, 'hrss-skill-lead', 'reconsideration');
    const noComment = await h.call('POST', `/tasks/${taskId}/complete`, { token: lead, body: { outcome: 'overturn' } });
    expect(noComment.status).toBe(400);
    const overturned = await h.call('POST', `/tasks/${taskId}/complete`, { token: lead, body: { outcome: 'overturn', comment: '经核实证书真实有效' } });
    expect(overturned.status).toBe(200);
    expect(overturned.body.application.status).toBe('in-review');

    const review = await task(a.id, reviewer, 'hrss-skill', 'review');
    expect((await h.call('POST', `/tasks/${review}/complete`, { token: reviewer, body: { outcome: 'approve' } })).body.application.status).toBe('in-payment');
    const pay = await task(a.id, finance, 'finance', 'payment-confirmation');
    expect((await h.call('POST', `/tasks/${pay}/complete`, { token: finance, body: { outcome: 'approve', paymentReference: 'ICBC-RC-1' } })).body.application.status).toBe('completed');
    const done = await view(a.id, a.token, (v) => v.status === 'completed', 'completion');
    expect(done.reconsideration).toMatchObject({ status: 'overturned', outcome: 'overturn', comment: '经核实证书真实有效' });
    expect(done.payments).toEqual([expect.objectContaining({ status: 'confirmed', amountFen: 200000 })]);
  });

  it('the reviewer who rejected may not decide the reconsideration; an upheld decision states the rights', async () => {
    const a = await submit();
    const review = await task(a.id, reviewerWhoLeads, 'hrss-skill', 'review');
    await h.call('POST', `/tasks/${review}/complete`, { token: reviewerWhoLeads, body: { outcome: 'reject', comment: '证书职业与申报不符' } });
    await view(a.id, a.token, (v) => v.reconsideration?.status === 'open', 'the window');
    const inReview = await h.call('POST', `/applications/${a.id}/withdraw`, { token: a.token, body: { reason: 'x' } });
    expect(inReview.status).toBe(409);
    expect((await h.call('POST', `/applications/${a.id}/reconsideration`, { token: a.token, body: { reason: '职业名称为同一工种' } })).status).toBe(201);

    const taskId = await task(a.id, lead, 'hrss-skill-lead', 'reconsideration');
    const recused = await h.call('POST', `/tasks/${taskId}/complete`, { token: reviewerWhoLeads, body: { outcome: 'overturn', comment: '同意' } });
    expect(recused.status).toBe(403);
    expect(recused.body.code).toBe('TASK.RECUSED');
    const upheld = await h.call('POST', `/tasks/${taskId}/complete`, { token: lead, body: { outcome: 'uphold', comment: '原决定事实清楚、依据充分' } });
    expect(upheld.body.application.status).toBe('rejected');
    const final = await view(a.id, a.token, (v) => v.reconsideration?.status === 'upheld', 'the upheld decision');
    expect(final.reconsideration.rights).toMatch(/60日内.*行政复议.*6个月内.*行政诉讼/);
    const again = await h.call('POST', `/applications/${a.id}/reconsideration`, { token: a.token, body: { reason: '再次' } });
    expect(again.status).toBe(409);
    const events = (await h.call('GET', `/applications/${a.id}/events`, { token: a.token })).body as { type: string }[];
    expect(events.filter((e) => e.type.startsWith('Reconsideration')).map((e) => e.type)).toEqual(['ReconsiderationWindowOpened', 'ReconsiderationRequested', 'ReconsiderationDecided']);
  });

  it('nothing to reconsider while the file is in review', async () => {
    const a = await submit();
    await task(a.id, reviewer, 'hrss-skill', 'review');
    const early = await h.call('POST', `/applications/${a.id}/reconsideration`, { token: a.token, body: { reason: '提前申请' } });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('RECONSIDERATION.NOT_AVAILABLE');
  });

  it('一次性告知: a third return answers 409 RETURN.LIMIT_REACHED and changes nothing', async () => {
    const a = await submit();
    const items = [{ document: '职业资格证书', reason: '扫描件不清晰' }];
    for (let round = 1; round <= 2; round += 1) {
      const review = await task(a.id, reviewer, 'hrss-skill', 'review');
      expect((await h.call('POST', `/tasks/${review}/complete`, { token: reviewer, body: { outcome: 'return', comment: `第${round}次补正`, items } })).status).toBe(200);
      expect((await h.call('POST', `/applications/${a.id}/supplement`, { token: a.token, body: { message: '已重新上传', answers: [0] } })).status).toBe(200);
    }
    const third = await task(a.id, reviewer, 'hrss-skill', 'review');
    const before = (await h.call('GET', `/applications/${a.id}/events`, { token: a.token })).body.length;
    const refused = await h.call('POST', `/tasks/${third}/complete`, { token: reviewer, body: { outcome: 'return', comment: '第3次', items } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('RETURN.LIMIT_REACHED');
    expect((await h.call('GET', `/applications/${a.id}/events`, { token: a.token })).body.length).toBe(before);
    expect((await h.call('GET', `/applications/${a.id}`, { token: a.token })).body.returns).toEqual({ made: 2, max: 2 });
  });
});
