import { ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import { Pool } from 'pg';
import { DEV_JWT_SECRET } from '../apps/api/src/config/api.config';
import { Person, devToken, pool, registerPeople, submissionBody } from './load';
import { round } from './store.bench';
import { Stack, sleep } from './stack';
import { benchDatabase, median, percentile, timed } from './support';
import { dataConverter } from '#temporal';
import { EventStore, createDataSource } from '#event-store';
import { MinimalActivities, minimalSubmission, submitMinimal } from './minimal-durable.workflow';

interface LoadResult {
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  errors: number;
}

/** Fires `requests` calls at `concurrency`, measuring each. */
async function load(requests: number, concurrency: number, call: (i: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const t = await timed(() =>
    pool(
      Array.from({ length: requests }, (_, i) => i),
      concurrency,
      async (i) => {
        const start = process.hrtime.bigint();
        if (!(await call(i))) errors += 1;
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      },
    ),
  );
  return { perSecond: Math.round(requests / t.seconds), p50Ms: round(percentile(latencies, 50)), p95Ms: round(percentile(latencies, 95)), errors };
}

function medianOf(results: LoadResult[]): LoadResult {
  return {
    perSecond: median(results.map((r) => r.perSecond)),
    p50Ms: median(results.map((r) => r.p50Ms)),
    p95Ms: median(results.map((r) => r.p95Ms)),
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

/**
 * A plain node:http server doing the same work as GET /policies/:program without the framework: verify the
 * bearer token (jose), look up delegations and the policy (pg), answer the JSON.
 */
export function rawPolicyServer(databaseUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const db = new Pool({ connectionString: databaseUrl, max: 10 });
  const secret = new TextEncoder().encode(process.env.JWT_SECRET ?? DEV_JWT_SECRET);
  const server = http.createServer(async (req, res) => {
    try {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) throw new Error('401');
      const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
      await db.query(`SELECT delegator, roles, queues FROM delegations WHERE delegate = $1 AND revoked_at IS NULL AND now() >= valid_from AND now() < valid_until`, [payload.sub]);
      const { rows } = await db.query(`SELECT program, version, published_at, document FROM policies WHERE program = $1 ORDER BY version DESC LIMIT 1`, ['skill-subsidy']);
      const body = JSON.stringify({ program: rows[0].program, version: rows[0].version, publishedAt: rows[0].published_at.toISOString(), policy: rows[0].document });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    } catch {
      res.writeHead(401).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as { port: number }).port}/policies/skill-subsidy`,
        close: async () => {
          await new Promise((r) => server.close(r));
          await db.end();
        },
      }),
    ),
  );
}

/**
 * http: GET /api/v1/policies/skill-subsidy (authenticated, two small queries) against the raw server above,
 * both in their own process, driven from this one at the same concurrency.
 */
export async function httpBench(o: { requests: number; concurrency: number; repetitions: number; stack: Stack; databaseUrl: string }) {
  const token = await devToken(o.stack.apiUrl, { sub: 'bench-reader', roles: ['reviewer'], queues: ['hrss-skill'] });
  const rawChild: ChildProcess = fork(path.join(__dirname, 'raw-server.js'), [o.databaseUrl], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const rawUrl = await new Promise<string>((resolve) => rawChild.once('message', (m) => resolve(String(m))));
  try {
    const get = (url: string) => async () => {
      const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await r.arrayBuffer();
      return r.status === 200;
    };
    const framework: LoadResult[] = [];
    const raw: LoadResult[] = [];
    for (let i = 0; i < o.repetitions; i += 1) {
      framework.push(await load(o.requests, o.concurrency, get(`${o.stack.apiUrl}/policies/skill-subsidy`)));
      raw.push(await load(o.requests, o.concurrency, get(rawUrl)));
    }
    const f = medianOf(framework);
    const r = medianOf(raw);
    return { route: 'GET /policies/skill-subsidy', concurrency: o.concurrency, nest: f, rawNodeHttp: r, throughputRatio: { ratio: round(f.perSecond / r.perSecond) }, p95Ratio: round(f.p95Ms / r.p95Ms) };
  } finally {
    rawChild.kill('SIGTERM');
  }
}

/**
 * submission: applications/s and p95 through POST /applications (stored first event, update-with-start) at
 * concurrency 16, against two baselines on the same Temporal server: raw client.workflow.start of a trivial workflow
 * (no worker), and a minimal durable submission — update-with-start of a workflow that appends one event through a
 * local activity and answers, run by a worker in this process on the same store.
 */
export async function submissionBench(o: { applications: number; concurrency: number; repetitions: number; stack: Stack; databaseUrl: string }) {
  const people = await registerPeople(o.stack.apiUrl, o.applications * o.repetitions);
  const connection = await Connection.connect({ address: o.stack.temporal.address });
  const client = new Client({ connection, dataConverter: dataConverter() });
  const ds = await createDataSource({ url: o.databaseUrl, poolSize: 10, applicationName: 'bench-minimal' }).initialize();
  const store = new EventStore(ds);
  const taskQueue = `bench-minimal-${randomUUID()}`;
  const activities: MinimalActivities = {
    appendSubmitted: async (workflowId, body) =>
      (await store.append(`minimal-${workflowId}`, 0, [{ eventId: randomUUID(), type: 'ApplicationSubmitted', data: body, metadata: { actor: { id: 'bench', role: 'system' }, workflowId, policyVersion: 1 } }])).events[0].position,
  };
  const workerConnection = await NativeConnection.connect({ address: o.stack.temporal.address });
  const worker = await Worker.create({ connection: workerConnection, taskQueue, workflowsPath: require.resolve('./minimal-durable.workflow'), activities, dataConverter: dataConverter() });
  const running = worker.run();
  try {
    const api: LoadResult[] = [];
    const raw: LoadResult[] = [];
    const minimal: LoadResult[] = [];
    for (let rep = 0; rep < o.repetitions; rep += 1) {
      const batch: Person[] = people.slice(rep * o.applications, (rep + 1) * o.applications);
      api.push(
        await load(o.applications, o.concurrency, async (i) => {
          const p = batch[i];
          const r = await fetch(`${o.stack.apiUrl}/applications`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` },
            body: JSON.stringify(submissionBody(p)),
          });
          await r.arrayBuffer();
          return r.status === 201;
        }),
      );
      raw.push(
        await load(o.applications, o.concurrency, async (i) => {
          await client.workflow.start('trivialBenchWorkflow', { taskQueue: 'bench-no-worker', workflowId: `raw-${rep}-${i}-${Date.now()}`, args: [{ i }] });
          return true;
        }),
      );
      minimal.push(
        await load(o.applications, o.concurrency, async (i) => {
          const start = new WithStartWorkflowOperation(minimalSubmission, { workflowId: `minimal-${rep}-${i}-${randomUUID()}`, taskQueue, workflowIdConflictPolicy: 'FAIL' });
          const position = await client.workflow.executeUpdateWithStart(submitMinimal, { args: [submissionBody(batch[i])], startWorkflowOperation: start });
          return position > 0;
        }),
      );
    }
    const a = medianOf(api);
    const r = medianOf(raw);
    const m = medianOf(minimal);
    return {
      concurrency: o.concurrency,
      api: a,
      rawWorkflowStart: r,
      minimalDurable: m,
      throughputRatio: { ratio: round(a.perSecond / r.perSecond), target: 0.8 },
      p95Ratio: { ratio: round(a.p95Ms / r.p95Ms), target: 1.5, lowerIsBetter: true },
      vsMinimalDurable: { ratio: round(a.perSecond / m.perSecond), target: 0.8, p95Ratio: round(a.p95Ms / m.p95Ms) },
    };
  } finally {
    worker.shutdown();
    await running;
    await workerConnection.close();
    await ds.destroy();
    await connection.close();
  }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/**
 * worker memory: (RSS with `cached` workflows waiting in its cache − RSS idle) / cached, with maxCachedWorkflows
 * set to `cached`; then twice as many workflows, which must not crash it.
 */
