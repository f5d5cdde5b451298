import { DataSource } from 'typeorm';
import { XIUZHOU_TOWNS } from '#domain';
import { bulkLoad, LoadResult } from './bulk-load';
import { devToken, pool } from './load';
import { round } from './store.bench';
import { Stack } from './stack';
import { benchDatabase, percentile } from './support';

interface Route {
  /** `<METHOD path>` as reported. */
  name: string;
  token: 'reviewer' | 'auditor' | 'leader';
  /** The request's path after /api/v1, given a random loaded application id. */
  path: (applicationId: string) => string;
  /** Fewer requests, two at a time: the report costs seconds at scale (see the note), 200 of them would take an hour. */
  heavy?: boolean;
}

/** What reviewers, auditors and the leadership's dashboard ask for (the web's workbench and 考核分析 requests). */
const ROUTES: Route[] = [
  { name: 'GET /tasks?queue=hrss-skill (workbench, open)', token: 'reviewer', path: () => '/tasks?queue=hrss-skill&page=1&pageSize=20' },
  { name: 'GET /tasks?queue=hrss-skill&status=completed&program&town&sort', token: 'reviewer', path: () => `/tasks?queue=hrss-skill&status=completed&program=skill-subsidy&town=${XIUZHOU_TOWNS[3].code}&sort=-createdAt&page=2&pageSize=20` },
  { name: 'GET /tasks?pageSize=200&sort=-createdAt (search by 申请编号)', token: 'reviewer', path: () => '/tasks?pageSize=200&sort=-createdAt' },
  { name: 'GET /tasks/counts', token: 'reviewer', path: () => '/tasks/counts' },
  { name: 'GET /applications/:id', token: 'auditor', path: (id) => `/applications/${id}` },
  { name: 'GET /applications/:id/events', token: 'auditor', path: (id) => `/applications/${id}/events` },
  { name: 'GET /metrics/assessment (all programs, one town)', token: 'leader', path: () => `/metrics/assessment?town=${XIUZHOU_TOWNS[0].code}`, heavy: true },
  { name: 'GET /metrics/assessment', token: 'leader', path: () => '/metrics/assessment', heavy: true },
  { name: 'GET /me/notifications', token: 'reviewer', path: () => '/me/notifications' },
];

type Figures = Record<string, { p50Ms: number; p95Ms: number; requests: number; concurrency: number }>;

async function measureRoutes(stack: Stack, ds: DataSource, requests: number, concurrency: number): Promise<Figures> {
  const tokens = {
    reviewer: await devToken(stack.apiUrl, { sub: 'scale-reviewer', roles: ['reviewer'], queues: ['hrss-skill'] }),
    auditor: await devToken(stack.apiUrl, { sub: 'scale-auditor', roles: ['auditor'] }),
    leader: await devToken(stack.apiUrl, { sub: 'scale-leader', roles: ['leadership'] }),
  };
  const ids = ((await ds.query(`SELECT id FROM applications ORDER BY random() LIMIT $1`, [requests])) as { id: string }[]).map((r) => r.id);
  const out: Figures = {};
  for (const route of ROUTES) {
    const latencies: number[] = [];
    // A few unmeasured requests first: the first of each route pays for plans and caches.
    for (const id of ids.slice(0, 3)) await fetch(`${stack.apiUrl}${route.path(id)}`, { headers: { authorization: `Bearer ${tokens[route.token]}` } }).then((r) => r.arrayBuffer());
    const n = route.heavy ? Math.max(10, Math.floor(requests / 10)) : requests;
    const c = route.heavy ? 2 : concurrency;
    await pool(
      Array.from({ length: n }, (_, i) => ids[i % ids.length]),
      c,
      async (id) => {
        const started = process.hrtime.bigint();
        const r = await fetch(`${stack.apiUrl}${route.path(id)}`, { headers: { authorization: `Bearer ${tokens[route.token]}` } });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${route.name} answered ${r.status}`);
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      },
    );
    out[route.name] = { p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)), requests: n, concurrency: c };
    process.stderr.write(`[bench] readsAtScale ${route.name}: p95 ${out[route.name].p95Ms} ms\n`);
  }
  return out;
}

/**
 * readsAtScale: the routes people use, on a store of `small` applications and then, loaded further, of `large`
 * (bulk loader: five years of the four programs), p50/p95 over `requests` requests at concurrency 8, on the
 * real API (with worker and Temporal, as deployed). `growth` is p95 large / p95 small per route.
 */
export async function readsAtScaleBench(o: { small: number; large: number; requests: number }) {
  const db = await benchDatabase('scale');
  try {
    const phase = async (applications: number, previous: LoadResult | null) => {
      const loaded = await bulkLoad(db.ds, { applications: applications - (previous?.applications ?? 0), batch: 500, seed: applications });
      const [{ events }] = (await db.ds.query(`SELECT count(*)::int AS events FROM events`)) as { events: number }[];
      const stack = await Stack.start(db.url, { PROJECTION_INTERVAL_MS: '600000' });
      try {
        const routes = await measureRoutes(stack, db.ds, o.requests, 8);
        return { result: { applications, events, load: loaded, routes }, loaded: { ...loaded, applications } };
      } finally {
        await stack.stop();
      }
    };
    const small = await phase(o.small, null);
    const large = await phase(o.large, small.loaded);
    const growth: Record<string, number> = {};
    for (const name of Object.keys(small.result.routes)) growth[name] = round(large.result.routes[name].p95Ms / small.result.routes[name].p95Ms);
    return { concurrency: 8, requests: o.requests, target: { growth: 1.5, tasksP95Ms: 50, assessmentP95Ms: 200 }, small: small.result, large: large.result, growth };
  } finally {
    await db.drop();
  }
}
