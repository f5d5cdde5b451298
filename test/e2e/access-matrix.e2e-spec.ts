import { isValidIdNumber } from '#domain';
import { Harness } from './support/harness';
import { Parties, Party, applicationInReview, parties } from './support/parties';

type Who = keyof Parties;
const WHO: Who[] = [
  'anonymous',
  'owner',
  'otherApplicant',
  'reviewer',
  'lead',
  'reviewerOtherTown',
  'reviewerOtherQueue',
  'finance',
  'expert',
  'leadership',
  'employer',
  'auditor',
  'admin',
];

interface Fixture {
  id: string;
  taskId: string;
  body: Record<string, unknown>;
}

interface Route {
  method: string;
  path: (f: Fixture) => string;
  body?: (f: Fixture, who: Party) => unknown;
  /** Changes state when it succeeds: each success gets a fresh application. */
  mutates?: boolean;
  expect: Partial<Record<Who, number>> & { default: number };
}

const AUTH = { anonymous: 401 } as const;
const AUDITOR_ONLY = { ...AUTH, auditor: 200, default: 403 };
const STAFF_DELEGATION = { ...AUTH, reviewer: 201, lead: 201, reviewerOtherTown: 201, reviewerOtherQueue: 201, finance: 201, expert: 400, leadership: 400, employer: 400, default: 403 };

/**
 * Every route × every party, with the status the access rules give. Parties: the application's own applicant
 * (owner), another applicant, staff in scope, staff outside scope (other town, other queue), every role.
 */
