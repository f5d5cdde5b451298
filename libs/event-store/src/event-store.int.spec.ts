import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { requiredEnv } from '#test/support/workflow-env';
import { createDataSource } from './data-source';
import { EventStore, NewEvent } from './event-store';

const metadata = { actor: { id: 'test', role: 'system' as const }, workflowId: 'wf', policyVersion: 1 };

function events(n: number, type = 'Noted'): NewEvent[] {
  return Array.from({ length: n }, (_, i) => ({ eventId: randomUUID(), type, data: { i, note: `第${i}条` }, metadata }));
}

describe('event store on PostgreSQL', () => {
  let ds: DataSource;
  let store: EventStore;

  beforeAll(async () => {
    ds = await createDataSource({ url: requiredEnv('TEST_DATABASE_URL'), poolSize: 12 }).initialize();
    store = new EventStore(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('appends with versions 1..n, a hash chain that verifies, and increasing positions', async () => {
    const stream = `test-${randomUUID()}`;
    const first = await store.append(stream, 0, events(3));
    const second = await store.append(stream, 3, events(2));
    expect([...first.events, ...second.events].map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
    expect(second.events[0].prevHash).toBe(first.events[2].hash);
    const read = await store.readStream(stream);
    expect(read.map((e) => e.hash)).toEqual([...first.events, ...second.events].map((e) => e.hash));
    expect(read.map((e) => e.position)).toEqual([...read.map((e) => e.position)].sort((a, b) => a - b));
    expect(await store.verifyStream(stream)).toEqual({ valid: true, eventCount: 5, headHash: second.events[1].hash });
  });

  it('refuses a stale expected version, whoever loses the race', async () => {
    const stream = `test-${randomUUID()}`;
    await store.append(stream, 0, events(1));
    const racers = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(stream, 1, events(1))));
    expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of racers.filter((x) => x.status === 'rejected') as PromiseRejectedResult[]) {
      expect(r.reason).toMatchObject({ code: 'STREAM.WRONG_EXPECTED_VERSION' });
    }
    expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('treats a retried append of the same event ids as a no-op returning what is stored', async () => {
    const stream = `test-${randomUUID()}`;
    const batch = events(2);
    const stored = await store.append(stream, 0, batch);
    const retried = await store.append(stream, 0, batch);
    expect(retried.duplicate).toBe(true);
    expect(retried.events.map((e) => e.hash)).toEqual(stored.events.map((e) => e.hash));
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('gives a reader following the global position a gap-free prefix while writers race', async () => {
    const [{ max }] = (await ds.query(`SELECT coalesce(max(position), 0)::bigint AS max FROM events`)) as { max: string }[];
    const start = Number(max);
    const streams = Array.from({ length: 6 }, () => `test-${randomUUID()}`);
    let writing = true;
    const writers = streams.map(async (stream) => {
      for (let v = 0; v < 30; v += 1) await store.append(stream, v, events(1));
    });
    const seen: number[] = [];
    const reader = (async () => {
      let checkpoint = start;
      for (;;) {
        const done = !writing;
        const page = await store.readAll(checkpoint, 50);
        if (page.length > 0) checkpoint = page[page.length - 1].position;
        seen.push(...page.filter((e) => streams.includes(e.streamId)).map((e) => e.position));
        if (done && page.length === 0) break;
      }
    })();
    await Promise.all(writers);
    writing = false;
    await reader;
    const all = (await ds.query(`SELECT position FROM events WHERE stream_id = ANY($1) ORDER BY position`, [streams])) as { position: string }[];
    expect(seen).toEqual(all.map((r) => Number(r.position)));
  });

  it('refuses UPDATE and DELETE on the event log', async () => {
    const stream = `test-${randomUUID()}`;
    await store.append(stream, 0, events(1));
    await expect(ds.query(`UPDATE events SET data = '{}' WHERE stream_id = $1`, [stream])).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM events WHERE stream_id = $1`, [stream])).rejects.toThrow(/append-only/);
    expect(await store.verifyStream(stream)).toMatchObject({ valid: true });
  });
});
