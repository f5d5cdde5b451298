import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../infra/project-root';
import { freePort } from '../infra/net';
import { DevServer, startDevServer } from '../infra/temporal-dev-server';

/**
 * The whole system as separate processes, the way `npm start` runs it: a Temporal dev server (persisted to a
 * file, so it can be restarted), the worker and the API from dist/ — or `replicas` of each, the APIs behind a small
 * round-robin proxy (as a load balancer would put them). Benchmarks and drills drive it over HTTP and kill its parts.
 */
export class Stack {
  temporal!: DevServer;
  readonly workers: ChildProcess[] = [];
  readonly apis: ChildProcess[] = [];
  /** Where clients go: the API, or the proxy in front of the replicas. */
  apiUrl!: string;
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talentflow-stack-'));
  private temporalPort!: number;
  private apiPorts: number[] = [];
  private proxy?: http.Server;
  private env!: NodeJS.ProcessEnv;

  get worker(): ChildProcess {
    return this.workers[0];
  }

  get api(): ChildProcess {
    return this.apis[0];
  }

  static async start(databaseUrl: string, env: Record<string, string> = {}, replicas = 1): Promise<Stack> {
    const s = new Stack();
    s.temporalPort = await freePort();
    for (let i = 0; i < replicas; i++) s.apiPorts.push(await freePort());
    await s.startTemporal();
    s.env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: `127.0.0.1:${s.temporalPort}`,
      AUTH_MODE: 'dev',
      RATE_LIMIT_PER_MINUTE: '10000000',
      WORKER_METRICS_PORT: '0',
      AUDIT_CHECKPOINT_MINUTES: '0',
      AUDIT_SIGNING_KEY_FILE: path.join(s.dir, 'audit.pem'),
      DOCUMENTS_DIR: path.join(s.dir, 'documents'),
      ...env,
    };
    for (let i = 0; i < replicas; i++) {
      s.startWorker({}, i);
      s.startApi(i);
    }
    try {
      s.apiUrl = replicas === 1 ? `http://127.0.0.1:${s.apiPorts[0]}/api/v1` : `http://127.0.0.1:${await s.startProxy()}/api/v1`;
      await s.waitHealthy();
    } catch (err) {
      // A part that never came up: stop the others rather than leave them running against the database.
      await s.stop();
      throw err;
    }
    return s;
  }

  async startTemporal(): Promise<void> {
    this.temporal = await startDevServer({ port: this.temporalPort, dbFile: path.join(this.dir, 'temporal.db'), headless: true, logFile: path.join(this.dir, 'temporal.log') });
  }

  startWorker(extraEnv: Record<string, string> = {}, replica = 0): ChildProcess {
    this.workers[replica] = this.spawn(`worker-${replica}`, 'apps/worker/src/main.js', extraEnv);
    return this.workers[replica];
  }

  startApi(replica = 0): ChildProcess {
    this.apis[replica] = this.spawn(`api-${replica}`, 'apps/api/src/main.js', { PORT: String(this.apiPorts[replica]) });
    return this.apis[replica];
  }

  /**
   * Round robin over the API replicas, request by request; a replica that refuses the connection (killed, not up
   * yet) is skipped for the next one, as a load balancer's health check would. Answers 502 when none answers.
   */
  private async startProxy(): Promise<number> {
    let next = 0;
    this.proxy = http.createServer((req, res) => {
      const body: Buffer[] = [];
      req.on('data', (c: Buffer) => body.push(c));
      req.on('end', () => {
        const attempt = (tries: number) => {
          const port = this.apiPorts[next++ % this.apiPorts.length];
          const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          });
          upstream.on('error', (err: NodeJS.ErrnoException) => {
            if (res.headersSent) return res.destroy();
            // Refused: nothing reached the replica, so another may take it. A reset mid-request may have done work.
            if (err.code === 'ECONNREFUSED' && tries < this.apiPorts.length) return attempt(tries + 1);
            res.writeHead(502).end();
          });
          upstream.end(Buffer.concat(body));
        };
        attempt(1);
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => this.proxy!.listen(port, '127.0.0.1', resolve));
    return port;
  }

  private spawn(name: string, script: string, extraEnv: Record<string, string> = {}): ChildProcess {
    const log = fs.openSync(path.join(this.dir, `${name}.log`), 'a');
    // BENCH_NODE_ARGS_<NAME> (e.g. BENCH_NODE_ARGS_WORKER="--cpu-prof") profiles one part of the stack.
    const nodeArgs = (process.env[`BENCH_NODE_ARGS_${name.replace(/-\d+$/, '').toUpperCase()}`] ?? '').split(' ').filter(Boolean);
    return spawn(process.execPath, [...nodeArgs, path.join(projectRoot(), 'dist', script)], { env: { ...this.env, ...extraEnv }, stdio: ['ignore', log, log] });
  }

  /** Every worker has bundled its workflows and polls (each logs a line when it does). */
  async waitWorkerReady(timeoutMs = 60_000, replicas = this.workers.map((_, i) => i)): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const i of replicas) {
      const file = path.join(this.dir, `worker-${i}.log`);
      for (;;) {
        if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('worker polling')) break;
        if (Date.now() > deadline) throw new Error(`worker ${i} did not start polling`);
        await sleep(100);
      }
    }
  }

  async waitHealthy(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const port of this.apiPorts) {
      for (;;) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status === 200) break;
        } catch {
          // not up yet
        }
        if (Date.now() > deadline) throw new Error('stack did not become healthy');
        await sleep(200);
      }
    }
    return this.waitWorkerReady(timeoutMs);
  }

  static kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((p) => Stack.kill(p, 'SIGTERM')));
    if (process.env.BENCH_KEEP_LOGS === '1') process.stderr.write(`[stack] logs kept in ${this.dir}\n`);
    this.proxy?.closeAllConnections();
    await new Promise((resolve) => (this.proxy ? this.proxy.close(resolve) : resolve(undefined)));
    await this.temporal.stop();
    if (process.env.BENCH_KEEP_LOGS !== '1') fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
