import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { DATA_SOURCE, EventStoreModule } from '../../../libs/event-store/src/event-store.module';
import { ensureSearchAttributes } from '../../../libs/temporal/src/search-attributes';
import { temporalConfig } from '../../../libs/temporal/src/temporal.config';
import { createWorker } from './worker.factory';

@Module({ imports: [EventStoreModule] })
class WorkerModule {}

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
  const stop = () => worker.shutdown();
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
