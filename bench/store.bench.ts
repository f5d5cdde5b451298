import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EventStore, NewEvent, GENESIS_HASH, eventHash, ProjectionRunner } from '#event-store';
import { AssessmentProjection } from '#metrics';
import { benchDatabase, median, percentile, sampleEvents, timed } from './support';

const metadata = { actor: { id: 'bench', role: 'system' as const }, workflowId: 'bench', policyVersion: 1 };

/**
 * append: events/s through EventStore.append (1 and 10 events per call) against plain pg INSERTs of the same
 * rows into a copy of the table (same indexes, no triggers); hash chaining on vs off.
 */
export async function appendBench(o: { singleEvents: number; batchEvents: number; repetitions: number }) {
  const db = await benchDatabase('append');
  const plain = new Client({ connectionString: db.url });
  await plain.connect();
  try {
    await db.ds.query(`CREATE TABLE events_plain (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    const store = new EventStore(db.ds);
    const unchained = new EventStore(db.ds, [], undefined, () => GENESIS_HASH);
    const run = async (s: EventStore, total: number, perCall: number) => {
      const stream = `bench-${randomUUID()}`;
      const t = await timed(async () => {
        for (let v = 0; v < total; v += perCall) await s.append(stream, v, sampleEvents(perCall));
      });
      return total / t.seconds;
    };
    const runPlain = async (total: number) => {
      const stream = `plain-${randomUUID()}`;
      const events = sampleEvents(total);
      const t = await timed(async () => {
        for (let i = 0; i < total; i += 1) {
          const e = events[i];
          const recordedAt = new Date().toISOString();
          await plain.query(
            `INSERT INTO events_plain (event_id, stream_id, version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
             VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9)`,
            [e.eventId, stream, i + 1, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), recordedAt, GENESIS_HASH, GENESIS_HASH],
          );
        }
      });
      return total / t.seconds;
    };
    // Where a single append's time goes, by subtraction: the same INSERT in a transaction (BEGIN, INSERT, COMMIT),
    // then the statements an append sends (BEGIN, lock-or-create the head, INSERT with the head update, COMMIT)
    // without hashing or TypeORM, on the plain client.
    const runStatements = async (total: number, withHead: boolean) => {
      const stream = `plain-${randomUUID()}`;
      const events = sampleEvents(total);
      const t = await timed(async () => {
        for (let i = 0; i < total; i += 1) {
          const e = events[i];
          await plain.query('BEGIN');
          if (withHead) {
            await plain.query(
              `INSERT INTO streams (stream_id, version, head_hash) VALUES ($1, 0, $2) ON CONFLICT (stream_id) DO UPDATE SET stream_id = EXCLUDED.stream_id RETURNING version, head_hash, subject_id`,
              [stream, GENESIS_HASH],
            );
          }
          await plain.query(
            `INSERT INTO events_plain (event_id, stream_id, version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
             VALUES ($1, $2, $3, $4, 1, $5, $6, $7, $8, $9)`,
            [e.eventId, stream, i + 1, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), new Date().toISOString(), GENESIS_HASH, GENESIS_HASH],
          );
          if (withHead) await plain.query(`UPDATE streams SET version = $2, head_hash = $3, updated_at = now() WHERE stream_id = $1`, [stream, i + 1, GENESIS_HASH]);
          await plain.query('COMMIT');
        }
      });
      return total / t.seconds;
    };
    // The hash of one event alone (RFC 8785 canonical JSON + SHA-256), in microseconds.
    const hashMicros = () => {
      const events = sampleEvents(20_000);
      const started = process.hrtime.bigint();
      for (const [i, e] of events.entries()) eventHash({ eventId: e.eventId, streamId: 'bench', version: i + 1, type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata, recordedAt: new Date().toISOString(), prevHash: GENESIS_HASH });
      return Number(process.hrtime.bigint() - started) / 1e3 / events.length;
    };
    const single: number[] = [];
    const batch: number[] = [];
    const raw: number[] = [];
    const off: number[] = [];
    const inTransaction: number[] = [];
    const sameStatements: number[] = [];
    const hashing: number[] = [];
    for (let i = 0; i < o.repetitions; i += 1) {
      single.push(await run(store, o.singleEvents, 1));
      raw.push(await runPlain(o.singleEvents));
      inTransaction.push(await runStatements(o.singleEvents, false));
      sameStatements.push(await runStatements(o.singleEvents, true));
      batch.push(await run(store, o.batchEvents, 10));
      off.push(await run(unchained, o.batchEvents, 10));
      hashing.push(hashMicros());
    }
    const s = median(single);
    const b = median(batch);
    return {
      singleEventsPerSecond: Math.round(s),
      plainInsertEventsPerSecond: Math.round(median(raw)),
      singleVsPlain: { ratio: round(s / median(raw)), target: 0.5 },
      batch10EventsPerSecond: Math.round(b),
      batch10VsSingle: { ratio: round(b / s), target: 5 },
      unchainedBatch10EventsPerSecond: Math.round(median(off)),
      chainedVsUnchained: { ratio: round(b / median(off)), target: 0.9 },
      chainedVsUnchainedRuns: batch.map((x, i) => round(x / off[i])),
      profile: {
        plainInsertAutocommitEventsPerSecond: Math.round(median(raw)),
        plainInsertInTransactionEventsPerSecond: Math.round(median(inTransaction)),
        appendStatementsWithoutHashingEventsPerSecond: Math.round(median(sameStatements)),
        appendEventsPerSecond: Math.round(s),
        hashMicrosPerEvent: round(median(hashing)),
        batch10MicrosPerEvent: round(1e6 / b),
      },
    };
  } finally {
    await plain.end();
    await db.drop();
  }
}

/** concurrency: writers racing on one stream, each retrying on conflict: one winner per version, no gaps. */
export async function concurrencyBench(o: { writers: number; versions: number }) {
  const db = await benchDatabase('race');
  try {
    const store = new EventStore(db.ds);
    const stream = `race-${randomUUID()}`;
    let conflicts = 0;
    const wins = new Array(o.writers).fill(0);
    await Promise.all(
      Array.from({ length: o.writers }, async (_, w) => {
        for (;;) {
          const head = (await store.streamHead(stream))?.version ?? 0;
          if (head >= o.versions) return;
          try {
            await store.append(stream, head, [{ eventId: randomUUID(), type: 'Raced', data: { writer: w }, metadata }]);
            wins[w] += 1;
          } catch (err) {
            if ((err as { code?: string }).code !== 'STREAM.WRONG_EXPECTED_VERSION') throw err;
            conflicts += 1;
          }
        }
      }),
    );
    const versions = (await store.readStream(stream)).map((e) => e.version);
    const [{ perVersion }] = (await db.ds.query(`SELECT max(c)::int AS "perVersion" FROM (SELECT count(*) c FROM events WHERE stream_id = $1 GROUP BY version) x`, [stream])) as { perVersion: number }[];
    const gapFree = versions.every((v, i) => v === i + 1);
    return { writers: o.writers, versions: versions.length, conflicts, winnersPerVersion: perVersion, gapFree, verified: (await store.verifyStream(stream)).valid, wins };
  } finally {
    await db.drop();
  }
}

/**
 * projections: the async projection's catch-up rate (rebuild from zero) against the append rate that filled the
 * log, and p95 from append to visible in the projection's facts while a runner follows the log.
 */
export async function projectionBench(o: { applications: number; samples: number }) {
  const db = await benchDatabase('projection');
  try {
    const store = new EventStore(db.ds);
    const submitted = (id: string): NewEvent => ({
      eventId: randomUUID(),
      type: 'ApplicationSubmitted',
      data: { applicationId: id, program: 'skill-subsidy', town: 'wangdian', policyVersion: 1, applicant: { sub: 's', name: 'n', idNumber: 'x' }, form: { level: 3 }, requestHash: 'h' },
      metadata,
    });
    const life = (id: string): NewEvent[] => {
      const task = randomUUID();
      return [
        submitted(id),
        { eventId: randomUUID(), type: 'TaskCreated', data: { taskId: task, kind: 'review', stage: 'review', candidates: { role: 'reviewer', queues: ['hrss-skill'] }, outcomes: ['approve'], priority: 0, dueAt: new Date().toISOString(), calendarBasis: 'chinese-days' }, metadata },
        { eventId: randomUUID(), type: 'TaskCompleted', data: { taskId: task, outcome: 'approve', by: 'r', fields: {} }, metadata },
        { eventId: randomUUID(), type: 'ApplicationApproved', data: { amountFen: 200000 }, metadata },
      ];
    };
    const ids = Array.from({ length: o.applications }, () => randomUUID());
    const fill = await timed(async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (;;) {
            const i = next++;
            if (i >= ids.length) return;
            const events = life(ids[i]);
            for (let v = 0; v < events.length; v += 1) await store.append(`application-${ids[i]}`, v, [events[v]]);
          }
        }),
      );
    });
    const events = o.applications * 4;
    const runner = new ProjectionRunner(db.ds, store, new AssessmentProjection(), 1000);
    const catchUp = await timed(() => runner.rebuild());

    // Latency: a runner following continuously, appends at a steady pace, each polled until visible.
    let following = true;
    const follower = (async () => {
      while (following) {
        await runner.catchUp();
        await new Promise((r) => setImmediate(r));
      }
    })();
    const latencies: number[] = [];
    for (let i = 0; i < o.samples; i += 1) {
      const id = randomUUID();
      const start = process.hrtime.bigint();
      await store.append(`application-${id}`, 0, [submitted(id)]);
      for (;;) {
        const rows = (await db.ds.query(`SELECT 1 FROM metric_applications WHERE id = $1`, [id])) as unknown[];
        if (rows.length) break;
      }
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    following = false;
    await follower;
    const appendRate = events / fill.seconds;
    const catchUpRate = catchUp.result / catchUp.seconds;
    return {
      events,
      appendEventsPerSecond: Math.round(appendRate),
      catchUpEventsPerSecond: Math.round(catchUpRate),
      catchUpVsAppend: { ratio: round(catchUpRate / appendRate), target: 2 },
      appendToVisibleMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), samples: latencies.length },
      inlineReadModelLagMs: 0,
    };
  } finally {
    await db.drop();
  }
}

export const round = (n: number) => Number(n.toFixed(3));

// Used by reads bench to load rows that are identical to what the append path would write.
export { eventHash };

/**
 * sealing: what sealed personal fields cost. Appends of application streams (a submission with name, ID
 * number and bank account, then nine events without personal fields, in one call each) with sealing on vs off, and
 * reading those streams back opened (sealed) vs plainly (clear). Ratios: on / off.
 */
export async function sealingBench(o: { streams: number; repetitions: number }) {
  const db = await benchDatabase('sealing');
  try {
    const sealed = new EventStore(db.ds);
    const clear = new EventStore(db.ds, [], undefined, undefined, null);
    const submission = (i: number): NewEvent => ({
      eventId: randomUUID(),
      type: 'ApplicationSubmitted',
      data: { applicant: { sub: `s${i}`, name: '张三', idNumber: `33041119900101${String(1000 + (i % 9000)).slice(-4)}` }, form: { level: 3, bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204001234567' } } },
      metadata,
    });
    const fill = async (store: EventStore) => {
      const streams = Array.from({ length: o.streams }, () => `application-${randomUUID()}`);
      const t = await timed(async () => {
        for (const [i, s] of streams.entries()) await store.append(s, 0, [submission(i), ...sampleEvents(9)]);
      });
      return { streams, perSecond: (o.streams * 10) / t.seconds };
    };
    const read = async (store: EventStore, streams: string[], open: boolean) => {
      const t = await timed(async () => {
        for (const s of streams) {
          if (open) await store.readStreamOpened(s);
          else await store.readStream(s);
        }
      });
      return (streams.length * 10) / t.seconds;
    };
    const appendOn: number[] = [];
    const appendOff: number[] = [];
    const readOn: number[] = [];
    const readOff: number[] = [];
    for (let i = 0; i < o.repetitions; i += 1) {
      const on = await fill(sealed);
      const off = await fill(clear);
      appendOn.push(on.perSecond);
      appendOff.push(off.perSecond);
      readOn.push(await read(sealed, on.streams, true));
      readOff.push(await read(clear, off.streams, false));
    }
    return {
      streams: o.streams,
      append: { sealedEventsPerSecond: Math.round(median(appendOn)), clearEventsPerSecond: Math.round(median(appendOff)), ratio: round(median(appendOn) / median(appendOff)), target: 0.8 },
      read: { openedEventsPerSecond: Math.round(median(readOn)), clearEventsPerSecond: Math.round(median(readOff)), ratio: round(median(readOn) / median(readOff)), target: 0.8 },
    };
  } finally {
    await db.drop();
  }
}
