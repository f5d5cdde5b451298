import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EventStore, ProjectionRunner, verifyAll } from '#event-store';
import { AssessmentProjection } from '#metrics';
import { projectRoot } from '../infra/project-root';
import { prepareGraduates, driveDegree, submitDegree } from './degree-load';
import { Person, devToken, driveToCompletion, pool, registerPeople, submit } from './load';
import { Stack, sleep } from './stack';
import { benchDatabase } from './support';

interface DrillResult {
  drill: string;
  program: string;
  expected: number;
  reached: number;
  lost: number;
  duplicated: number;
  /** Completed applications whose confirmed payments are not exactly the ones the program pays. */
  wrongPayments: number;
  invalidStreams: number;
  /** With replicas: scheduled audit checkpoints taken, and periods with more than one (each period has one signer). */
  checkpoints?: number;
  duplicateCheckpoints?: number;
  /** With replicas: the assessment facts the runners kept equal those of a rebuild from the log. */
  projectionsEqualRebuild?: boolean;
  faults: number;
  seconds: number;
}

/** A fault to inject; `n` counts the faults injected before it. */
type Fault = (stack: Stack, db: Awaited<ReturnType<typeof benchDatabase>>, n: number) => Promise<void>;

/** Kill -9 a worker while activities are running, then start a new one (with replicas, each in turn). */
const killWorker: Fault = async (stack, _db, n) => {
  const i = n % stack.workers.length;
  await Stack.kill(stack.workers[i], 'SIGKILL');
  await sleep(500);
  stack.startWorker({}, i);
};

/** Restart the Temporal dev server (state persisted to its SQLite file) on the same port. */
const restartTemporal: Fault = async (stack) => {
  await stack.temporal.stop();
  await sleep(500);
  await stack.startTemporal();
};