export async function workerMemoryBench(o: { cached: number; databaseUrl: string }) {
  const db = await benchDatabase('memory');
  const stack = await Stack.start(db.url, { WORKER_MAX_CACHED_WORKFLOWS: String(o.cached), PROJECTION_INTERVAL_MS: '600000' });
  try {
    const people = await registerPeople(stack.apiUrl, o.cached * 2);
    await sleep(2000);
    const pid = stack.worker.pid!;
    const idle = rssMb(pid);
    const submitAll = (batch: Person[]) =>
      pool(batch, 16, async (p) => {
        const r = await fetch(`${stack.apiUrl}/applications`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${p.token}` }, body: JSON.stringify(submissionBody(p)) });
        await r.arrayBuffer();
        return r.status;
      });
    const first = await submitAll(people.slice(0, o.cached));
    // Every workflow has reached its review task and waits, cached.
    for (;;) {
      const [{ n }] = (await db.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE status = 'open'`)) as { n: number }[];
      if (n >= o.cached) break;
      await sleep(500);
    }
    await sleep(2000);
    if (global.gc) global.gc();
    const loaded = rssMb(pid);
    const second = await submitAll(people.slice(o.cached));
    for (;;) {
      const [{ n }] = (await db.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE status = 'open'`)) as { n: number }[];
      if (n >= o.cached * 2) break;
      await sleep(500);
    }
    const alive = stack.worker.exitCode === null && stack.worker.signalCode === null;
    return {
      maxCachedWorkflows: o.cached,
      idleRssMb: round(idle),
      rssWithCacheFullMb: round(loaded),
      perWorkflowMb: { ratio: round((loaded - idle) / o.cached), target: 1, lowerIsBetter: true },
      atTwiceTheCache: { workflows: o.cached * 2, workerAlive: alive, rssMb: round(rssMb(pid)), submitted: [...first, ...second].filter((s) => s === 201).length },
    };
  } finally {
    await stack.stop();
    await db.drop();
  }
}