const MATRIX: Record<string, Route> = {
  'GET /health': { method: 'GET', path: () => '/health', expect: { default: 200 } },
  'POST /auth/dev-token': { method: 'POST', path: () => '/auth/dev-token', body: () => ({ sub: 'x', roles: ['applicant'] }), expect: { default: 200 } },
  'GET /policies/:program': { method: 'GET', path: () => '/policies/skill-subsidy', expect: { ...AUTH, default: 200 } },
  'POST /applications': {
    method: 'POST',
    path: () => '/applications',
    body: (f) => f.body,
    expect: { ...AUTH, owner: 201, otherApplicant: 201, default: 403 },
  },
  'GET /applications': { method: 'GET', path: () => '/applications', expect: { ...AUTH, default: 200 } },
  'GET /applications/:id': {
    method: 'GET',
    path: (f) => `/applications/${f.id}`,
    expect: { ...AUTH, owner: 200, reviewer: 200, lead: 200, auditor: 200, default: 404 },
  },
  'GET /applications/:id/events': {
    method: 'GET',
    path: (f) => `/applications/${f.id}/events`,
    expect: { ...AUTH, owner: 200, auditor: 200, reviewer: 403, lead: 403, default: 404 },
  },
  'POST /applications/:id/withdraw': {
    method: 'POST',
    path: (f) => `/applications/${f.id}/withdraw`,
    body: () => ({ reason: '测试' }),
    mutates: true,
    expect: { ...AUTH, owner: 200, otherApplicant: 404, default: 403 },
  },
  'POST /applications/:id/supplement': {
    method: 'POST',
    path: (f) => `/applications/${f.id}/supplement`,
    body: () => ({ message: '补充' }),
    expect: { ...AUTH, owner: 409, otherApplicant: 404, default: 403 },
  },
  'GET /tasks': { method: 'GET', path: () => '/tasks', expect: { ...AUTH, default: 200 } },
  'GET /tasks/counts': { method: 'GET', path: () => '/tasks/counts', expect: { ...AUTH, default: 200 } },
  'GET /tasks/overdue': { method: 'GET', path: () => '/tasks/overdue', expect: { ...AUTH, default: 200 } },
  'POST /tasks/:id/claim': {
    method: 'POST',
    path: (f) => `/tasks/${f.taskId}/claim`,
    mutates: true,
    expect: { ...AUTH, reviewer: 200, owner: 403, auditor: 403, lead: 403, default: 404 },
  },
  'POST /tasks/:id/release': {
    method: 'POST',
    path: (f) => `/tasks/${f.taskId}/release`,
    expect: { ...AUTH, reviewer: 200, owner: 403, auditor: 403, lead: 403, default: 404 },
  },
  'POST /tasks/:id/complete': {
    method: 'POST',
    path: (f) => `/tasks/${f.taskId}/complete`,
    body: () => ({ outcome: 'reject', comment: '矩阵测试' }),
    mutates: true,
    expect: { ...AUTH, reviewer: 200, owner: 403, auditor: 403, lead: 403, default: 404 },
  },
  'POST /tasks/:id/reassign': {
    method: 'POST',
    path: (f) => `/tasks/${f.taskId}/reassign`,
    body: () => ({ assignee: 'someone-else', reason: '轮岗' }),
    mutates: true,
    expect: { ...AUTH, lead: 200, reviewer: 403, owner: 403, auditor: 403, default: 404 },
  },
  'POST /delegations': {
    method: 'POST',
    path: () => '/delegations',
    body: (_f, who) => ({ to: `standin-${who.name}`, queues: who.queues, validUntil: new Date(Date.now() + 86_400_000).toISOString(), reason: '休假' }),
    expect: STAFF_DELEGATION,
  },
  'GET /delegations': {
    method: 'GET',
    path: () => '/delegations',
    expect: { ...AUTH, reviewer: 200, lead: 200, reviewerOtherTown: 200, reviewerOtherQueue: 200, finance: 200, expert: 200, leadership: 200, employer: 200, default: 403 },
  },
  'POST /admin/registries/skill-certificates': { method: 'POST', path: () => '/admin/registries/skill-certificates', body: () => [], expect: { ...AUTH, admin: 200, default: 403 } },
  'POST /admin/registries/social-insurance': { method: 'POST', path: () => '/admin/registries/social-insurance', body: () => [], expect: { ...AUTH, admin: 200, default: 403 } },
  'POST /admin/registries/organisations': { method: 'POST', path: () => '/admin/registries/organisations', body: () => [], expect: { ...AUTH, admin: 200, default: 403 } },
  // Authorization only: an empty document is refused (400) by an admin, so no policy version is published here.
  'POST /admin/policies/:program': { method: 'POST', path: () => '/admin/policies/skill-subsidy', body: () => ({}), expect: { ...AUTH, admin: 400, default: 403 } },
  // An inactive expert, so no panel elsewhere in the run draws it.
  'POST /admin/experts': {
    method: 'POST',
    path: () => '/admin/experts',
    body: () => [{ id: 'matrix-expert', name: '矩阵', fields: ['matrix'], active: false }],
    expect: { ...AUTH, admin: 200, default: 403 },
  },
  // 公示 is public: readable without signing in (masked summaries only).
  'GET /notices': { method: 'GET', path: () => '/notices', expect: { default: 200 } },
  // The fixture is in review: its applicant learns there is nothing to reconsider or reply to (409).
  'POST /applications/:id/reconsideration': {
    method: 'POST',
    path: (f) => `/applications/${f.id}/reconsideration`,
    body: () => ({ reason: '测试' }),
    expect: { ...AUTH, owner: 409, otherApplicant: 404, default: 403 },
  },
  'POST /applications/:id/statement': {
    method: 'POST',
    path: (f) => `/applications/${f.id}/statement`,
    body: () => ({ text: '测试' }),
    expect: { ...AUTH, owner: 409, otherApplicant: 404, default: 403 },
  },
  'GET /calendars/:year': { method: 'GET', path: () => '/calendars/2026', expect: { ...AUTH, default: 200 } },
  'POST /admin/calendars/:year': { method: 'POST', path: () => '/admin/calendars/2099', body: () => ({ holidays: ['2099-01-01'], workdays: [] }), expect: { ...AUTH, admin: 201, default: 403 } },
  'GET /admin/calendars/uncovered': { method: 'GET', path: () => '/admin/calendars/uncovered', expect: { ...AUTH, admin: 200, default: 403 } },
  // The fixture has no public notice: those who may see it learn that (409), everyone else gets a 404.
  'POST /applications/:id/objections': {
    method: 'POST',
    path: (f) => `/applications/${f.id}/objections`,
    body: () => ({ text: '异议' }),
    expect: { ...AUTH, owner: 409, reviewer: 409, lead: 409, auditor: 409, default: 404 },
  },
  'POST /admin/audit/checkpoints': { method: 'POST', path: () => '/admin/audit/checkpoints', expect: { ...AUTH, admin: 201, default: 403 } },
  'GET /audit/applications/:id/state': { method: 'GET', path: (f) => `/audit/applications/${f.id}/state?version=1`, expect: AUDITOR_ONLY },
  'GET /audit/applications/:id/verify': { method: 'GET', path: (f) => `/audit/applications/${f.id}/verify`, expect: AUDITOR_ONLY },
  'GET /audit/applications/:id/export': { method: 'GET', path: (f) => `/audit/applications/${f.id}/export?format=csv`, expect: AUDITOR_ONLY },
  'GET /audit/applications/:id/workflow-history': { method: 'GET', path: (f) => `/audit/applications/${f.id}/workflow-history`, expect: AUDITOR_ONLY },
  'GET /audit/applications/:id/cross-check': { method: 'GET', path: (f) => `/audit/applications/${f.id}/cross-check`, expect: AUDITOR_ONLY },
  'GET /audit/verify': { method: 'GET', path: () => '/audit/verify', expect: AUDITOR_ONLY },
  'GET /audit/checkpoints': { method: 'GET', path: () => '/audit/checkpoints', expect: AUDITOR_ONLY },
  'GET /audit/access-log': { method: 'GET', path: () => '/audit/access-log', expect: AUDITOR_ONLY },
  'POST /audit/verify-jobs': { method: 'POST', path: () => '/audit/verify-jobs', expect: { ...AUTH, auditor: 202, default: 403 } },
  'GET /audit/verify-jobs/:jobId': { method: 'GET', path: () => '/audit/verify-jobs/00000000-0000-4000-8000-000000000000', expect: { ...AUTH, auditor: 404, default: 403 } },
  'GET /admin/policies/:program/versions': { method: 'GET', path: () => '/admin/policies/skill-subsidy/versions', expect: { ...AUTH, admin: 200, default: 403 } },
  'GET /admin/experts': { method: 'GET', path: () => '/admin/experts?q=demo', expect: { ...AUTH, admin: 200, default: 403 } },
};

