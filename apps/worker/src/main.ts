import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { Checkpoints, loadSigningKey, EventStore, DATA_SOURCE, EVENT_STORE, EventStoreModule, ProjectionRunner } from '#event-store';
import http from 'node:http';
import { collectDefaultMetrics, register } from 'prom-client';
import { AssessmentProjection } from '#metrics';
import { Notifier, channelsFromEnv, outboxOptionsFromEnv } from '#notifications';
import { ensureSearchAttributes, temporalConfig } from '#temporal';
import { createWorker } from './worker.factory';

@Module({ imports: [EventStoreModule] })
class WorkerModule {}

/**
 * Takes the signed audit checkpoint of each period of AUDIT_CHECKPOINT_MINUTES (default 60; 0 turns it off). Every
 * worker tries once a period; the first takes it, under a lock, the others find it taken (one checkpoint a period).
 */
function scheduleCheckpoints(ds: DataSource): NodeJS.Timeout | undefined {
  const minutes = Number(process.env.AUDIT_CHECKPOINT_MINUTES ?? 60);
  if (!(minutes > 0)) return undefined;
  const key = loadSigningKey();
  const timer = setInterval(() => {
    const period = minutes * 60_000;
    const now = new Date();
    new Checkpoints(ds).scheduled(key, new Date(Math.floor(now.getTime() / period) * period), now).catch((err) => process.stderr.write(`checkpoint failed: ${String(err)}\n`));
  }, minutes * 60_000);
  timer.unref();
  return timer;
}

/** Prometheus text for this process (event-append latency, Node runtime) on WORKER_METRICS_PORT (0: off). */
function serveMetrics(port: number): http.Server | undefined {
  if (!(port > 0)) return undefined;
  collectDefaultMetrics();
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.statusCode = 404;
      return res.end();
    }
    register.metrics().then((text) => {
      res.setHeader('content-type', register.contentType);
      res.end(text);
    });
  });
  server.on('error', (err) => process.stderr.write(`worker metrics server: ${String(err)}\n`));
  server.listen(port, process.env.WORKER_METRICS_HOST ?? '127.0.0.1');
  return server;
}

/** The worker: a Nest application context (no HTTP port) that runs workflows and activities. */
async function main(): Promise<void> {
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn', 'log'] });
  ctx.enableShutdownHooks();
  const config = temporalConfig();
  const client = await Connection.connect({ address: config.address });
  await ensureSearchAttributes(client, config.namespace);
  await client.close();
  const connection = await NativeConnection.connect({ address: config.address });
  const worker = await createWorker({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    dataSource: ctx.get<DataSource>(DATA_SOURCE),
  });
  const ds = ctx.get<DataSource>(DATA_SOURCE);
  const checkpoints = scheduleCheckpoints(ds);
  const projections = new ProjectionRunner(ds, ctx.get<EventStore>(EVENT_STORE), new AssessmentProjection());
  projections.start(Number(process.env.PROJECTION_INTERVAL_MS ?? 1000));
  // Notifications (inbox, e-mail, SMS stand-in): a projection of the log and an outbox, off with NOTIFICATIONS=off.
  const notifier =
    process.env.NOTIFICATIONS === 'off'
      ? undefined
      : new Notifier(ds, ctx.get<EventStore>(EVENT_STORE), { channels: channelsFromEnv(), outbox: outboxOptionsFromEnv(), intervalMs: Number(process.env.PROJECTION_INTERVAL_MS ?? 1000) });
  notifier?.start();
  const metrics = serveMetrics(Number(process.env.WORKER_METRICS_PORT ?? 9464));
  const stop = () => {
    clearInterval(checkpoints);
    void projections.stop();
    void notifier?.stop();
    metrics?.close();
    worker.shutdown();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(`worker polling ${config.taskQueue} on ${config.address}\n`);
  try {
    await worker.run();
  } finally {
    await connection.close();
    await ctx.close();
  }
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
