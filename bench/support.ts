import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, databaseUrl, dropDatabase, migrate, EventStore, NewEvent } from '#event-store';

/** A fresh, migrated database for one benchmark run, dropped afterwards. */
export async function benchDatabase(name: string): Promise<{ ds: DataSource; url: string; drop(): Promise<void> }> {
  const url = new URL(databaseUrl());
  // PostgreSQL cuts names at 63 bytes: the unique suffix must survive, so the descriptive part is shortened.
  url.pathname = `/bench_${name.slice(0, 36)}_${Date.now()}_${randomBytes(2).toString('hex')}`;
  await migrate(url.toString());
  const ds = await createDataSource({ url: url.toString(), poolSize: 20, applicationName: `bench-${name}` }).initialize();
  return {
    ds,
    url: url.toString(),
    async drop() {
      await ds.destroy();
      if (process.env.BENCH_KEEP_DATABASE !== '1') await dropDatabase(url.toString());
    },
  };
}

const metadata = { actor: { id: 'bench', role: 'system' as const }, workflowId: 'bench', policyVersion: 1 };

/** Events shaped like the application's: a small JSON payload with text and integers. */
export function sampleEvents(n: number): NewEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    eventId: randomUUID(),
    type: i === 0 ? 'ApplicationSubmitted' : 'TaskCompleted',
    data: { taskId: randomUUID(), outcome: 'approve', by: 'reviewer-1', comment: '材料齐全，符合条件', fields: { n: i } },
    metadata,
  }));
}

/** Fills the store through the real append path: `streams` streams of `perStream` events, `batch` per append. */
export async function fillStore(store: EventStore, streams: number, perStream: number, batch: number, concurrency = 8): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= streams) return;
      const streamId = `bench-${randomUUID()}`;
      for (let v = 0; v < perStream; v += batch) await store.append(streamId, v, sampleEvents(Math.min(batch, perStream - v)));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}