describe('authorization matrix: every route × every party', () => {
  let h: Harness;
  let p: Parties;
  let shared: Fixture;
  const logs: string[] = [];
  const restore: (() => void)[] = [];

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        logs.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      restore.push(() => (stream.write = original as typeof stream.write));
    }
    h = await Harness.start({ RATE_LIMIT_PER_MINUTE: '100000' });
    p = await parties(h);
    shared = await applicationInReview(h, p);
  });

  afterAll(async () => {
    await h?.stop();
    restore.forEach((r) => r());
  });

  const cells = Object.entries(MATRIX).flatMap(([name, route]) => WHO.map((who) => [name, who, route.expect[who] ?? route.expect.default] as const));

  it(`answers as the table says (${Object.keys(MATRIX).length} routes × ${WHO.length} parties = ${cells.length} cells)`, async () => {
    const mismatches: string[] = [];
    for (const [name, who, expected] of cells) {
      const route = MATRIX[name];
      const party = p[who];
      const fixture = route.mutates && expected < 300 ? await applicationInReview(h, p) : shared;
      const reply = await h.call(route.method, route.path(fixture), {
        token: party.token,
        body: route.body?.(fixture, party),
        who,
      });
      if (reply.status !== expected) mismatches.push(`${name} as ${who}: expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 160)}`);
      if (reply.status >= 400) expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(mismatches).toEqual([]);
  });

  it('never shows an unmasked ID number to anyone but its owner and auditors, nor writes one to the logs', () => {
    const idPattern = /\d{17}[\dX]/g;
    const leaks: string[] = [];
    for (const r of h.responses) {
      for (const candidate of r.text.match(idPattern) ?? []) {
        if (!isValidIdNumber(candidate)) continue;
        const allowed = r.who === 'auditor' || (r.who === 'owner' && candidate === p.owner.idNumber);
        if (!allowed) leaks.push(`${r.method} ${r.path} to ${r.who || 'setup'}: ${candidate.slice(0, 3)}…`);
      }
    }
    for (const line of logs) for (const candidate of line.match(idPattern) ?? []) if (isValidIdNumber(candidate)) leaks.push(`log: ${line.slice(0, 80)}`);
    expect(leaks).toEqual([]);
    expect(h.responses.length).toBeGreaterThan(300);
  });
});
