import { ApplicationState, ERASED_TEXT, evolve, EvolvableEvent } from '#domain';
import { EventStore, verifyAll } from '#event-store';
import { isolatedDatabase } from '#test/support/database';
import { bulkLoad } from './bulk-load';

describe('bulk loader (npm run load)', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    db = await isolatedDatabase('bulk_load');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('writes five years of the four programs that verify, sealed, with the read models the real path keeps', async () => {
    const result = await bulkLoad(db.ds, { applications: 400, batch: 150, seed: 7 });
    expect(result.events).toBeGreaterThan(400 * 8);

    // Every stream's chain and head verify.
    const verdict = await verifyAll(db.ds);
    expect(verdict).toMatchObject({ valid: true, streams: 400, events: result.events, invalidStreams: [] });

    // All four programs, spread over five years, in every kind of end and some still open.
    const programs = (await db.ds.query(`SELECT program, count(*)::int AS n FROM applications GROUP BY program`)) as { program: string; n: number }[];
    expect(programs.map((p) => p.program).sort()).toEqual(['degree-doubling', 'skill-subsidy', 'title-fast-track', 'top-talent']);
    const statuses = ((await db.ds.query(`SELECT DISTINCT status FROM applications`)) as { status: string }[]).map((s) => s.status);
    expect(statuses).toEqual(expect.arrayContaining(['completed', 'rejected', 'in-payment']));
    const [span] = (await db.ds.query(`SELECT extract(epoch FROM max(recorded_at) - min(recorded_at)) / 86400 AS days FROM events`)) as { days: number }[];
    expect(Number(span.days)).toBeGreaterThan(4 * 365);

    // No ID number or name in clear in the log: the loader seals like the real path.
    const store = new EventStore(db.ds);
    const [sample] = (await db.ds.query(`SELECT stream_id FROM applications ORDER BY random() LIMIT 1`)) as { stream_id: string }[];
    const opened = await store.open(await store.readStream(sample.stream_id));
    const applicant = (opened[0].data as { applicant: { name: string; idNumber: string } }).applicant;
    expect(applicant.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(applicant.name).not.toBe(ERASED_TEXT);
    const [{ clear }] = (await db.ds.query(`SELECT count(*)::int AS clear FROM events WHERE data::text LIKE '%' || $1 || '%'`, [applicant.idNumber])) as { clear: number }[];
    expect(clear).toBe(0);

    // The read models equal the log folded again, for every application (the same evolve as the workflows).
    const rows = (await db.ds.query(`SELECT stream_id, status, version, state FROM applications`)) as { stream_id: string; status: string; version: number; state: ApplicationState }[];
    for (const row of rows) {
      const events = await store.open(await store.readStream(row.stream_id));
      const folded = events.reduce<ApplicationState | null>((s, e) => evolve(s, e as unknown as EvolvableEvent), null)!;
      expect({ status: row.status, version: row.version }).toEqual({ status: folded.status, version: folded.version });
      expect(row.state).toEqual(JSON.parse(JSON.stringify(folded)));
    }
    const [{ open }] = (await db.ds.query(`SELECT count(*)::int AS open FROM tasks WHERE status IN ('open', 'claimed')`)) as { open: number }[];
    const [{ tasks }] = (await db.ds.query(`SELECT count(*)::int AS tasks FROM events WHERE type = 'TaskCreated'`)) as { tasks: number }[];
    expect(await db.ds.query(`SELECT count(*)::int AS n FROM tasks`)).toEqual([{ n: tasks }]);
    expect(open).toBeGreaterThan(0);

    // The assessment facts are caught up to the head; the notifier starts after the loaded past.
    const checkpoints = (await db.ds.query(`SELECT name, position::int AS position FROM projection_checkpoints ORDER BY name`)) as { name: string; position: number }[];
    const [{ head }] = (await db.ds.query(`SELECT max(position)::int AS head FROM events`)) as { head: number }[];
    expect(checkpoints).toEqual([
      { name: 'assessment', position: head },
      { name: 'notifications', position: head },
    ]);
    expect(await db.ds.query(`SELECT count(*)::int AS n FROM metric_applications`)).toEqual([{ n: 400 }]);

    // A second load adds to the store (new people, positions after the first).
    const more = await bulkLoad(db.ds, { applications: 50, batch: 50, seed: 8 });
    expect((await verifyAll(db.ds)).valid).toBe(true);
    expect(await db.ds.query(`SELECT count(*)::int AS n FROM events`)).toEqual([{ n: result.events + more.events }]);
  });

  it('refuses an import into a stream that exists, writing nothing', async () => {
    const [row] = (await db.ds.query(`SELECT stream_id FROM streams LIMIT 1`)) as { stream_id: string }[];
    const store = new EventStore(db.ds);
    const [{ n: before }] = (await db.ds.query(`SELECT count(*)::int AS n FROM events`)) as { n: number }[];
    const event = { eventId: '00000000-0000-4000-8000-000000000001', type: 'ApplicationCompleted', data: {}, metadata: { actor: { id: 't', role: 'system' as const }, workflowId: 'w', policyVersion: 1 }, recordedAt: new Date().toISOString() };
    await expect(store.importStreams([{ streamId: row.stream_id, events: [event] }])).rejects.toThrow();
    expect(await db.ds.query(`SELECT count(*)::int AS n FROM events`)).toEqual([{ n: before }]);
  });
});
