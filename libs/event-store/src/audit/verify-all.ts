import { DataSource } from 'typeorm';
import { ChainVerifier } from '../hash-chain';
import { EventDbRow, EVENT_COLUMNS, toStoredEvent } from '../event-store';

export interface InvalidStream {
  streamId: string;
  firstInvalidVersion: number;
  problem: string;
}

export interface StoreVerdict {
  valid: boolean;
  streams: number;
  events: number;
  invalidStreams: InvalidStream[];
}

export interface VerifyProgress {
  events: number;
  streams: number;
  totalEvents: number;
}

/**
 * Verifies the whole log: every stream's chain, read in (stream, version) order in pages, and every stream
 * head recorded in `streams` against what the log holds (so a deleted tail or a deleted stream shows up).
 */
export async function verifyAll(
  ds: DataSource,
  options: { pageSize?: number; onProgress?: (p: VerifyProgress) => void } = {},
): Promise<StoreVerdict> {
  const pageSize = options.pageSize ?? 5000;
  const heads = new Map<string, { version: number; headHash: string }>();
  for (const row of (await ds.query(`SELECT stream_id, version, head_hash FROM streams`)) as { stream_id: string; version: number; head_hash: string }[]) {
    heads.set(row.stream_id, { version: row.version, headHash: row.head_hash });
  }
  const [{ total }] = (await ds.query(`SELECT count(*)::bigint AS total FROM events`)) as { total: string }[];
  const invalid: InvalidStream[] = [];
  let events = 0;
  let streams = 0;
  let current: { streamId: string; verifier: ChainVerifier } | null = null;
  const close = () => {
    if (!current) return;
    const verdict = current.verifier.finish(heads.get(current.streamId) ?? { version: -1, headHash: '' });
    if (!verdict.valid) invalid.push({ streamId: current.streamId, firstInvalidVersion: verdict.firstInvalidVersion!, problem: verdict.problem! });
    heads.delete(current.streamId);
    streams += 1;
  };
  const page = (after: [string, number]) =>
    ds.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE (stream_id, version) > ($1, $2) ORDER BY stream_id, version LIMIT $3`, [
      after[0],
      after[1],
      pageSize,
    ]) as Promise<EventDbRow[]>;
  // Hashing is the work here: the next page is read while this one is hashed.
  let pending = page(['', 0]);
  for (;;) {
    const rows = await pending;
    if (rows.length === 0) break;
    const last = rows[rows.length - 1];
    pending = rows.length < pageSize ? Promise.resolve([]) : page([last.stream_id, last.version]);
    for (const row of rows) {
      if (!current || current.streamId !== row.stream_id) {
        close();
        current = { streamId: row.stream_id, verifier: new ChainVerifier() };
      }
      current.verifier.push(toStoredEvent(row));
    }
    events += rows.length;
    options.onProgress?.({ events, streams, totalEvents: Number(total) });
  }
  close();
  // Heads with no events left at all: the whole stream was deleted.
  for (const [streamId, head] of heads) {
    if (head.version > 0) invalid.push({ streamId, firstInvalidVersion: 1, problem: `stream head says version ${head.version}, the log holds none` });
  }
  return { valid: invalid.length === 0, streams, events, invalidStreams: invalid };
}
