import { createHash } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';

/** prevHash of every stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields the hash covers, exactly as API.md fixes them. */
export interface HashedFields {
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
  prevHash: string;
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of the RFC 8785 (JCS) canonical JSON of a value. */
export function canonicalHash(value: unknown): string {
  return createHash('sha256').update(canonicalize(value), 'utf8').digest('hex');
}

/** The event hash of API.md: canonicalHash of exactly these fields. */
export function eventHash(fields: HashedFields): string {
  const hashed: HashedFields = {
    eventId: fields.eventId,
    streamId: fields.streamId,
    version: fields.version,
    type: fields.type,
    schemaVersion: fields.schemaVersion,
    data: fields.data,
    metadata: fields.metadata,
    recordedAt: fields.recordedAt,
    prevHash: fields.prevHash,
  };
  return canonicalHash(hashed);
}

export interface ChainLink extends HashedFields {
  hash: string;
}

export interface ChainVerdict {
  valid: boolean;
  eventCount: number;
  headHash: string;
  firstInvalidVersion?: number;
  problem?: string;
}

/**
 * Checks a stream's events, in the order read: versions 1, 2, 3 … with no gap, each prevHash equal to the
 * previous hash, each hash recomputed from the fields. `expectedHead`, when given, is the head the stream
 * table recorded: a deleted tail shows up there.
 */
export function verifyChain(events: readonly ChainLink[], expected?: { version: number; headHash: string }): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < events.length; i += 1) {
    const event = events[i];
    const wantVersion = i + 1;
    const fail = (problem: string): ChainVerdict => ({
      valid: false,
      eventCount: events.length,
      headHash: events[events.length - 1].hash,
      firstInvalidVersion: wantVersion,
      problem,
    });
    if (event.version !== wantVersion) return fail(`expected version ${wantVersion}, found ${event.version}`);
    if (event.prevHash !== prevHash) return fail('prevHash does not match the previous event');
    if (eventHash(event) !== event.hash) return fail('hash does not match the event');
    prevHash = event.hash;
  }
  const headHash = events.length ? events[events.length - 1].hash : GENESIS_HASH;
  if (expected && (expected.version !== events.length || expected.headHash !== headHash)) {
    return {
      valid: false,
      eventCount: events.length,
      headHash,
      firstInvalidVersion: Math.min(expected.version, events.length) + 1,
      problem: `stream head says version ${expected.version}, the log holds ${events.length}`,
    };
  }
  return { valid: true, eventCount: events.length, headHash };
}
