/* eslint-disable @typescript-eslint/no-require-imports */
// The real system for the browser tests, in a child process of Playwright's global setup (Playwright's own
// TypeScript loader cannot run Nest/TypeORM decorators, so this process compiles test/support with swc, as
// jest does): a fresh migrated database, a Temporal dev server, the dev seed, the compiled worker and API
// (npm run build), drill policies. Prints one line `READY <json>`; stops everything on SIGTERM or when
// its stdin closes (the parent went away).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const SWC = {
  jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
require.extensions['.ts'] = (module, filename) => {
  module._compile(swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...SWC, filename }).code, filename);
};

const log = (line) => process.stderr.write(`[web-e2e] ${line}\n`);
const children = [];
let services;
let stopping = false;

async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  if (services) await services.stop().catch((e) => log(`stopping services: ${e.message}`));
  process.exit(code);
}

async function main() {
  for (const f of ['dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js', 'dist/web/index.html']) {
    if (!fs.existsSync(path.join(root, f))) throw new Error(`${f} is missing: run npm run build first (npm run test:web does)`);
  }
  const { startTestServices } = require(path.join(root, 'test/support/services.ts'));
  const { createDataSource } = require(path.join(root, 'libs/event-store/src/data-source.ts'));
  const { seedDevData } = require(path.join(root, 'infra/dev-seed.ts'));
  const started = Date.now();
  services = await startTestServices(`talentflow_web_${Date.now()}_${process.pid}`);
  const databaseUrl = services.env.TEST_DATABASE_URL;
  const ds = await createDataSource({ url: databaseUrl, poolSize: 1 }).initialize();
  await seedDevData(ds);
  await ds.destroy();

  const port = Number(process.env.WEB_TEST_PORT);
  if (!port) throw new Error('WEB_TEST_PORT is not set (the global setup picks one)');
  const stale = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
    () => true,
    () => false,
  );
  if (stale) throw new Error(`port ${port} is already in use (another run still going?): set WEB_TEST_PORT to a free port`);
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    AUTH_MODE: 'dev',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: services.env.TEMPORAL_TEST_ADDRESS,
    // The keys the database was migrated with (the API and worker refuse others).
    PII_KEYS: services.env.PII_KEYS,
    TEMPORAL_TASK_QUEUE: `web-e2e-${process.pid}-${Date.now()}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '100000',
    WORKER_METRICS_PORT: '0',
    PROJECTION_INTERVAL_MS: '1000',
  };
  // Their logs go to a file (test-results/web-system.log), not into the test report.
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  const logFd = fs.openSync(path.join(root, 'test-results', 'web-system.log'), 'w');
  const run = (name, script) => {
    const child = spawn(process.execPath, [path.join(root, 'dist', script)], { env, stdio: ['ignore', logFd, logFd] });
    child.once('exit', (code) => {
      if (!stopping) {
        log(`${name} exited with code ${code}`);
        void stop(1);
      }
    });
    children.push(child);
  };
  run('worker', 'apps/worker/src/main.js');
  run('api', 'apps/api/src/main.js');

  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 180_000) throw new Error('the API did not become healthy within 3 minutes');
    await new Promise((r) => setTimeout(r, 300));
  }
  await publishDrills(`${base}/api/v1`);
  process.stdout.write(`READY ${JSON.stringify({ baseURL: base, databaseUrl, temporalAddress: services.env.TEMPORAL_TEST_ADDRESS, piiKeys: services.env.PII_KEYS })}\n`);
  log(`system ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${base}`);
}

/** Drill policies (short timers), as test/e2e/support/drill.ts publishes them, through the admin API. */
async function publishDrills(api) {
  const call = async (method, p, token, body) => {
    const r = await fetch(`${api}${p}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  const { accessToken: admin } = await call('POST', '/auth/dev-token', undefined, { sub: 'web-e2e-admin', roles: ['admin'] });
  const drills = {
    'degree-doubling': { instalmentInterval: { iso: 'PT3S' } },
    'top-talent': { publicNotice: { iso: 'PT25S' } },
    'title-fast-track': { employerNotice: { iso: 'PT3S' }, publicNotice: { iso: 'PT3S' } },
  };
  for (const [program, timers] of Object.entries(drills)) {
    const current = await call('GET', `/policies/${program}`, admin);
    const policy = current.policy;
    const drill = { ...policy, timers: Object.fromEntries(Object.keys(policy.timers).map((k) => [k, timers[k] ?? { iso: 'PT10M' }])) };
    await call('POST', `/admin/policies/${program}`, admin, drill);
  }
}

process.once('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(0));
process.stdin.on('end', () => void stop(0));
process.stdin.resume();
main().catch((e) => {
  log(e.stack ?? String(e));
  void stop(1);
});
