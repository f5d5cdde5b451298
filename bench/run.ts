import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../infra/project-root';
import { machine } from './drill';
import { readsAtScaleBench } from './reads.bench';
import { Stack } from './stack';
import { appendBench, concurrencyBench, projectionBench, sealingBench } from './store.bench';
import { benchDatabase } from './support';
import { httpBench, submissionBench, workerMemoryBench } from './system.bench';
import { uploadsBench } from './uploads.bench';
import { verifyBench } from './verify.bench';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const REPS = env('BENCH_REPETITIONS', 3);

/**
 * `npm run bench`: every figure beside its baseline, measured in this run on the real services, median of
 * BENCH_REPETITIONS (3). Prints a table and writes bench/results/latest.json. Sizes are env parameters.
 */
async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',');
  const want = (name: string) => !only || only.includes(name);
  const results: Record<string, unknown> = {};
  const started = Date.now();
  const step = async (name: string, work: () => Promise<unknown>) => {
    if (!want(name)) return;
    const t0 = Date.now();
    process.stderr.write(`[bench] ${name} …\n`);
    results[name] = await work();
    process.stderr.write(`[bench] ${name} done in ${Math.round((Date.now() - t0) / 1000)} s\n`);
  };

  await step('append', () => appendBench({ singleEvents: env('BENCH_APPEND_SINGLE', 2000), batchEvents: env('BENCH_APPEND_BATCH', 10000), repetitions: REPS }));
  await step('sealing', () => sealingBench({ streams: env('BENCH_SEALING_STREAMS', 300), repetitions: REPS }));
  await step('concurrency', () => concurrencyBench({ writers: 8, versions: env('BENCH_RACE_VERSIONS', 200) }));
  await step('verify', () => verifyBench({ events: env('BENCH_VERIFY_EVENTS', 100_000), repetitions: REPS }));
  await step('projections', () => projectionBench({ applications: env('BENCH_PROJECTION_APPLICATIONS', 5000), samples: 200 }));
  if (want('http') || want('submission') || want('uploads')) {
    const db = await benchDatabase('system');
    const stack = await Stack.start(db.url, { UPLOAD_MAX_BYTES: String(11 * 1024 * 1024) });
    try {
      await step('http', () => httpBench({ requests: env('BENCH_HTTP_REQUESTS', 3000), concurrency: 32, repetitions: REPS, stack, databaseUrl: db.url }));
      await step('submission', () => submissionBench({ applications: env('BENCH_SUBMISSIONS', 200), concurrency: 16, repetitions: REPS, stack, databaseUrl: db.url }));
      await step('uploads', () => uploadsBench({ stack, bytes: 10 * 1024 * 1024, repetitions: Math.max(5, REPS) }));
    } finally {
      await stack.stop();
      await db.drop();
    }
  }
  await step('readsAtScale', () => readsAtScaleBench({ small: env('BENCH_SCALE_SMALL', 10_000), large: env('BENCH_SCALE_LARGE', 100_000), requests: 200 }));
  await step('workerMemory', () => workerMemoryBench({ cached: env('BENCH_CACHED_WORKFLOWS', 1000), databaseUrl: '' }));

  const report = { date: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), machine: machine(), results };
  const out = path.join(projectRoot(), 'bench', 'results', only ? 'partial.json' : 'latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.table(summary(results));
  process.stdout.write(`written to ${path.relative(projectRoot(), out)} (${report.seconds} s)\n`);
}

