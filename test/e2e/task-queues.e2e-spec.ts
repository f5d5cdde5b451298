import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import http from 'node:http';
import { isolatedDatabase } from '../support/database';
import { eventually } from '../support/workflow-env';
import { Harness } from './support/harness';
import { Parties, applicationInReview, parties } from './support/parties';

/** A reviewer's day from GET /tasks alone: filters, order, counts, overdue, hand-over, stand-ins. */
describe('task queues', () => {
  let h: Harness;
  let p: Parties;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    db = await isolatedDatabase('queues');
    h = await Harness.start({ DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '100000' });
    p = await parties(h);
  });

  afterAll(async () => {
    await h?.stop();
    await db?.drop();
  });

  it('filters, sorts and pages the queue, and counts it', async () => {
    const a = await applicationInReview(h, p);
    const b = await applicationInReview(h, p);
    const c = await applicationInReview(h, p);
    const token = p.reviewer.token;
    const all = (await h.call('GET', '/tasks?queue=hrss-skill&sort=createdAt', { token })).body;
    expect(all.total).toBe(3);
    expect(all.items.map((t: { applicationId: string }) => t.applicationId)).toEqual([a.id, b.id, c.id]);
    const newest = (await h.call('GET', '/tasks?queue=hrss-skill&sort=-createdAt&pageSize=2&page=1', { token })).body;
    expect(newest.items.map((t: { applicationId: string }) => t.applicationId)).toEqual([c.id, b.id]);
    const second = (await h.call('GET', '/tasks?queue=hrss-skill&sort=-createdAt&pageSize=2&page=2', { token })).body;
    expect(second.items.map((t: { applicationId: string }) => t.applicationId)).toEqual([a.id]);
    expect((await h.call('GET', '/tasks?town=honghe', { token })).body.total).toBe(0);
    expect((await h.call('GET', '/tasks?program=skill-subsidy&town=wangdian&escalated=false', { token })).body.total).toBe(3);
    expect((await h.call('GET', '/tasks?sort=sideways', { token })).status).toBe(400);

    await h.call('POST', `/tasks/${a.taskId}/claim`, { token });
    const mine = (await h.call('GET', '/tasks?mine=true', { token })).body;
    expect(mine.items.map((t: { taskId: string }) => t.taskId)).toEqual([a.taskId]);
    expect((await h.call('GET', '/tasks/counts', { token })).body).toEqual([{ queue: 'hrss-skill', open: 2, claimed: 1, overdue: 0, escalated: 0 }]);

    // A task whose due time has passed shows in the overdue list (the SLA timer escalates it in its own time).
    await db.ds.query(`UPDATE tasks SET due_at = now() - interval '1 day' WHERE task_id = $1`, [b.taskId]);
    const overdue = (await h.call('GET', '/tasks/overdue', { token })).body;
    expect(overdue.items).toEqual([expect.objectContaining({ taskId: b.taskId, overdue: true })]);
  });

  it("lets the queue's lead reassign a task, recorded as an event, and nobody else", async () => {
    const a = await applicationInReview(h, p);
    await h.call('POST', `/tasks/${a.taskId}/claim`, { token: p.reviewer.token });
    expect((await h.call('POST', `/tasks/${a.taskId}/reassign`, { token: p.reviewer.token, body: { assignee: 'x', reason: 'r' } })).status).toBe(403);
    const colleague = await h.token({ sub: 'colleague-1', roles: ['reviewer'], queues: ['hrss-skill'], towns: ['wangdian'] });
    const moved = await h.call('POST', `/tasks/${a.taskId}/reassign`, { token: p.lead.token, body: { assignee: 'colleague-1', reason: '原审核人休假' } });
    expect(moved.status).toBe(200);
    const task = (await h.call('GET', '/tasks?mine=true', { token: colleague })).body.items[0];
    expect(task).toMatchObject({ taskId: a.taskId, assignee: 'colleague-1', status: 'claimed' });
    expect((await h.call('POST', `/tasks/${a.taskId}/complete`, { token: p.reviewer.token, body: { outcome: 'approve' } })).status).toBe(409);
    const auditor = p.auditor.token;
    const events = (await h.call('GET', `/applications/${a.id}/events`, { token: auditor })).body;
    expect(events.find((e: { type: string }) => e.type === 'TaskReassigned').data).toMatchObject({ from: p.reviewer.sub, to: 'colleague-1', by: p.lead.sub });
  });

  it('lets a stand-in work the queue for the delegated period only, and answers a retried completion the same', async () => {
    const a = await applicationInReview(h, p);
    const standIn = await h.token({ sub: 'stand-in-1', roles: ['reviewer'], queues: [] });
    expect((await h.call('GET', '/tasks', { token: standIn })).body.total).toBe(0);
    const granted = await h.call('POST', '/delegations', {
      token: p.reviewer.token,
      body: { to: 'stand-in-1', queues: ['hrss-skill'], validUntil: new Date(Date.now() + 3 * 86_400_000).toISOString(), reason: '年假' },
    });
    expect(granted.status).toBe(201);
    expect((await h.call('POST', '/delegations', { token: p.reviewer.token, body: { to: 'x', queues: ['finance'], validUntil: new Date(Date.now() + 86_400_000).toISOString(), reason: 'r' } })).status).toBe(400);
    const theirs = (await h.call('GET', '/tasks', { token: standIn })).body;
    expect(theirs.items.map((t: { taskId: string }) => t.taskId)).toContain(a.taskId);

    const key = `retry-${randomUUID()}`;
    const first = await h.call('POST', `/tasks/${a.taskId}/complete`, { token: standIn, body: { outcome: 'return', comment: '请补充', items: [{ reason: '请补充社保证明' }] }, headers: { 'idempotency-key': key } });
    expect(first.status).toBe(200);
    const retried = await h.call('POST', `/tasks/${a.taskId}/complete`, { token: standIn, body: { outcome: 'return', comment: '请补充', items: [{ reason: '请补充社保证明' }] }, headers: { 'idempotency-key': key } });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(first.body);
    const other = await h.call('POST', `/tasks/${a.taskId}/complete`, { token: standIn, body: { outcome: 'return', comment: '请补充', items: [{ reason: '请补充社保证明' }] }, headers: { 'idempotency-key': `${key}-new` } });
    expect(other.status).toBe(409);
    const events = (await h.call('GET', `/applications/${a.id}/events`, { token: p.auditor.token })).body;
    expect(events.filter((e: { type: string }) => e.type === 'TaskCompleted')).toHaveLength(1);
    expect(events.find((e: { type: string }) => e.type === 'TaskCompleted').metadata.actor).toEqual({ id: 'stand-in-1', role: 'reviewer' });

    const revoked = await h.call('POST', `/delegations/${granted.body.id}/revoke`, { token: p.reviewer.token });
    expect(revoked.body.revokedAt).toBeDefined();
    expect((await h.call('GET', '/tasks', { token: standIn })).body.total).toBe(0);
    const stream = (await db.ds.query(`SELECT type FROM events WHERE stream_id = $1 ORDER BY version`, [`delegation-${granted.body.id}`])) as { type: string }[];
    expect(stream.map((e) => e.type)).toEqual(['DelegationGranted', 'DelegationRevoked']);
  });

  it('answers two concurrent deliveries of one completion request exactly once', async () => {
    const a = await applicationInReview(h, p);
    const key = `dup-${randomUUID()}`;
    const send = () => h.call('POST', `/tasks/${a.taskId}/complete`, { token: p.reviewer.token, body: { outcome: 'reject', comment: '不符合' }, headers: { 'idempotency-key': key } });
    const [x, y] = await Promise.all([send(), send()]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(x.body).toEqual(y.body);
    await eventually(async () => (await h.call('GET', `/applications/${a.id}`, { token: p.owner.token })).body.status === 'rejected', 'rejection');
    const events = (await h.call('GET', `/applications/${a.id}/events`, { token: p.auditor.token })).body;
    expect(events.filter((e: { type: string }) => e.type === 'TaskCompleted')).toHaveLength(1);
  });
});

