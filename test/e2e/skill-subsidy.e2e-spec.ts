import { createHash, randomUUID } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../support/fixtures';
import { eventually } from '../support/workflow-env';
import { Harness } from './support/harness';

/** The whole 技能补贴 path over HTTP: API + worker + Temporal dev server + PostgreSQL. */
describe('skill subsidy over HTTP', () => {
  let h: Harness;
  let admin: string;
  let reviewerA: string;
  let reviewerB: string;
  let finance: string;
  let auditor: string;

  beforeAll(async () => {
    h = await Harness.start();
    admin = await h.token({ sub: 'admin-1', roles: ['admin'] });
    reviewerA = await h.token({ sub: 'reviewer-a', roles: ['reviewer'], queues: ['hrss-skill'] });
    reviewerB = await h.token({ sub: 'reviewer-b', roles: ['reviewer'], queues: ['hrss-skill'] });
    finance = await h.token({ sub: 'finance-1', roles: ['finance'], queues: ['finance'] });
    auditor = await h.token({ sub: 'auditor-1', roles: ['auditor'] });
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** A registered person with a level-3 certificate and 24 months of insurance; returns their token and form. */
  async function person(opts: { registered?: boolean } = {}) {
    const idNumber = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    if (opts.registered !== false) {
      expect(
        (
          await h.call('POST', '/admin/registries/skill-certificates', {
            token: admin,
            body: [{ certificateNumber, idNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40) }],
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await h.call('POST', '/admin/registries/social-insurance', {
            token: admin,
            body: [{ idNumber, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: '2026-10' }],
          })
        ).status,
      ).toBe(200);
    }
    const sub = `applicant-${randomUUID()}`;
    const token = await h.token({ sub, roles: ['applicant'], name: '李四', idNumber });
    const body = {
      program: 'skill-subsidy',
      town: 'wangdian',
      form: {
        certificateNumber,
        level: 3,
        occupation: '电工',
        issuedOn: daysAgo(40),
        bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204001234567' },
      },
    };
    return { sub, token, body, idNumber };
  }

  async function openTaskOf(applicationId: string, token: string, queue: string): Promise<{ taskId: string; kind: string }> {
    return eventually(async () => {
      const reply = await h.call('GET', `/tasks?queue=${queue}&sort=-createdAt&pageSize=200`, { token });
      return reply.body.items.find((t: { applicationId: string }) => t.applicationId === applicationId);
    }, `a task in ${queue}`);
  }

  it('takes an application from submission to completion, and the event hashes follow API.md', async () => {
    const p = await person();
    const submitted = await h.call('POST', '/applications', { token: p.token, body: p.body });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ program: 'skill-subsidy', status: 'submitted', workflowId: `application-${submitted.body.id}` });
    const id = submitted.body.id as string;

    const review = await openTaskOf(id, reviewerA, 'hrss-skill');
    const view = await h.call('GET', `/applications/${id}`, { token: p.token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ status: 'in-review', stage: 'review', town: 'wangdian', policyVersion: 1 });
    expect(view.body.applicant.idNumberMasked).toBe(`${p.idNumber.slice(0, 3)}${'*'.repeat(11)}${p.idNumber.slice(-4)}`);
    expect(view.body.openTasks).toEqual([expect.objectContaining({ taskId: review.taskId, queue: 'hrss-skill', kind: 'review' })]);

    expect((await h.call('POST', `/tasks/${review.taskId}/claim`, { token: reviewerA })).status).toBe(200);
    const approved = await h.call('POST', `/tasks/${review.taskId}/complete`, { token: reviewerA, body: { outcome: 'approve', comment: '符合条件' } });
    expect(approved.status).toBe(200);
    expect(approved.body.application).toMatchObject({ id, status: 'in-payment', stage: 'payment' });

    const pay = await openTaskOf(id, finance, 'finance');
    const done = await h.call('POST', `/tasks/${pay.taskId}/complete`, { token: finance, body: { outcome: 'approve', paymentReference: 'ICBC-0001' } });
    expect(done.status).toBe(200);
    expect(done.body.application.status).toBe('completed');

    const final = await h.call('GET', `/applications/${id}`, { token: p.token });
    expect(final.body.payments).toEqual([expect.objectContaining({ amountFen: 200000, status: 'confirmed', reference: 'ICBC-0001' })]);

    const events = await h.call('GET', `/applications/${id}/events`, { token: auditor });
    expect(events.status).toBe(200);
    expect(events.body[0].type).toBe('ApplicationSubmitted');
    expect(events.body[events.body.length - 1].type).toBe('ApplicationCompleted');
    let prevHash = '0'.repeat(64);
    events.body.forEach((e: Record<string, unknown>, i: number) => {
      expect(e.version).toBe(i + 1);
      expect(e.streamId).toBe(`application-${id}`);
      expect(e.prevHash).toBe(prevHash);
      const { eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt } = e;
      const expected = createHash('sha256')
        .update(canonicalize({ eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt, prevHash }), 'utf8')
        .digest('hex');
      expect(e.hash).toBe(expected);
      expect(e.metadata).toMatchObject({ workflowId: `application-${id}`, policyVersion: 1, actor: expect.any(Object) });
      prevHash = e.hash as string;
    });
    const positions = events.body.map((e: { position: number }) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('rejects automatically when the certificate registry has no such certificate', async () => {
    const p = await person({ registered: false });
    const submitted = await h.call('POST', '/applications', { token: p.token, body: p.body });
    expect(submitted.status).toBe(201);
    const rejected = await eventually(async () => {
      const r = await h.call('GET', `/applications/${submitted.body.id}`, { token: p.token });
      return r.body.status === 'rejected' ? r.body : undefined;
    }, 'the automatic rejection');
    expect(rejected.closingReason).toBe('CERTIFICATE_NOT_FOUND');
    expect(rejected.openTasks).toEqual([]);
  });

  async function rejection(id: string, token: string): Promise<{ closingReason: string; checks: { check: string; reason?: string }[] }> {
    return eventually(async () => {
      const r = await h.call('GET', `/applications/${id}`, { token });
      return r.body.status === 'rejected' ? r.body : undefined;
    }, 'the automatic rejection');
  }

  it('refuses a second application for a certificate whose first is still in review (it would be paid twice)', async () => {
    const p = await person();
    const first = await h.call('POST', '/applications', { token: p.token, body: p.body });
    expect(first.status).toBe(201);
    await openTaskOf(first.body.id, reviewerA, 'hrss-skill'); // the first waits for its review
    const second = await h.call('POST', '/applications', { token: p.token, body: p.body });
    expect(second.status).toBe(201); // another submission (no Idempotency-Key): a second application
    expect(second.body.id).not.toBe(first.body.id);
    const refused = await rejection(second.body.id, p.token);
    expect(refused.closingReason).toBe('CERTIFICATE_CLAIM_IN_PROGRESS');
    expect(refused.checks.find((c) => c.check === 'duplicate-claims')).toMatchObject({ reason: 'CERTIFICATE_CLAIM_IN_PROGRESS' });
  });

  it('of two applications for one certificate submitted at the same moment, exactly one goes on (the claim is taken under the person\'s lock)', async () => {
    const p = await person();
    const [a, b] = await Promise.all([h.call('POST', '/applications', { token: p.token, body: p.body }), h.call('POST', '/applications', { token: p.token, body: p.body })]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const settled = await Promise.all(
      [a.body.id as string, b.body.id as string].map((id) =>
        eventually(async () => {
          const r = (await h.call('GET', `/applications/${id}`, { token: p.token })).body;
          return r.status === 'rejected' || r.openTasks.length > 0 ? r : undefined;
        }, 'checks done'),
      ),
    );
    expect(settled.map((s) => s.status).sort()).toEqual(['in-review', 'rejected']);
    expect(settled.find((s) => s.status === 'rejected').closingReason).toBe('CERTIFICATE_CLAIM_IN_PROGRESS');
  });

  it('refuses an issue date that is not the registry\'s', async () => {
    const p = await person();
    const submitted = await h.call('POST', '/applications', { token: p.token, body: { ...p.body, form: { ...p.body.form, issuedOn: daysAgo(10) } } });
    expect(submitted.status).toBe(201);
    expect((await rejection(submitted.body.id, p.token)).closingReason).toBe('ISSUE_DATE_MISMATCH');
  });

  it('returns for supplement, takes the supplement, and approves on the second review', async () => {
    const p = await person();
    const id = (await h.call('POST', '/applications', { token: p.token, body: p.body })).body.id as string;
    const first = await openTaskOf(id, reviewerA, 'hrss-skill');
    const noComment = await h.call('POST', `/tasks/${first.taskId}/complete`, { token: reviewerA, body: { outcome: 'return' } });
    expect(noComment.status).toBe(400);
    expect(noComment.headers.get('content-type')).toContain('application/problem+json');
    expect(noComment.body.errors).toEqual([expect.objectContaining({ path: 'comment' })]);

    const noItems = await h.call('POST', `/tasks/${first.taskId}/complete`, { token: reviewerA, body: { outcome: 'return', comment: '请上传证书原件' } });
    expect(noItems.status).toBe(400);
    expect(noItems.body.errors).toEqual([expect.objectContaining({ path: 'items' })]);
    const items = [{ document: '职业资格证书', reason: '请上传证书原件' }, { field: 'occupation', reason: '职业名称与证书不一致' }];
    const returned = await h.call('POST', `/tasks/${first.taskId}/complete`, { token: reviewerA, body: { outcome: 'return', comment: '请上传证书原件', items } });
    expect(returned.body.application.status).toBe('awaiting-supplement');
    const asked = (await h.call('GET', `/applications/${id}`, { token: p.token })).body;
    expect(asked.supplement).toMatchObject({ comment: '请上传证书原件', items });
    expect(asked.returns).toEqual({ made: 1, max: 2 });
    const unknownItem = await h.call('POST', `/applications/${id}/supplement`, { token: p.token, body: { message: '已上传', answers: [5] } });
    expect(unknownItem.status).toBe(400);
    const supplemented = await h.call('POST', `/applications/${id}/supplement`, { token: p.token, body: { message: '已上传', answers: [0, 1] } });
    expect(supplemented.status).toBe(200);
    expect(supplemented.body.status).toBe('in-review');
    const again = await h.call('POST', `/applications/${id}/supplement`, { token: p.token, body: { message: '再次' } });
    expect(again.status).toBe(409);

    const second = await openTaskOf(id, reviewerA, 'hrss-skill');
    expect(second.taskId).not.toBe(first.taskId);
    // The reviewer of the second round reads the applicant's answer beside the earlier return.
    const seen = (await h.call('GET', `/applications/${id}`, { token: reviewerA })).body;
    expect(seen.supplements).toEqual([{ message: '已上传', formChanged: false, providedAt: expect.any(String), answers: [0, 1], items }]);
    expect(seen.decisions).toEqual([expect.objectContaining({ kind: 'review', outcome: 'return' })]);
    const approved = await h.call('POST', `/tasks/${second.taskId}/complete`, { token: reviewerA, body: { outcome: 'approve' } });
    expect(approved.body.application.status).toBe('in-payment');
  });

  it('lets the applicant withdraw before the decision, and not twice', async () => {
    const p = await person();
    const id = (await h.call('POST', '/applications', { token: p.token, body: p.body })).body.id as string;
    const task = await openTaskOf(id, reviewerA, 'hrss-skill');
    const other = await person();
    expect((await h.call('POST', `/applications/${id}/withdraw`, { token: other.token, body: { reason: 'x' } })).status).toBe(404);
    const withdrawn = await h.call('POST', `/applications/${id}/withdraw`, { token: p.token, body: { reason: '个人原因' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await h.call('POST', `/applications/${id}/withdraw`, { token: p.token, body: { reason: '再次' } })).status).toBe(409);
    expect((await h.call('POST', `/tasks/${task.taskId}/complete`, { token: reviewerA, body: { outcome: 'approve' } })).status).toBe(409);
  });

  it('lets exactly one of two reviewers complete the same task at the same moment', async () => {
    const p = await person();
    const id = (await h.call('POST', '/applications', { token: p.token, body: p.body })).body.id as string;
    const task = await openTaskOf(id, reviewerA, 'hrss-skill');
    const [a, b] = await Promise.all([
      h.call('POST', `/tasks/${task.taskId}/complete`, { token: reviewerA, body: { outcome: 'reject', comment: '材料不全' } }),
      h.call('POST', `/tasks/${task.taskId}/complete`, { token: reviewerB, body: { outcome: 'approve' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.headers.get('content-type')).toContain('application/problem+json');
    const events = await h.call('GET', `/applications/${id}/events`, { token: auditor });
    expect(events.body.filter((e: { type: string }) => e.type === 'TaskCompleted')).toHaveLength(1);
  });

  it('answers a repeated Idempotency-Key with the same application, and a changed body with 409', async () => {
    const p = await person();
    const key = `submit-${randomUUID()}`;
    const first = await h.call('POST', '/applications', { token: p.token, body: p.body, headers: { 'idempotency-key': key } });
    const repeat = await h.call('POST', '/applications', { token: p.token, body: p.body, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(200);
    expect(repeat.body.id).toBe(first.body.id);
    const changed = await h.call('POST', '/applications', {
      token: p.token,
      body: { ...p.body, town: 'honghe' },
      headers: { 'idempotency-key': key },
    });
    expect(changed.status).toBe(409);
    const mine = await h.call('GET', '/applications', { token: p.token });
    expect(mine.body.total).toBe(1);
  });

  it('lists every failing field of a bad submission and stores nothing', async () => {
    const p = await person();
    const streamsBefore = await h.streamCount();
    const bad = await h.call('POST', '/applications', {
      token: p.token,
      body: { program: 'skill-subsidy', town: 'atlantis', form: { level: 9, issuedOn: '2026-02-30', bankAccount: {}, extra: 1 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const paths = (bad.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'town',
        'form.certificateNumber',
        'form.level',
        'form.occupation',
        'form.issuedOn',
        'form.bankAccount.bankName',
        'form.bankAccount.accountNumber',
        'form.extra',
      ]),
    );
    expect((await h.call('POST', '/applications', { token: p.token, raw: '{"program":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await h.call('POST', '/applications', { body: p.body })).status).toBe(401);
    expect((await h.call('POST', '/applications', { token: reviewerA, body: p.body })).status).toBe(403);
    expect((await h.call('POST', '/auth/dev-token', { body: { sub: 'x', roles: ['applicant'], idNumber: '110105194912310021' } })).body.errors).toEqual([
      expect.objectContaining({ path: 'idNumber' }),
    ]);
    expect(await h.streamCount()).toBe(streamsBefore);
    expect((await h.call('GET', '/applications', { token: p.token })).body.total).toBe(0);
  });

  it('reports health, serves OpenAPI, and the policy in force', async () => {
    const health = await h.call('GET', '/health');
    expect(health.status).toBe(200);
    // The run's server: the embedded one unless DATABASE_URL named another (test/support/services.ts).
    const mode = process.env.TALENTFLOW_DATABASE_MODE;
    expect(['embedded', 'external']).toContain(mode);
    expect(health.body).toEqual({ status: 'ok', checks: { postgres: { status: 'up', mode }, temporal: 'up' } });
    const cut = await h.extraApi({ TEMPORAL_ADDRESS: '127.0.0.1:9' }); // nothing listens on the discard port
    const degraded = await fetch(`${cut}/health`);
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toEqual({ status: 'degraded', checks: { postgres: { status: 'up', mode }, temporal: 'down' } });
    const docs = await fetch(h.baseUrl.replace('/api/v1', '/api/docs-json'));
    expect(docs.status).toBe(200);
    expect(Object.keys(((await docs.json()) as { paths: object }).paths)).toEqual(expect.arrayContaining(['/api/v1/applications', '/api/v1/tasks/{taskId}/complete']));
    const policy = await h.call('GET', '/policies/skill-subsidy', { token: reviewerA });
    expect(policy.body).toMatchObject({ program: 'skill-subsidy', version: 1, policy: { amountsFenByLevel: { '3': 200000 } } });
  });
});
