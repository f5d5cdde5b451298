import { randomUUID } from 'node:crypto';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../support/fixtures';
import { eventually } from '../support/workflow-env';
import { Harness } from './support/harness';

/** Auditors: state at any point, verification, dossier export, Temporal cross-check, logged reads. */
describe('audit over HTTP', () => {
  let h: Harness;
  let admin: string;
  let reviewer: string;
  let auditor: string;

  beforeAll(async () => {
    h = await Harness.start({ AUDIT_SIGNING_KEY_FILE: `${process.env.TEST_TMP_DIR}/audit-key-${randomUUID()}.pem` });
    admin = await h.token({ sub: 'admin-a', roles: ['admin'] });
    reviewer = await h.token({ sub: 'reviewer-audit', roles: ['reviewer'], queues: ['hrss-skill'] });
    auditor = await h.token({ sub: 'auditor-a', roles: ['auditor'] });
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function applicationInReview() {
    const idNumber = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    await h.call('POST', '/admin/registries/skill-certificates', {
      token: admin,
      body: [{ certificateNumber, idNumber, level: 4, occupation: '焊工', issuedOn: daysAgo(20) }],
    });
    await h.call('POST', '/admin/registries/social-insurance', {
      token: admin,
      body: [{ idNumber, orgCode: makeUscc(), town: 'honghe', months: 30, lastPaidMonth: '2026-10' }],
    });
    const applicant = await h.token({ sub: `a-${randomUUID()}`, roles: ['applicant'], name: '王五', idNumber });
    const body = {
      program: 'skill-subsidy',
      town: 'honghe',
      form: { certificateNumber, level: 4, occupation: '焊工', issuedOn: daysAgo(20), bankAccount: { bankName: '农业银行', accountNumber: '6228480012345678' } },
    };
    const id = (await h.call('POST', '/applications', { token: applicant, body })).body.id as string;
    const task = await eventually(async () => {
      const r = await h.call('GET', '/tasks?queue=hrss-skill&sort=-createdAt&pageSize=200', { token: reviewer });
      return r.body.items.find((t: { applicationId: string }) => t.applicationId === id);
    }, 'the review task');
    return { id, applicant, taskId: task.taskId as string };
  }

  it('rebuilds the state an officer saw at that moment, by time and by version', async () => {
    const { id, applicant, taskId } = await applicationInReview();
    const seenInReview = (await h.call('GET', `/applications/${id}`, { token: applicant })).body;
    const t1 = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20)); // the next event is recorded strictly after t1
    await h.call('POST', `/tasks/${taskId}/complete`, { token: reviewer, body: { outcome: 'return', comment: '缺少证书复印件', items: [{ document: '职业资格证书', reason: '缺少证书复印件' }] } });
    const seenReturned = (await h.call('GET', `/applications/${id}`, { token: applicant })).body;
    const t2 = new Date().toISOString();

    const atT1 = await h.call('GET', `/audit/applications/${id}/state?at=${encodeURIComponent(t1)}`, { token: auditor });
    expect(atT1.status).toBe(200);
    expect(atT1.body.state).toMatchObject({ status: seenInReview.status, stage: seenInReview.stage, form: seenInReview.form });
    expect(Object.keys(atT1.body.state.tasks)).toEqual(seenInReview.openTasks.map((t: { taskId: string }) => t.taskId));
    const atT2 = await h.call('GET', `/audit/applications/${id}/state?at=${encodeURIComponent(t2)}`, { token: auditor });
    expect(atT2.body.state).toMatchObject({ status: 'awaiting-supplement', stage: seenReturned.stage, supplement: { comment: '缺少证书复印件' } });

    const v1 = await h.call('GET', `/audit/applications/${id}/state?version=1`, { token: auditor });
    expect(v1.body).toMatchObject({ version: 1, state: { status: 'submitted', version: 1 } });
    expect((await h.call('GET', `/audit/applications/${id}/state?version=999`, { token: auditor })).status).toBe(404);
    expect((await h.call('GET', `/audit/applications/${id}/state?version=1&at=${t1}`, { token: auditor })).status).toBe(400);
    expect((await h.call('GET', `/audit/applications/${id}/state?at=2000-01-01T00:00:00Z`, { token: auditor })).status).toBe(404);
  });

  it('verifies one chain and the whole store, exports the dossier, and cross-checks Temporal', async () => {
    const { id } = await applicationInReview();
    expect((await h.call('GET', `/audit/applications/${id}/verify`, { token: auditor })).body).toMatchObject({ valid: true, eventCount: 5 });
    const all = await h.call('GET', '/audit/verify', { token: auditor });
    expect(all.body).toMatchObject({ valid: true, invalidStreams: [] });
    expect(all.body.events).toBeGreaterThanOrEqual(5);

    const jsonl = await h.call('GET', `/audit/applications/${id}/export?format=jsonl`, { token: auditor });
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    const records = (jsonl.body as string).trim().split('\n').map((l) => JSON.parse(l));
    expect(records[0]).toMatchObject({ record: 'dossier', applicationId: id });
    expect(records.filter((r) => r.record === 'event')).toHaveLength(5);
    expect(records.find((r) => r.record === 'timeline' && r.type === 'ApplicationSubmitted').summary).toContain('skill-subsidy');
    expect(records[records.length - 1]).toMatchObject({ record: 'verification', valid: true });
    const csv = await h.call('GET', `/audit/applications/${id}/export?format=csv`, { token: auditor });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((csv.body as string).split('\n')[0]).toBe('version,recordedAt,actorId,actorRole,type,summary,policyVersion,hash');

    const history = await h.call('GET', `/audit/applications/${id}/workflow-history`, { token: auditor });
    expect(history.status).toBe(200);
    expect(history.body[0].events[0].eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    const check = await h.call('GET', `/audit/applications/${id}/cross-check`, { token: auditor });
    expect(check.body).toEqual({ consistent: true, storedEvents: 5, appendedInHistory: 5, missingFromStore: [], missingFromHistory: [], mismatched: [] });
  });

  it('signs checkpoints that an auditor can keep and check later', async () => {
    const created = await h.call('POST', '/admin/audit/checkpoints', { token: admin });
    expect(created.status).toBe(201);
    expect((await h.call('POST', '/admin/audit/checkpoints', { token: auditor })).status).toBe(403);
    const kept = (await h.call('GET', `/audit/checkpoints/${created.body.id}`, { token: auditor })).body;
    expect(kept).toMatchObject({ algorithm: 'Ed25519', merkleRoot: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await h.call('POST', '/audit/checkpoints/verify', { token: auditor, body: { checkpoint: kept } })).body).toMatchObject({ valid: true });
    const altered = await h.call('POST', '/audit/checkpoints/verify', { token: auditor, body: { checkpoint: { ...kept, streamCount: kept.streamCount + 1 } } });
    expect(altered.body).toMatchObject({ valid: false, signatureValid: false });
    expect((await h.call('GET', '/audit/verify', { token: auditor })).body.checkpoints).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: kept.id, valid: true })]),
    );
  });

  it('is for auditors only, and records who read which file', async () => {
    const { id } = await applicationInReview();
    expect((await h.call('GET', `/audit/applications/${id}/verify`, { token: reviewer })).status).toBe(403);
    expect((await h.call('GET', `/audit/applications/${randomUUID()}/verify`, { token: auditor })).status).toBe(404);
    await h.call('GET', `/audit/applications/${id}/state?version=2`, { token: auditor });
    await h.call('GET', `/applications/${id}/events`, { token: auditor });
    const log = await h.call('GET', `/audit/access-log?applicationId=${id}`, { token: auditor });
    expect(log.body.items.map((e: { actorId: string; action: string }) => `${e.actorId} ${e.action}`)).toEqual(
      expect.arrayContaining(['auditor-a GET /api/v1/audit/applications/:id/state', 'auditor-a GET /api/v1/applications/:id/events']),
    );
  });
});