describe('AUTH_MODE=jwt', () => {
  let h: Harness;
  let jwks: http.Server;

  beforeAll(async () => {
    h = await Harness.start({ RATE_LIMIT_PER_MINUTE: '100000' });
  });

  afterAll(async () => {
    await h?.stop();
    await new Promise((r) => (jwks ? jwks.close(r) : r(undefined)));
  });

  it('has no dev-token route, verifies the secret, and enforces expiry', async () => {
    const base = await h.extraApi({ AUTH_MODE: 'jwt', JWT_SECRET: 'district-secret' });
    const call = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
    expect((await call('/auth/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"bad":1}' })).status).toBe(404);
    const secret = new TextEncoder().encode('district-secret');
    const sign = (exp: string | number, key = secret) =>
      new SignJWT({ roles: ['reviewer'], queues: ['hrss-skill'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('r1').setIssuedAt().setExpirationTime(exp).sign(key);
    const auth = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    expect((await call('/tasks', auth(await sign('1h')))).status).toBe(200);
    expect((await call('/tasks', auth(await sign(Math.floor(Date.now() / 1000) - 60)))).status).toBe(401);
    expect((await call('/tasks', auth(await sign('1h', new TextEncoder().encode('wrong'))))).status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"r1","roles":["auditor"]}').toString('base64url')}.`;
    expect((await call('/tasks', auth(unsigned))).status).toBe(401);
  });

  it('verifies tokens against a JWKS', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks.json`;
    const base = await h.extraApi({ AUTH_MODE: 'jwt', JWT_SECRET: '', JWKS_URL: url });
    const token = await new SignJWT({ roles: ['auditor'] }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('aud-1').setIssuedAt().setExpirationTime('1h').sign(privateKey);
    expect((await fetch(`${base}/audit/checkpoints`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const forged = await new SignJWT({ roles: ['auditor'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('aud-1').setExpirationTime('1h').sign(new TextEncoder().encode('guess'));
    expect((await fetch(`${base}/audit/checkpoints`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });
});
