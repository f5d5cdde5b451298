import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, ERASED_TEXT, EventMetadata, NewEvent, PERSONAL_FIELDS, RecordedEvent, StreamEvent } from '#domain';
import { appendSeconds } from './append-metrics';
import { GENESIS_HASH, ChainVerdict, HashedFields, eventHash, verifyChain } from './hash-chain';
import { preparedQuery } from './prepared';
import { NAMED_BY_STREAM, Sealer, holdsClearPersonal } from './sealing/sealing';

/** How one append's personal fields are sealed: the applicant's subject and key, and other people's by ID number. */
interface AppendSealing {
  sealer: Sealer;
  subject: string;
  key: Buffer;
  others: ReadonlyMap<string, { subject: string; key: Buffer }>;
}

/** Streams whose personal fields are sealed: applications, and the sealed copies of those begun before sealing. */
const SEALED_STREAM = /^(resealed-)?application-/;
/** The stream a copy of an application stream begun before sealing goes to (`reseal`). */
export const resealedStreamOf = (streamId: string) => `resealed-${streamId}`;

export type { NewEvent };

export type StoredEvent = RecordedEvent<{ type: string; data: unknown }>;

export interface AppendResult {
  events: StoredEvent[];
  /** True when every event id was already stored: a retried append that changed nothing. */
  duplicate: boolean;
}

/** A read model kept in the same transaction as the append. */
export interface InlineProjection {
  apply(manager: EntityManager, streamId: string, events: readonly StoredEvent[]): Promise<void>;
}

/**
 * Appends are serialised on this advisory lock, held from the insert to the commit, so that positions become
 * visible in increasing order and a reader following the global position never skips one still in flight.
 */
const APPEND_LOCK_KEY = 7_346_001;

export const EVENT_COLUMNS = `position, event_id, stream_id, version, type, schema_version, data, metadata, recorded_at, prev_hash, hash`;

export interface EventDbRow {
  position: string;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}

