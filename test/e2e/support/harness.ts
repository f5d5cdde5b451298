import { randomUUID } from 'node:crypto';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { NativeConnection, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createApiApp } from '#api/app.factory';
import { apiConfig } from '#api/config/api.config';
import { createWorker } from '#worker/worker.factory';
import { createDataSource } from '#event-store';
import { requiredEnv } from '../../support/workflow-env';

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * An API application configured with these settings on top of the process's: modules read their settings from the
 * environment while the app is created, so the values are lent for that moment and put back.
 */
export async function apiWith(env: Record<string, string>): Promise<NestFastifyApplication> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await createApiApp(apiConfig());
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** The API (listening on a free port) and a worker, on the run's database and Temporal dev server. */
export class Harness {
  app!: NestFastifyApplication;
  worker!: Worker;
  ds!: DataSource;
  baseUrl!: string;
  /** Every response body this harness received, with who asked: for the personal-data scan. */
  readonly responses: { who: string; method: string; path: string; status: number; text: string }[] = [];
  private connection!: NativeConnection;
  private running!: Promise<void>;

  static async start(env: Record<string, string> = {}): Promise<Harness> {
    const h = new Harness();
    const taskQueue = `e2e-${randomUUID()}`;
    Object.assign(process.env, {
      DATABASE_URL: requiredEnv('TEST_DATABASE_URL'),
      TEMPORAL_ADDRESS: requiredEnv('TEMPORAL_TEST_ADDRESS'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_POOL_SIZE: '5',
      ...env,
    });
    h.ds = await createDataSource({ poolSize: 4 }).initialize();
    h.connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
    h.worker = await createWorker({
      connection: h.connection,
      namespace: 'default',
      taskQueue,
      dataSource: h.ds,
      workflowBundle: { codePath: requiredEnv('WORKFLOW_BUNDLE_PATH') },
      maxCachedWorkflows: 200,
    });
    h.running = h.worker.run();
    h.app = await createApiApp(apiConfig());
    await h.app.listen(0, '127.0.0.1');
    const address = h.app.getHttpServer().address() as { port: number };
    h.baseUrl = `http://127.0.0.1:${address.port}/api/v1`;
    return h;
  }

  private extraApps: NestFastifyApplication[] = [];

  /** Another API instance on the same database and Temporal, configured differently (for limits, auth modes). */
  async extraApi(env: Record<string, string>): Promise<string> {
    const app = await apiWith(env);
    await app.listen(0, '127.0.0.1');
    this.extraApps.push(app);
    return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/v1`;
  }

  async stop(): Promise<void> {
    for (const app of this.extraApps) await app.close();
    await this.app?.close();
    this.worker?.shutdown();
    await this.running;
    await this.connection?.close();
    await this.ds?.destroy();
  }

  async call<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string; who?: string } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.raw;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    this.responses.push({ who: options.who ?? '', method, path, status: response.status, text });
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (Prometheus text, HTML docs).
    }
    return { status: response.status, body: body as T, headers: response.headers };
  }

  async token(claims: Record<string, unknown>): Promise<string> {
    const reply = await this.call<{ accessToken: string }>('POST', '/auth/dev-token', { body: claims });
    if (reply.status !== 200) throw new Error(`dev-token ${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body.accessToken;
  }

  async eventCount(): Promise<number> {
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM events`)) as { n: number }[];
    return n;
  }

  /** Streams are created only by a submission, so this moves only when an application was stored. */
  async streamCount(): Promise<number> {
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM streams`)) as { n: number }[];
    return n;
  }
}