/** Terminate every PostgreSQL backend of the drill's database, as a restart or a network cut would. */
const dropPostgresConnections: Fault = async (_stack, db) => {
  const name = new URL(db.url).pathname.slice(1);
  const admin = new URL(db.url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query('SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  } finally {
    await client.end();
  }
};

/** Kill an API mid-request and start it again (with replicas, each in turn; the proxy sends traffic to the other). */
const restartApi: Fault = async (stack, _db, n) => {
  const i = n % stack.apis.length;
  await Stack.kill(stack.apis[i], 'SIGKILL');
  await sleep(300);
  stack.startApi(i);
};

/** A program's load: prepare people, then submit and drive one application to its end. */
interface Scenario {
  program: string;
  /** Confirmed payments a completed application has. */
  payments: number;
  prepare(apiUrl: string, n: number): Promise<{ people: Person[]; run: (p: Person) => Promise<string> }>;
}

const skillSubsidy: Scenario = {
  program: 'skill-subsidy',
  payments: 1,
  async prepare(apiUrl, n) {
    const people = await registerPeople(apiUrl, n);
    const staff = {
      reviewer: await devToken(apiUrl, { sub: 'drill-reviewer', roles: ['reviewer'], queues: ['hrss-skill'] }),
      finance: await devToken(apiUrl, { sub: 'drill-finance', roles: ['finance'], queues: ['finance'] }),
    };
    return { people, run: async (p) => driveToCompletion(apiUrl, p, await submit(apiUrl, p), staff) };
  },
};

/** Degree doubling under a drill policy: settling subsidy and three instalments 2 s apart, one run each. */
const degreeDoubling: Scenario = {
  program: 'degree-doubling',
  payments: 4,
  async prepare(apiUrl, n) {
    const { people, staff, employerOrgCode } = await prepareGraduates(apiUrl, n);
    return { people, run: async (p) => driveDegree(apiUrl, p, await submitDegree(apiUrl, p, employerOrgCode), staff) };
  },
};

/** The scheduled checkpoint period in the replica drills: short, so that both workers try many times. */
const CHECKPOINT_SECONDS = 3;

async function drill(name: string, fault: Fault, scenario: Scenario, applications: number, faults: number, replicas: number): Promise<DrillResult> {
  const db = await benchDatabase(`drill_${scenario.program.replace(/\W+/g, '_')}_${name.replace(/\W+/g, '_')}`.slice(0, 60));
  let stack: Stack | undefined;
  const started = Date.now();
  try {
    stack = await Stack.start(db.url, replicas > 1 ? { AUDIT_CHECKPOINT_MINUTES: String(CHECKPOINT_SECONDS / 60) } : {}, replicas);
    const { people, run } = await scenario.prepare(stack.apiUrl, applications);
    let injected = 0;
    let loadDone = false;
    const chaos = (async () => {
      // Faults spread over the load: the first once it is under way, the rest at intervals.
      await sleep(1500);
      while (!loadDone && injected < faults) {
        await fault(stack, db, injected);
        injected += 1;
        await sleep(3000);
      }
    })();
    const outcomes = await pool(people, 16, async (p) => {
      try {
        return await run(p);
      } catch (err) {
        return `failed: ${String(err)}`;
      }
    });
    loadDone = true;
    await chaos;
    const [{ apps }] = (await db.ds.query(`SELECT count(*)::int AS apps FROM applications`)) as { apps: number }[];
    const [{ dupTasks }] = (await db.ds.query(
      `SELECT count(*)::int AS "dupTasks" FROM (SELECT data->>'taskId' FROM events WHERE type = 'TaskCompleted' GROUP BY 1 HAVING count(*) > 1) d`,
    )) as { dupTasks: number }[];
    // The same payment confirmed or instructed twice (a program may pay several instalments, each once).
    const [{ dupPayments }] = (await db.ds.query(
      `SELECT count(*)::int AS "dupPayments" FROM (SELECT stream_id, type, data->>'paymentId' FROM events
         WHERE type IN ('PaymentConfirmed', 'PaymentInstructed') GROUP BY 1, 2, 3 HAVING count(*) > 1) d`,
    )) as { dupPayments: number }[];
    const [{ wrongPayments }] = (await db.ds.query(
      `SELECT count(*)::int AS "wrongPayments" FROM applications a
       WHERE a.status = 'completed' AND (SELECT count(*) FROM events e WHERE e.stream_id = a.stream_id AND e.type = 'PaymentConfirmed') <> $1`,
      [scenario.payments],
    )) as { wrongPayments: number }[];
    const verdict = await verifyAll(db.ds);
    const replicaChecks = replicas > 1 ? await replicaFindings(db) : {};
    const reached = outcomes.filter((o) => o === 'completed').length;
    const failures = outcomes.filter((o) => o !== 'completed');
    if (failures.length) process.stderr.write(`[drill ${name}] ${failures.slice(0, 3).join('\n')}\n`);
    return {
      drill: name,
      program: scenario.program,
      expected: applications,
      reached,
      lost: applications - reached,
      duplicated: Math.max(0, apps - applications) + dupTasks + dupPayments,
      wrongPayments,
      invalidStreams: verdict.invalidStreams.length,
      ...replicaChecks,
      faults: injected,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await stack?.stop();
    await db.drop();
  }
}

/**
 * What must hold across replicas: one scheduled checkpoint per period however many workers try, and assessment facts
 * kept by several runners (API and workers) equal to those a rebuild from the log gives.
 */
async function replicaFindings(db: Awaited<ReturnType<typeof benchDatabase>>): Promise<Pick<DrillResult, 'checkpoints' | 'duplicateCheckpoints' | 'projectionsEqualRebuild'>> {
  const [{ checkpoints }] = (await db.ds.query(`SELECT count(*)::int AS checkpoints FROM audit_checkpoints`)) as { checkpoints: number }[];
  const [{ duplicates }] = (await db.ds.query(
    `SELECT count(*)::int AS duplicates FROM (SELECT floor(extract(epoch FROM created_at) / $1) FROM audit_checkpoints GROUP BY 1 HAVING count(*) > 1) d`,
    [CHECKPOINT_SECONDS],
  )) as { duplicates: number }[];
  // The stack's own runners (each API and worker) must bring the facts to the head; then a rebuild must equal them.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [{ behind }] = (await db.ds.query(
      `SELECT (SELECT coalesce(max(position), 0) FROM events) - coalesce((SELECT position FROM projection_checkpoints WHERE name = 'assessment'), 0) AS behind`,
    )) as { behind: string }[];
    if (Number(behind) === 0) break;
    if (Date.now() > deadline) return { checkpoints, duplicateCheckpoints: duplicates, projectionsEqualRebuild: false };
    await sleep(500);
  }
  const runner = new ProjectionRunner(db.ds, new EventStore(db.ds), new AssessmentProjection());
  const facts = async () =>
    (await db.ds.query(
      `SELECT (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM metric_applications t) AS applications,
              (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.task_id), '')) FROM metric_tasks t) AS tasks,
              (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.application_id, t.payment_id), '')) FROM metric_payments t) AS payments`,
    )) as unknown[];
  const kept = await facts();
  await runner.rebuild();
  const rebuilt = await facts();
  return { checkpoints, duplicateCheckpoints: duplicates, projectionsEqualRebuild: JSON.stringify(kept) === JSON.stringify(rebuilt) };
}