export function toStoredEvent(row: EventDbRow): StoredEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: row.version,
    position: Number(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projections: readonly InlineProjection[] = [],
    private readonly clock: () => Date = () => new Date(),
    /** The hash rule; replaceable only so a benchmark can measure what chaining costs. */
    private readonly hash: (fields: HashedFields) => string = eventHash,
    /** Seals personal fields of application events (PII_SEALING=off, or null here, stores them in clear). */
    private readonly sealer: Sealer | null = process.env.PII_SEALING === 'off' ? null : new Sealer(),
  ) {}

  /**
   * Appends events to a stream in one transaction: optimistic concurrency on the stream's version, the hash
   * chain of API.md, and the inline read models. Appending event ids that are already stored is a no-op that
   * returns the stored events, so an activity retried after a lost answer never duplicates anything.
   */
  async append(streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<AppendResult> {
    if (events.length === 0) return { events: [], duplicate: false };
    const stopTimer = appendSeconds.startTimer({ events: events.length === 1 ? '1' : events.length <= 10 ? '2-10' : '>10' });
    try {
      return await this.appendInTransaction(streamId, expectedVersion, events);
    } finally {
      stopTimer();
    }
  }

  private appendInTransaction(streamId: string, expectedVersion: number, events: readonly NewEvent[]): Promise<AppendResult> {
    return this.dataSource.transaction('READ COMMITTED', async (m) => {
      // One round trip: creates the stream head if new, and locks it either way (DO UPDATE takes the row lock).
      const [head] = (await m.query(
        `INSERT INTO streams (stream_id, version, head_hash) VALUES ($1, 0, $2)
         ON CONFLICT (stream_id) DO UPDATE SET stream_id = EXCLUDED.stream_id RETURNING version, head_hash, subject_id`,
        [streamId, GENESIS_HASH],
      )) as { version: number; head_hash: string; subject_id: string | null }[];

      if (head.version !== expectedVersion) {
        // Either a retry of an append that did commit (its ids are stored: answer what was stored), or a conflict.
        const already = (await m.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE event_id = ANY($1::uuid[]) ORDER BY position`, [
          events.map((e) => e.eventId),
        ])) as EventDbRow[];
        if (already.length === events.length && already.every((r) => r.stream_id === streamId)) {
          return { events: await this.openIn(m, already.map(toStoredEvent)), duplicate: true };
        }
        throw new DomainError(
          'STREAM.WRONG_EXPECTED_VERSION',
          `stream ${streamId} is at version ${head.version}, expected ${expectedVersion}`,
          { streamId, expectedVersion, actualVersion: head.version },
        );
      }

      const recordedAt = this.clock().toISOString();
      // What jsonb gives back is what gets hashed: drop undefined members the way JSON does.
      const clear = events.map((event) => JSON.parse(JSON.stringify(event.data ?? {})) as unknown);
      const sealing = await this.sealingFor(m, streamId, head.subject_id, events);
      const recorded = this.chain(streamId, expectedVersion, head.head_hash, events, clear, sealing, () => recordedAt);
      const answered = () => recorded.map((e, i) => ({ ...e, data: clear[i] }));

      for (const projection of this.projections) await projection.apply(m, streamId, answered());

      // One statement: the global append lock (held to commit, so positions become visible in order), the
      // insert, and the new stream head. Joining the lock's row makes it taken before any position is drawn.
      const last = recorded[recorded.length - 1];
      const inserted = (await m.query(
        `WITH append_lock AS (SELECT pg_advisory_xact_lock($11) AS locked),
         inserted AS (
           INSERT INTO events (event_id, stream_id, version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
           SELECT e.* FROM append_lock,
             unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[],
                    $8::timestamptz[], $9::text[], $10::text[]) AS e
           RETURNING position, version),
         head AS (UPDATE streams SET version = $12, head_hash = $13, subject_id = coalesce(subject_id, $14), updated_at = now() WHERE stream_id = $2[1])
         SELECT position, version FROM inserted`,
        [
          recorded.map((e) => e.eventId),
          recorded.map((e) => e.streamId),
          recorded.map((e) => e.version),
          recorded.map((e) => e.type),
          recorded.map((e) => e.schemaVersion),
          recorded.map((e) => JSON.stringify(e.data)),
          recorded.map((e) => JSON.stringify(e.metadata)),
          recorded.map((e) => e.recordedAt),
          recorded.map((e) => e.prevHash),
          recorded.map((e) => e.hash),
          APPEND_LOCK_KEY,
          last.version,
          last.hash,
          sealing?.subject ?? null,
        ],
      )) as { position: string; version: number }[];
      const positions = new Map(inserted.map((r) => [r.version, Number(r.position)]));
      for (const e of recorded) e.position = positions.get(e.version)!;

      return { events: answered(), duplicate: false };
    });
  }

  /**
   * The stored form of new events: numbered after `fromVersion`, personal fields sealed (stored and hashed sealed;
   * everyone in this process gets them in clear), each hashed onto the one before.
   */
  private chain(
    streamId: string,
    fromVersion: number,
    headHash: string,
    events: readonly NewEvent[],
    clear: readonly unknown[],
    sealing: AppendSealing | null,
    recordedAt: (i: number) => string,
  ): StoredEvent[] {
    let prevHash = headHash;
    return events.map((event, i) => {
      const fields = {
        eventId: event.eventId,
        streamId,
        version: fromVersion + i + 1,
        type: event.type,
        schemaVersion: event.schemaVersion ?? 1,
        data: sealing ? sealing.sealer.seal(streamId, event.type, clear[i], sealing.subject, sealing.key, sealing.others) : clear[i],
        metadata: JSON.parse(JSON.stringify(event.metadata)) as EventMetadata,
        recordedAt: recordedAt(i),
        prevHash,
      };
      const hash = this.hash(fields);
      prevHash = hash;
      return { ...fields, position: 0, hash };
    });
  }

  /**
   * Bulk import of whole histories into new streams, each event with the time it happened (a migration from an
   * earlier system, or `npm run load`): the same sealing, hash chain and inline read models as `append`, the rows
   * written with COPY in one transaction. The append lock is held only for the COPY, so positions stay in commit
   * order for readers following the log. A stream that already exists fails the whole batch (nothing written).
   */
  async importStreams(streams: readonly { streamId: string; events: readonly (NewEvent & { recordedAt: string })[] }[]): Promise<number> {
    if (streams.length === 0) return 0;
    return this.dataSource.transaction('READ COMMITTED', async (m) => {
      const rows: StoredEvent[] = [];
      const heads: { streamId: string; version: number; hash: string; subject: string | null }[] = [];
      for (const { streamId, events } of streams) {
        if (events.length === 0) continue;
        const clear = events.map((event) => JSON.parse(JSON.stringify(event.data ?? {})) as unknown);
        const sealing = await this.sealingFor(m, streamId, null, events);
        const recorded = this.chain(streamId, 0, GENESIS_HASH, events, clear, sealing, (i) => new Date(events[i].recordedAt).toISOString());
        for (const projection of this.projections) await projection.apply(m, streamId, recorded.map((e, i) => ({ ...e, data: clear[i] })));
        rows.push(...recorded);
        const last = recorded[recorded.length - 1];
        heads.push({ streamId, version: last.version, hash: last.hash, subject: sealing?.subject ?? null });
      }
      await m.query(
        `INSERT INTO streams (stream_id, version, head_hash, subject_id) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[])`,
        [heads.map((h) => h.streamId), heads.map((h) => h.version), heads.map((h) => h.hash), heads.map((h) => h.subject)],
      );
      await m.query(`SELECT pg_advisory_xact_lock($1)`, [APPEND_LOCK_KEY]);
      await copyEvents(m, rows);
      return rows.length;
    });
  }

  /**
   * Application streams that hold personal fields in clear — begun before sealing, or stored before a field was
   * added to PERSONAL_FIELDS (file names, a talent's own key, a withdrawal's reason) — with their application's
   * status and 复核 state and the sealed copy, if one was made. Reads the events of personal types, in batches.
   */
  async unsealedApplicationStreams(): Promise<
    { streamId: string; version: number; status: string | null; reconsideration: { status: string; dueAt: string } | null; resealedAs: string | null }[]
  > {
    const clear = new Set<string>();
    for (let after = 0; ; ) {
      const rows = (await this.dataSource.query(
        `SELECT position, stream_id, type, data FROM events
         WHERE position > $1 AND stream_id LIKE 'application-%' AND type = ANY($2) ORDER BY position LIMIT 2000`,
        [after, Object.keys(PERSONAL_FIELDS)],
      )) as { position: string; stream_id: string; type: string; data: unknown }[];
      if (rows.length === 0) break;
      for (const r of rows) if (holdsClearPersonal(r)) clear.add(r.stream_id);
      after = Number(rows[rows.length - 1].position);
    }
    return this.dataSource.query(
      `SELECT s.stream_id AS "streamId", s.version, a.status, a.state->'reconsideration' AS reconsideration, r.stream_id AS "resealedAs"
       FROM streams s LEFT JOIN applications a ON a.stream_id = s.stream_id LEFT JOIN streams r ON r.stream_id = $1 || s.stream_id
       WHERE s.stream_id = ANY($2) ORDER BY s.stream_id`,
      [resealedStreamOf(''), [...clear]],
    );
  }

  /** Whether a stream holds a personal field in clear (see unsealedApplicationStreams). */
  async holdsClearPersonal(streamId: string): Promise<boolean> {
    return (await this.readStream(streamId)).some(holdsClearPersonal);
  }

  /**
   * Copies a stream that holds personal fields in clear into `resealed-<streamId>`: the same events in order, each
   * with the time it happened and its personal fields — opened first where some were sealed already — sealed as
   * they are now (the applicant's key; a talent's their own), each naming what it copies (`metadata.resealedFrom:
   * { eventId, version, hash }`), under a hash chain of its own. The original is left as it is — the log is
   * append-only; retiring it is the office's decision, outside the system. Once per stream (the import refuses an
   * existing stream); not for a stream whose applicant was erased (nothing of theirs is left to seal).
   */
  async reseal(streamId: string): Promise<{ streamId: string; events: number }> {
    const sealer = this.sealer;
    if (!sealer) throw new Error(`${streamId}: personal fields are not sealed here (PII_SEALING=off)`);
    const { stored, opened } = await this.readStreamOpened(streamId);
    if (!stored.some(holdsClearPersonal)) throw new Error(`${streamId}: holds no personal field in clear: nothing to reseal`);
    const submitted = opened.find((e) => e.type === 'ApplicationSubmitted')?.data as { applicant?: { idNumber?: string } } | undefined;
    if (submitted?.applicant?.idNumber === ERASED_TEXT) throw new Error(`${streamId}: its applicant was erased`);
    const copy = resealedStreamOf(streamId);
    const events = stored.map((e, i) => ({
      eventId: randomUUID(),
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: opened[i].data,
      metadata: { ...e.metadata, resealedFrom: { eventId: e.eventId, version: e.version, hash: e.hash } },
      recordedAt: e.recordedAt,
    }));
    return { streamId: copy, events: await this.importStreams([{ streamId: copy, events }]) };
  }

  /**
   * The subject and data key to seal these events with: an application stream's subject is its applicant (named
   * by the first event, kept on the stream head). Null when nothing is to be sealed.
   */
  private async sealingFor(
    m: EntityManager,
    streamId: string,
    known: string | null,
    events: readonly NewEvent[],
  ): Promise<AppendSealing | null> {
    if (!this.sealer || !SEALED_STREAM.test(streamId) || !this.sealer.holdsPersonal(events)) return null;
    let applicant: { subject: string; key: Buffer };
    if (!known) {
      const idNumber = (events.find((e) => e.type === 'ApplicationSubmitted')?.data as { applicant?: { idNumber?: string } } | undefined)?.applicant?.idNumber;
      if (!idNumber) return null; // a stream begun before sealing: its later events stay in clear, like its first
      // The stream head takes the subject with its new version (append) or when it is written (import).
      applicant = await this.sealer.subjectFor(m, idNumber);
    } else {
      // Held in share mode to the commit: an erasure waits for this append, or this append sees the key gone.
      const key = (await this.sealer.dataKeys(m, [known], true)).get(known);
      if (!key) throw new DomainError('SUBJECT.ERASED', `the personal data of this stream's subject was erased: nothing personal can be added`, { streamId });
      applicant = { subject: known, key };
    }
    // Other people named in the events (a top talent): their fields under their own subjects, and the stream
    // listed under each, so an erasure by their number finds the applications that hold them.
    const others = new Map<string, { subject: string; key: Buffer }>();
    for (const idNumber of this.sealer.otherPeopleIn(events)) others.set(idNumber, await this.sealer.subjectFor(m, idNumber));
    if (others.size) {
      await m.query(`INSERT INTO stream_subjects (stream_id, subject_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [streamId, [...others.values()].map((o) => o.subject)]);
    } else if (this.sealer.mentionsOtherPeoplesFiles(events)) {
      // A later file about the talent (a supplement's new CV) without their number: the talent the stream names.
      const named = (await m.query(`SELECT subject_id FROM stream_subjects WHERE stream_id = $1`, [streamId])) as { subject_id: string }[];
      const key = named.length === 1 ? (await this.sealer.dataKeys(m, [named[0].subject_id], true)).get(named[0].subject_id) : undefined;
      if (key) others.set(NAMED_BY_STREAM, { subject: named[0].subject_id, key });
    }
    return { sealer: this.sealer, ...applicant, others };
  }

  /** What seals personal fields here (null when sealing is off). */
  get sealing(): Sealer | null {
    return this.sealer;
  }

  /** Events with their sealed fields opened (an erased subject's read `[已删除]`); unsealed events as they are. */
  async open<E extends { streamId: string; type: string; data: unknown }>(events: E[]): Promise<E[]> {
    return this.openIn(this.dataSource.manager, events);
  }

  private async openIn<E extends { streamId: string; type: string; data: unknown }>(m: EntityManager, events: E[]): Promise<E[]> {
    const sealer = this.sealer ?? null;
    if (!sealer) return events;
    const subjects = sealer.subjectsIn(events);
    if (subjects.length === 0) return events;
    const keys = await sealer.dataKeys(m, subjects);
    return events.map((e) => ({ ...e, data: sealer.open(e.streamId, e.type, e.data, keys) }));
  }

  /**
   * A stream's events in version order, typed as the caller knows the stream (an application stream holds
   * ApplicationEvents): the store keeps JSON, so this is the seam where the type is asserted.
   */
  async readStream<E extends { type: string; data: unknown } = { type: string; data: unknown }>(
    streamId: string,
    options: { toVersion?: number; until?: string } = {},
  ): Promise<StreamEvent<E>[]> {
    return (await this.readRows(streamId, options, false)).events as StreamEvent<E>[];
  }

  /**
   * A stream's events as stored and opened (sealed fields in clear; an erased subject's `[已删除]`): the stream
   * subject's wrapped key comes with the events in one round trip.
   */
  async readStreamOpened<E extends { type: string; data: unknown } = { type: string; data: unknown }>(
    streamId: string,
    options: { toVersion?: number; until?: string } = {},
  ): Promise<{ stored: StreamEvent<E>[]; opened: StreamEvent<E>[] }> {
    const sealer = this.sealer;
    const { events, key } = await this.readRows(streamId, options, !!sealer);
    const stored = events as StreamEvent<E>[];
    if (!sealer) return { stored, opened: stored };
    const subjects = sealer.subjectsIn(stored);
    if (subjects.length === 0) return { stored, opened: stored };
    const keys = new Map<string, Buffer>();
    if (key) keys.set(key.subject, sealer.unwrap(key.subject, key.wrapped, key.master));
    const others = subjects.filter((subject) => subject !== key?.subject);
    if (others.length) for (const [subject, k] of await sealer.dataKeys(this.dataSource.manager, others)) keys.set(subject, k);
    return {
      stored,
      opened: stored.map((e) => {
        const data = sealer.open(e.streamId, e.type, e.data, keys);
        return data === e.data ? e : { ...e, data };
      }),
    };
  }

  private async readRows(
    streamId: string,
    options: { toVersion?: number; until?: string },
    withKey: boolean,
  ): Promise<{ events: StoredEvent[]; key: { subject: string; wrapped: Buffer; master: string } | null }> {
    // The key, when asked for, is an uncorrelated subquery: computed once per statement, not per row. Prepared:
    // planning the subquery cost as much as reading the stream.
    const rows = await preparedQuery<EventDbRow & { stream_key?: { subject: string; wrapped: string; master: string } | null }>(
      this.dataSource,
      `SELECT ${EVENT_COLUMNS}${
        withKey
          ? `, (SELECT json_build_object('subject', k.subject_id, 'wrapped', encode(k.wrapped_key, 'base64'), 'master', k.master_key_id)
                FROM streams s JOIN subject_keys k ON k.subject_id = s.subject_id WHERE s.stream_id = $1 AND k.wrapped_key IS NOT NULL) AS stream_key`
          : ''
      } FROM events
       WHERE stream_id = $1 AND ($2::int IS NULL OR version <= $2) AND ($3::timestamptz IS NULL OR recorded_at <= $3)
       ORDER BY version`,
      [streamId, options.toVersion ?? null, options.until ?? null],
    );
    const key = rows[0]?.stream_key;
    return { events: rows.map(toStoredEvent), key: key ? { subject: key.subject, wrapped: Buffer.from(key.wrapped, 'base64'), master: key.master } : null };
  }

  /**
   * Events after a global position, in position order. Appends commit in position order (see the lock), so
   * what this returns is always a gap-free prefix of what will ever be visible.
   */
  async readAll(fromPosition: number, limit = 1000): Promise<StoredEvent[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
      [fromPosition, limit],
    )) as EventDbRow[];
    return rows.map(toStoredEvent);
  }

  async streamHead(streamId: string): Promise<{ version: number; headHash: string } | null> {
    const [row] = (await this.dataSource.query(`SELECT version, head_hash FROM streams WHERE stream_id = $1`, [streamId])) as {
      version: number;
      head_hash: string;
    }[];
    return row ? { version: row.version, headHash: row.head_hash } : null;
  }

  async verifyStream(streamId: string): Promise<ChainVerdict> {
    const [events, head] = await Promise.all([this.readStream(streamId), this.streamHead(streamId)]);
    return verifyChain(events, head ?? undefined);
  }
}

/** Writes stored events with COPY (CSV): the positions are drawn in row order. */
async function copyEvents(m: EntityManager, rows: readonly StoredEvent[]): Promise<void> {
  const client = (await m.queryRunner!.connect()) as PoolClient;
  const csv = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
  const lines = function* () {
    for (const e of rows) {
      yield `${[e.eventId, e.streamId, e.version, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.recordedAt, e.prevHash, e.hash].map(csv).join(',')}\n`;
    }
  };
  await pipeline(
    Readable.from(lines()),
    client.query(copyFrom(`COPY events (event_id, stream_id, version, type, schema_version, data, metadata, recorded_at, prev_hash, hash) FROM STDIN WITH (FORMAT csv)`)),
  );
}
