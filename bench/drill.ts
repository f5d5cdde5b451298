import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { verifyAll } from '#event-store';
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
  faults: number;
  seconds: number;
}

type Fault = (stack: Stack, db: Awaited<ReturnType<typeof benchDatabase>>) => Promise<void>;

/** Kill -9 the worker while activities are running, then start a new one. */
const killWorker: Fault = async (stack) => {
  await Stack.kill(stack.worker, 'SIGKILL');
  await sleep(500);
  stack.startWorker();
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

/** Kill the API mid-request and start it again. */
const restartApi: Fault = async (stack) => {
  await Stack.kill(stack.api, 'SIGKILL');
  await sleep(300);
  stack.startApi();
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

async function drill(name: string, fault: Fault, scenario: Scenario, applications: number, faults: number): Promise<DrillResult> {
  const db = await benchDatabase(`drill_${scenario.program.replace(/\W+/g, '_')}_${name.replace(/\W+/g, '_')}`.slice(0, 60));
  const stack = await Stack.start(db.url);
  const started = Date.now();
  try {
    const { people, run } = await scenario.prepare(stack.apiUrl, applications);
    let injected = 0;
    let loadDone = false;
    const chaos = (async () => {
      // Faults spread over the load: the first once it is under way, the rest at intervals.
      await sleep(1500);
      while (!loadDone && injected < faults) {
        await fault(stack, db);
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
      faults: injected,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await stack.stop();
    await db.drop();
  }
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
      process.stderr.write(`[drill] ${scenario.program} / ${name}: ${n} applications, ${faults} faults\n`);
      results.push(await drill(name, fault, scenario, n, faults));
    }
  }
  stopHog();
  console.table(results);
  const name = ['drill', process.env.DRILL_PROGRAM, process.env.DRILL_CPU_HOG === '1' ? 'cpu-hog' : undefined].filter(Boolean).join('-');
  const out = path.join(projectRoot(), 'bench', 'results', `${name}-latest.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine: machine(), cpuHog: process.env.DRILL_CPU_HOG === '1', results }, null, 2)}\n`);
  const ok = results.every((r) => r.lost === 0 && r.duplicated === 0 && r.wrongPayments === 0 && r.invalidStreams === 0);
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
