import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../infra/project-root';
import { freePort } from '../infra/net';
import { DevServer, startDevServer } from '../infra/temporal-dev-server';

/**
 * The whole system as separate processes, the way `npm start` runs it: a Temporal dev server (persisted to a
 * file, so it can be restarted), the worker and the API from dist/. Benchmarks and drills drive it over HTTP and
 * kill its parts.
 */
export class Stack {
  temporal!: DevServer;
  worker!: ChildProcess;
  api!: ChildProcess;
  apiUrl!: string;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talentflow-stack-'));
  private temporalPort!: number;
  private apiPort!: number;
  private env!: NodeJS.ProcessEnv;

  static async start(databaseUrl: string, env: Record<string, string> = {}): Promise<Stack> {
    const s = new Stack();
    s.temporalPort = await freePort();
    s.apiPort = await freePort();
    await s.startTemporal();
    s.env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: `127.0.0.1:${s.temporalPort}`,
      PORT: String(s.apiPort),
      AUTH_MODE: 'dev',
      RATE_LIMIT_PER_MINUTE: '10000000',
      WORKER_METRICS_PORT: '0',
      AUDIT_CHECKPOINT_MINUTES: '0',
      AUDIT_SIGNING_KEY_FILE: path.join(s.dir, 'audit.pem'),
      DOCUMENTS_DIR: path.join(s.dir, 'documents'),
      ...env,
    };
    s.apiUrl = `http://127.0.0.1:${s.apiPort}/api/v1`;
    s.startWorker();
    s.startApi();
    await s.waitHealthy();
    return s;
  }

  async startTemporal(): Promise<void> {
    this.temporal = await startDevServer({ port: this.temporalPort, dbFile: path.join(this.dir, 'temporal.db'), headless: true, logFile: path.join(this.dir, 'temporal.log') });
  }

  startWorker(extraEnv: Record<string, string> = {}): ChildProcess {
    this.worker = this.spawn('worker', 'apps/worker/src/main.js', extraEnv);
    return this.worker;
  }

  startApi(): ChildProcess {
    this.api = this.spawn('api', 'apps/api/src/main.js');
    return this.api;
  }

  private spawn(name: string, script: string, extraEnv: Record<string, string> = {}): ChildProcess {
    const log = fs.openSync(path.join(this.dir, `${name}.log`), 'a');
    // BENCH_NODE_ARGS_<NAME> (e.g. BENCH_NODE_ARGS_WORKER="--cpu-prof") profiles one part of the stack.
    const nodeArgs = (process.env[`BENCH_NODE_ARGS_${name.toUpperCase()}`] ?? '').split(' ').filter(Boolean);
    return spawn(process.execPath, [...nodeArgs, path.join(projectRoot(), 'dist', script)], { env: { ...this.env, ...extraEnv }, stdio: ['ignore', log, log] });
  }

  /** The worker has bundled its workflows and polls (it logs a line when it does). */
  async waitWorkerReady(timeoutMs = 60_000): Promise<void> {
    const file = path.join(this.dir, 'worker.log');
    const start = fs.existsSync(file) ? fs.statSync(file).size : 0;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(start) : '';
      if (text.includes('worker polling')) return;
      await sleep(100);
    }
    throw new Error('worker did not start polling');
  }

  async waitHealthy(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.apiUrl}/health`)).status === 200) return this.waitWorkerReady(timeoutMs);
      } catch {
        // not up yet
      }
      await sleep(200);
    }
    throw new Error('stack did not become healthy');
  }

  static kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  async stop(): Promise<void> {
    await Promise.all([Stack.kill(this.api, 'SIGTERM'), Stack.kill(this.worker, 'SIGTERM')]);
    await this.temporal.stop();
    if (process.env.BENCH_KEEP_LOGS !== '1') fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