/** One row per ratio: the figure, its baseline, the ratio and the target. */
function summary(results: Record<string, any>) {
  const rows: Record<string, unknown>[] = [];
  const add = (bench: string, figure: string, value: unknown, baseline: unknown, ratio: { ratio: number; target?: number; lowerIsBetter?: boolean } | number | undefined) => {
    const r = typeof ratio === 'number' ? { ratio } : ratio;
    const met = r?.target === undefined ? '' : r.lowerIsBetter ? (r.ratio <= r.target ? 'yes' : 'NO') : r.ratio >= r.target ? 'yes' : 'NO';
    rows.push({ bench, figure, value, baseline, ratio: r?.ratio, target: r?.target === undefined ? '' : `${r.lowerIsBetter ? '≤' : '≥'} ${r.target}`, met });
  };
  const a = results.append;
  if (a) {
    add('append', 'single events/s vs plain INSERT', a.singleEventsPerSecond, a.plainInsertEventsPerSecond, a.singleVsPlain);
    add('append', 'batch-10 events/s vs single', a.batch10EventsPerSecond, a.singleEventsPerSecond, a.batch10VsSingle);
    add('append', 'chained vs unchained (batch 10)', a.batch10EventsPerSecond, a.unchainedBatch10EventsPerSecond, a.chainedVsUnchained);
  }
  const se = results.sealing;
  if (se) {
    add('sealing', 'append events/s, sealed vs clear', se.append.sealedEventsPerSecond, se.append.clearEventsPerSecond, { ratio: se.append.ratio, target: se.append.target });
    add('sealing', 'read events/s, opened vs clear', se.read.openedEventsPerSecond, se.read.clearEventsPerSecond, { ratio: se.read.ratio, target: se.read.target });
  }
  const c = results.concurrency;
  if (c) add('concurrency', '8 writers, one stream', `${c.versions} versions, ${c.conflicts} conflicts`, `winners/version ${c.winnersPerVersion}, gap-free ${c.gapFree}`, undefined);
  const v = results.verify;
  if (v) add('verify', `events/s on ${v.events} events`, v.verifyEventsPerSecond, v.plainReadEventsPerSecond, { ratio: v.ratio, target: v.target });
  const p = results.projections;
  if (p) {
    add('projections', 'catch-up vs append events/s', p.catchUpEventsPerSecond, p.appendEventsPerSecond, p.catchUpVsAppend);
    add('projections', 'append → visible p95 ms', p.appendToVisibleMs.p95, '', undefined);
  }
  const h = results.http;
  if (h) {
    add('http', 'req/s Nest vs raw node:http', h.nest.perSecond, h.rawNodeHttp.perSecond, h.throughputRatio);
    add('http', 'p95 ms Nest vs raw', h.nest.p95Ms, h.rawNodeHttp.p95Ms, h.p95Ratio);
  }
  const s = results.submission;
  if (s) {
    add('submission', 'applications/s vs raw start', s.api.perSecond, s.rawWorkflowStart.perSecond, s.throughputRatio);
    add('submission', 'p95 ms vs raw start', s.api.p95Ms, s.rawWorkflowStart.p95Ms, s.p95Ratio);
    if (s.minimalDurable) add('submission', 'applications/s vs minimal durable submission', s.api.perSecond, s.minimalDurable.perSecond, s.vsMinimalDurable);
  }
  const u = results.uploads;
  if (u) add('uploads', 'MB/s, 10 MiB PDF vs plain file copy', u.uploadMBps, u.copyMBps, u.ratio);
  const r = results.readsAtScale;
  if (r) {
    for (const [route, growth] of Object.entries(r.growth as Record<string, number>)) {
      add('readsAtScale', `${route} p95 ms at ${r.large.applications} vs ${r.small.applications} apps`, r.large.routes[route].p95Ms, r.small.routes[route].p95Ms, { ratio: growth, target: r.target.growth, lowerIsBetter: true });
    }
  }
  const m = results.workerMemory;
  if (m) {
    add('worker memory', `MB per cached workflow (cache ${m.maxCachedWorkflows})`, m.perWorkflowMb.ratio, `idle ${m.idleRssMb} MB`, m.perWorkflowMb);
    add('worker memory', `alive at ${m.atTwiceTheCache.workflows} workflows`, m.atTwiceTheCache.workerAlive, '', undefined);
  }
  return rows;
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
