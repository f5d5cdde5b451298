import { randomUUID } from 'node:crypto';
import { isolatedDatabase } from '../support/database';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../support/fixtures';
import { eventually } from '../support/workflow-env';
import { Harness } from './support/harness';

/** Routes the auditors', leadership's and administrators' screens added: whole-store verification jobs, policy versions, the expert pool. */
describe('console routes over HTTP', () => {
  let h: Harness;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let admin: string;
  let auditor: string;
  let reviewer: string;

  beforeAll(async () => {
    db = await isolatedDatabase('console');
    h = await Harness.start({ DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await h.token({ sub: 'console-admin', roles: ['admin'] });
    auditor = await h.token({ sub: 'console-auditor', roles: ['auditor'] });
    reviewer = await h.token({ sub: 'console-reviewer', roles: ['reviewer'], queues: ['hrss-skill'] });
  });

  afterAll(async () => {
    await h?.stop();
    await db?.drop();
  });

  async function submitted(): Promise<string> {
    const idNumber = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    await h.call('POST', '/admin/registries/skill-certificates', { token: admin, body: [{ certificateNumber, idNumber, level: 4, occupation: '焊工', issuedOn: daysAgo(20) }] });
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: makeUscc(), town: 'honghe', months: 30, lastPaidMonth: '2026-10' }] });
    const applicant = await h.token({ sub: `a-${randomUUID()}`, roles: ['applicant'], name: '王五', idNumber });
    const body = { program: 'skill-subsidy', town: 'honghe', form: { certificateNumber, level: 4, occupation: '焊工', issuedOn: daysAgo(20), bankAccount: { bankName: '农业银行', accountNumber: '6228480012345678' } } };
    const id = (await h.call('POST', '/applications', { token: applicant, body })).body.id as string;
    await eventually(async () => ((await h.call('GET', `/applications/${id}/events`, { token: auditor })).body as { type: string }[]).some((e) => e.type === 'TaskCreated'), 'the review task');
    return id;
  }

  async function finished(jobId: string) {
    return eventually(async () => {
      const r = await h.call('GET', `/audit/verify-jobs/${jobId}`, { token: auditor });
      return r.body.status === 'running' ? undefined : r.body;
    }, 'the verification job');
  }

  it('verifies the whole store as a job with progress, and names a tampered stream and version', async () => {
    expect((await h.call('POST', '/audit/verify-jobs')).status).toBe(401);
    expect((await h.call('POST', '/audit/verify-jobs', { token: admin })).status).toBe(403);
    const id = await submitted();

    const started = await h.call('POST', '/audit/verify-jobs', { token: auditor });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ jobId: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'running' });
    const done = await finished(started.body.jobId);
    const events = await h.eventCount();
    expect(done).toMatchObject({ status: 'succeeded', events, totalEvents: events, streams: await h.streamCount(), result: { valid: true, events, invalidStreams: [] } });
    expect((await h.call('GET', `/audit/verify-jobs/${started.body.jobId}`, { token: admin })).status).toBe(403);
    expect((await h.call('GET', `/audit/verify-jobs/${randomUUID()}`, { token: auditor })).status).toBe(404);
    expect((await h.call('GET', '/audit/verify-jobs/not-a-job', { token: auditor })).status).toBe(404);

    // A rogue administrator edits version 3 through SQL, with the append-only trigger bypassed.
    const runner = db.ds.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SET LOCAL session_replication_role = replica`);
    await runner.query(`UPDATE events SET data = data || '{"note": "changed"}'::jsonb WHERE stream_id = $1 AND version = 3`, [`application-${id}`]);
    await runner.commitTransaction();
    await runner.release();

    const again = await finished((await h.call('POST', '/audit/verify-jobs', { token: auditor })).body.jobId);
    expect(again.result).toMatchObject({ valid: false, invalidStreams: [{ streamId: `application-${id}`, firstInvalidVersion: 3 }] });
    // The job's reads are in the access log like every audit read.
    const log = await h.call('GET', '/audit/access-log?pageSize=50', { token: auditor });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['POST /api/v1/audit/verify-jobs', 'GET /api/v1/audit/verify-jobs/:jobId']));
  });

  it('lists applications by submission time, refusing a malformed one', async () => {
    const before = new Date(Date.now() - 1000).toISOString();
    const id = await submitted();
    const after = new Date(Date.now() + 1000).toISOString();
    const inside = await h.call('GET', `/applications?submittedFrom=${encodeURIComponent(before)}&submittedTo=${encodeURIComponent(after)}&pageSize=100`, { token: auditor });
    expect(inside.status).toBe(200);
    expect(inside.body.items.map((a: { id: string }) => a.id)).toContain(id);
    const later = await h.call('GET', `/applications?submittedFrom=${encodeURIComponent(after)}`, { token: auditor });
    expect(later.body).toEqual({ items: [], total: 0 });
    const bad = await h.call('GET', '/applications?submittedFrom=yesterday&submittedTo=2026-13-01', { token: auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['submittedFrom', 'submittedTo']);
  });

  it('lists every policy version newest first, to admins only', async () => {
    expect((await h.call('GET', '/admin/policies/skill-subsidy/versions')).status).toBe(401);
    expect((await h.call('GET', '/admin/policies/skill-subsidy/versions', { token: reviewer })).status).toBe(403);
    expect((await h.call('GET', '/admin/policies/no-such-program/versions', { token: admin })).status).toBe(404);
    const current = (await h.call('GET', '/policies/skill-subsidy', { token: admin })).body;
    const next = { ...current.policy, timers: { ...current.policy.timers, reviewSla: { workingDays: 6 } } };
    expect((await h.call('POST', '/admin/policies/skill-subsidy', { token: admin, body: next })).status).toBe(201);
    const versions = await h.call('GET', '/admin/policies/skill-subsidy/versions', { token: admin });
    expect(versions.status).toBe(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([current.version + 1, ...Array.from({ length: current.version }, (_, i) => current.version - i)]);
    expect(versions.body[0]).toMatchObject({ program: 'skill-subsidy', publishedBy: 'console-admin', policy: { timers: { reviewSla: { workingDays: 6 } } } });
    expect(versions.body[1].policy).toEqual(current.policy);
  });

  it('lists and searches the expert pool, inactive members included, with field errors for bad queries', async () => {
    expect((await h.call('GET', '/admin/experts')).status).toBe(401);
    expect((await h.call('GET', '/admin/experts', { token: auditor })).status).toBe(403);
    const bad = await h.call('GET', '/admin/experts?pageSize=1000&active=maybe&page=0', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['active', 'page', 'pageSize']);

    const tag = randomUUID().slice(0, 8);
    const orgCode = makeUscc();
    await h.call('POST', '/admin/experts', {
      token: admin,
      body: [
        { id: `pool-${tag}-1`, name: '甲专家', fields: [`field-${tag}`], orgCode },
        { id: `pool-${tag}-2`, name: '乙专家', fields: ['digital'], active: false },
      ],
    });
    const byField = await h.call('GET', `/admin/experts?q=field-${tag}`, { token: admin });
    expect(byField.body).toMatchObject({ total: 1, items: [{ id: `pool-${tag}-1`, name: '甲专家', fields: [`field-${tag}`], orgCode, active: true }] });
    const byId = await h.call('GET', `/admin/experts?q=pool-${tag}`, { token: admin });
    expect(byId.body.total).toBe(2);
    const inactive = await h.call('GET', `/admin/experts?q=pool-${tag}&active=false`, { token: admin });
    expect(inactive.body.items.map((e: { id: string }) => e.id)).toEqual([`pool-${tag}-2`]);
    // A search text with LIKE wildcards matches them literally.
    expect((await h.call('GET', '/admin/experts?q=%25', { token: admin })).body.total).toBe(0);
    const paged = await h.call('GET', `/admin/experts?q=pool-${tag}&pageSize=1&page=2`, { token: admin });
    expect(paged.body).toMatchObject({ total: 2 });
    expect(paged.body.items).toHaveLength(1);
  });
});
