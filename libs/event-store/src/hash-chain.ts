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
 * Checks one stream's events as they are read, in version order, without holding them all: versions 1, 2,
 * 3 … with no gap, each prevHash equal to the previous hash, each hash recomputed from the fields.
 */
export class ChainVerifier {
  private count = 0;
  private prevHash = GENESIS_HASH;
  private failure?: ChainVerdict;

  push(event: ChainLink): boolean {
    if (this.failure) return false;
    const wantVersion = this.count + 1;
    const selfValid = eventHash(event) === event.hash;
    if (event.version !== wantVersion) return this.fail(wantVersion, `expected version ${wantVersion}, found ${event.version}`);
    if (event.prevHash !== this.prevHash) {
      // An intact event whose prevHash no longer matches means its predecessor was rewritten (and rehashed).
      return selfValid && this.count > 0
        ? this.fail(wantVersion - 1, `event ${wantVersion - 1} was rewritten: its hash no longer matches the next event's prevHash`)
        : this.fail(wantVersion, 'prevHash does not match the previous event');
    }
    if (!selfValid) return this.fail(wantVersion, 'hash does not match the event');
    this.count += 1;
    this.prevHash = event.hash;
    return true;
  }

  /** The verdict; `expected` is the head the stream table recorded, so a deleted tail shows up. */
  finish(expected?: { version: number; headHash: string }): ChainVerdict {
    if (this.failure) return this.failure;
    if (expected && (expected.version !== this.count || expected.headHash !== this.prevHash)) {
      const version = expected.version > this.count ? this.count + 1 : Math.max(1, this.count);
      return {
        valid: false,
        eventCount: this.count,
        headHash: this.prevHash,
        firstInvalidVersion: version,
        problem: `stream head says version ${expected.version}, the log holds ${this.count} valid events`,
      };
    }
    return { valid: true, eventCount: this.count, headHash: this.prevHash };
  }

  private fail(version: number, problem: string): false {
    this.failure = { valid: false, eventCount: this.count, headHash: this.prevHash, firstInvalidVersion: version, problem };
    return false;
  }
}

export function verifyChain(events: readonly ChainLink[], expected?: { version: number; headHash: string }): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const event of events) if (!verifier.push(event)) break;
  return verifier.finish(expected);
}
