import fc from 'fast-check';
import { isolatedDatabase } from '../support/database';
import { degreeDoublingForm, makeUscc } from '../support/fixtures';
import { Harness } from './support/harness';
import { Parties, applicationInReview, parties } from './support/parties';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

/** Unknown keys are refused everywhere (forbid-unknown), so a body carrying one can never be accepted. */
const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k));
const junk = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 300 }), fc.object({ maxDepth: 2 }), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }));

/** A plausible body, corrupted: one field replaced by junk, and an unknown key slipped in somewhere. */
function corrupted(valid: Record<string, unknown>) {
  const paths: string[][] = [];
  const walk = (o: Record<string, unknown>, at: string[]) => {
    for (const [k, v] of Object.entries(o)) {
      paths.push([...at, k]);
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, [...at, k]);
    }
  };
  walk(valid, []);
  const objects = [[], ...paths.filter((path) => typeof path.reduce<any>((o, k) => o?.[k], valid) === 'object')];
  return fc.tuple(fc.constantFrom(...paths), junk, fc.constantFrom(...objects), unknownKey, junk).map(([path, value, where, key, extra]) => {
    const body = structuredClone(valid) as Record<string, any>;
    let target = body;
    for (const k of path.slice(0, -1)) target = target[k];
    target[path[path.length - 1]] = value;
    let host = body;
    for (const k of where) host = host?.[k];
    if (host && typeof host === 'object' && !Array.isArray(host)) host[`x-${key}`] = extra;
    else body[`x-${key}`] = extra;
    return JSON.stringify(body);
  });
}

const anyBody = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) }, // often not JSON at all
);

const headers = fc.record(
  {
    'idempotency-key': fc.string({ maxLength: 200 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded'),
  },
  { requiredKeys: [] },
).chain((h) =>
  // A forged token now and then (401); mostly the real one, so that validation is what gets hammered.
  fc.oneof(
    { weight: 9, arbitrary: fc.constant(h) },
    {
      weight: 1,
      arbitrary: fc.oneof(fc.constant('Bearer'), fc.string({ maxLength: 80 }).filter((s) => /^[\x20-\x7e]*$/.test(s)).map((s) => `Bearer ${s}`)).map((authorization) => ({ ...h, authorization })),
    },
  ),
);

describe('hostile input', () => {
  let h: Harness;
  let p: Parties;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    db = await isolatedDatabase('fuzz');
    h = await Harness.start({ DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '1000000', BODY_LIMIT_BYTES: '65536' });
    p = await parties(h);
  });

  afterAll(async () => {
    await h?.stop();
    await db?.drop();
  });

  async function logDigest(): Promise<string> {
    const [row] = (await db.ds.query(
      `SELECT count(*) AS n, md5(coalesce(string_agg(position || ':' || event_id || ':' || hash || ':' || data::text || ':' || metadata::text, ',' ORDER BY position), '')) AS digest FROM events`,
    )) as { n: string; digest: string }[];
    return `${row.n}:${row.digest}`;
  }

  it(`answers ${RUNS} random malformed bodies and headers at submit (three programs), complete, dev-token and policy publication with a 4xx, and stores nothing`, async () => {
    const fixture = await applicationInReview(h, p);
    const before = await logDigest();
    const validComplete = { outcome: 'approve', comment: '同意' };
    const validToken = { sub: 'fuzz', roles: ['applicant'], name: '测试', idNumber: p.owner.idNumber };
    const employerOrgCode = makeUscc();
    const degreeDoubling = {
      program: 'degree-doubling',
      town: 'wangdian',
      form: degreeDoublingForm(employerOrgCode),
    };
    const titleFastTrack = {
      program: 'title-fast-track',
      town: 'wangdian',
      form: { series: 'engineering', targetLevel: 'senior', employerOrgCode, achievements: [{ kind: 'patent', title: '专利', year: 2025 }] },
    };
    const topTalentPolicy = (await h.call('GET', '/policies/top-talent', { token: p.admin.token })).body.policy as Record<string, unknown>;
    const targets = [
      { path: '/applications', token: p.owner.token!, body: fc.oneof(corrupted(fixture.body), anyBody) },
      { path: `/tasks/${fixture.taskId}/complete`, token: p.reviewer.token!, body: fc.oneof(corrupted(validComplete), anyBody) },
      { path: '/auth/dev-token', token: undefined, body: fc.oneof(corrupted(validToken), anyBody) },
      { path: '/applications', token: p.owner.token!, body: fc.oneof(corrupted(degreeDoubling), anyBody) },
      { path: '/applications', token: p.owner.token!, body: fc.oneof(corrupted(titleFastTrack), anyBody) },
      { path: '/admin/policies/top-talent', token: p.admin.token!, body: fc.oneof(corrupted(topTalentPolicy), anyBody) },
    ];
    const policiesBefore = await db.ds.query(`SELECT program, max(version) AS v FROM policies GROUP BY program ORDER BY program`);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: targets.length - 1 }).chain((i) => fc.tuple(fc.constant(i), targets[i].body, headers)), async ([i, raw, hdrs]) => {
        const target = targets[i];
        const sent: Record<string, string> = { 'content-type': 'application/json', ...(target.token ? { authorization: `Bearer ${target.token}` } : {}), ...hdrs };
        const reply = await h.call('POST', target.path, { raw, headers: sent });
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        if (reply.status < 400 || reply.status >= 500) failures.push(`${target.path} ${reply.status} ${raw.slice(0, 120)}`);
        return reply.status >= 400 && reply.status < 500;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(failures).toEqual([]);
    expect(await logDigest()).toBe(before);
    expect(await db.ds.query(`SELECT program, max(version) AS v FROM policies GROUP BY program ORDER BY program`)).toEqual(policiesBefore);
    expect([...statuses.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
    process.stdout.write(`fuzz: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  }, 900_000);

  it('refuses a body over the limit with 413, as problem+json', async () => {
    const reply = await h.call('POST', '/applications', { token: p.owner.token, raw: JSON.stringify({ program: 'skill-subsidy', pad: 'x'.repeat(70_000) }), headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(413);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
  });

  it('rate-limits a caller with 429, as problem+json', async () => {
    const base = await h.extraApi({ RATE_LIMIT_PER_MINUTE: '5' });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 8; i += 1) {
      last = await fetch(`${base}/tasks`, { headers: { authorization: `Bearer ${p.reviewer.token}` } });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(last!.headers.get('content-type')).toContain('application/problem+json');
    expect(((await last!.json()) as { status: number }).status).toBe(429);
  });

  it('sends security headers, and CORS only for configured origins', async () => {
    const plain = await fetch(`${h.baseUrl}/health`, { headers: { origin: 'https://evil.example' } });
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(plain.headers.get('x-frame-options')).toBeTruthy();
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const base = await h.extraApi({ CORS_ORIGINS: 'https://rencai.xiuzhou.example' });
    const allowed = await fetch(`${base}/health`, { headers: { origin: 'https://rencai.xiuzhou.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://rencai.xiuzhou.example');
    const other = await fetch(`${base}/health`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