/**
 * DRILL_CPU_HOG=1: a busy loop per core for the whole drill, as when another CPU-heavy job shares the machine
 * (a crash drill once failed only under such load). Returns the stop function.
 */
function startCpuHog(): () => void {
  if (process.env.DRILL_CPU_HOG !== '1') return () => undefined;
  const hogs = os.cpus().map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  process.stderr.write(`[drill] CPU hog: ${hogs.length} busy loops\n`);
  const stop = () => hogs.forEach((h) => h.kill('SIGKILL'));
  process.once('exit', stop);
  return stop;
}

async function main(): Promise<void> {
  const stopHog = startCpuHog();
  const applications = Number(process.env.DRILL_APPLICATIONS ?? 200);
  const faults = Number(process.env.DRILL_FAULTS ?? 3);
  const only = process.env.DRILL_ONLY;
  const flag = process.argv.indexOf('--replicas');
  const replicas = flag > 0 ? Number(process.argv[flag + 1]) : 1;
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error('usage: npm run drill [-- --replicas <n>]');
  const scenarios = [skillSubsidy, degreeDoubling].filter((sc) => !process.env.DRILL_PROGRAM || sc.program === process.env.DRILL_PROGRAM);
  const drills: [string, Fault][] = [
    ['kill -9 worker mid-activity', killWorker],
    ['restart Temporal dev server', restartTemporal],
    ['PostgreSQL backends terminated', dropPostgresConnections],
    ['restart API mid-load', restartApi],
  ];
  const results: DrillResult[] = [];
  for (const scenario of scenarios) {
    // Long-lived applications need fewer of them to cover the same ground: each lives through four runs.
    const n = scenario.payments > 1 ? Number(process.env.DRILL_LONG_APPLICATIONS ?? Math.ceil(applications / 5)) : applications;
    for (const [name, fault] of drills) {
      if (only && !name.includes(only)) continue;
      process.stderr.write(`[drill] ${scenario.program} / ${name}: ${n} applications, ${faults} faults, ${replicas} replica(s)\n`);
      results.push(await drill(name, fault, scenario, n, faults, replicas));
    }
  }
  stopHog();
  console.table(results);
  const name = ['drill', replicas > 1 ? 'replicas' : undefined, process.env.DRILL_PROGRAM, process.env.DRILL_CPU_HOG === '1' ? 'cpu-hog' : undefined].filter(Boolean).join('-');
  const out = path.join(projectRoot(), 'bench', 'results', `${name}-latest.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const report = { date: new Date().toISOString(), machine: machine(), cpuHog: process.env.DRILL_CPU_HOG === '1', replicas, results };
  // The replica drill's figures also under the names the scale issue compares run to run.
  const summary = results.map((r) => ({ name: `${r.program} / ${r.drill}`, applications: r.expected, reached: r.reached, lost: r.lost, duplicated: r.duplicated, invalidStreams: r.invalidStreams }));
  fs.writeFileSync(out, `${JSON.stringify(replicas > 1 ? { ...report, drills: summary } : report, null, 2)}\n`);
  const ok = results.every((r) => r.lost === 0 && r.duplicated === 0 && r.wrongPayments === 0 && r.invalidStreams === 0 && !r.duplicateCheckpoints && (r.checkpoints === undefined || r.checkpoints > 1) && r.projectionsEqualRebuild !== false);
  process.exit(ok ? 0 : 1);
}

export function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
