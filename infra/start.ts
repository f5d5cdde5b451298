import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createDataSource, databaseUrl, migrate } from '#event-store';
import { useDatabase } from './database';
import { seedDevData } from './dev-seed';
import { dataFolder, projectRoot } from './project-root';
import { DevServer, startDevServer } from './temporal-dev-server';

/**
 * `npm start`: PostgreSQL (the embedded server unless DATABASE_URL is set), migrations, dev seed, a Temporal dev server (unless TEMPORAL_ADDRESS is set),
 * then the worker and the API. Ctrl-C stops every child.
 */
async function main(): Promise<void> {
  const root = projectRoot();
  const log = (line: string) => process.stdout.write(`[start] ${line}\n`);
  const database = await useDatabase(log);
  const url = databaseUrl();
  log(`PostgreSQL: ${database.mode} (${database.where})`);
  const ran = await migrate(url);
  log(`database ready (${ran.length ? `migrations run: ${ran.join(', ')}` : 'schema up to date'})`);
  const ds = await createDataSource({ url, poolSize: 1 }).initialize();
  await seedDevData(ds);
  await ds.destroy();
  log('dev seed loaded (reference policies, demo registry rows)');

  let server: DevServer | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
  if (!process.env.TEMPORAL_ADDRESS) {
    const uiPort = Number(process.env.TEMPORAL_UI_PORT ?? 8233);
    // The Web UI decrypts payloads through the API's codec endpoint (auditors and admins), from its own origin.
    env.CORS_ORIGINS = [process.env.CORS_ORIGINS, `http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`].filter(Boolean).join(',');
    server = await startDevServer({
      port: Number(process.env.TEMPORAL_DEV_PORT ?? 7233),
      uiPort,
      uiCodecEndpoint: `http://127.0.0.1:${Number(process.env.PORT ?? 3000)}/api/v1/temporal-codec`,
      dbFile: path.join(dataFolder(), 'temporal.db'),
      headless: false,
      logFile: path.join(dataFolder(), 'temporal.log'),
    });
    env.TEMPORAL_ADDRESS = server.address;
    log(`temporal dev server at ${server.address}, web UI ${server.uiUrl}`);
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await server?.stop();
    // A fast shutdown: sessions end, committed work is on disk (fsync stays on).
    await database.release().catch((err: unknown) => log(`stopping PostgreSQL failed: ${String(err)}`));
    process.exit(code);
  };
  const run = (name: string, script: string) => {
    const child = spawn(process.execPath, [path.join(root, 'dist', script)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('exit', (code) => {
      if (!stopping) {
        log(`${name} exited with code ${code}`);
        void stop(1);
      }
    });
    children.push(child);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));
  run('worker', 'apps/worker/src/main.js');
  run('api', 'apps/api/src/main.js');

  const port = Number(process.env.PORT ?? 3000);
  const started = Date.now();
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) {
      log('the API did not become healthy within 2 minutes');
      return stop(1);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`healthy after ${process.uptime().toFixed(1)} s since start`);
  log(`web application: http://127.0.0.1:${port}/   API: http://127.0.0.1:${port}/api/v1   docs: http://127.0.0.1:${port}/api/docs`);
}

main().catch((err) => {
  process.stderr.write(`[start] failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
