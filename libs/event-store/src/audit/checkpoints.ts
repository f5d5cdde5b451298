import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign, verify } from 'node:crypto';
import path from 'node:path';
import { canonicalize } from 'json-canonicalize';
import { DataSource, EntityManager } from 'typeorm';
import { StreamHead, merkleRoot } from './merkle';
import { keyFileOnce } from '../key-files';

/** A signed statement: "up to this global position, the log's stream heads hash to this root". */
export interface Checkpoint {
  id: number;
  createdAt: string;
  upToPosition: number;
  streamCount: number;
  eventCount: number;
  merkleRoot: string;
  algorithm: 'Ed25519';
  signature: string;
  publicKey: string;
  keyId: string;
}

export interface CheckpointVerdict {
  id: number;
  valid: boolean;
  signatureValid: boolean;
  rootMatches: boolean;
  recomputedRoot: string;
  problem?: string;
}

/** The bytes that are signed: RFC 8785 JSON of the checkpoint's statement. */
export function signedStatement(c: Pick<Checkpoint, 'createdAt' | 'upToPosition' | 'streamCount' | 'eventCount' | 'merkleRoot'>): Buffer {
  return Buffer.from(
    canonicalize({ createdAt: c.createdAt, upToPosition: c.upToPosition, streamCount: c.streamCount, eventCount: c.eventCount, merkleRoot: c.merkleRoot }),
    'utf8',
  );
}

/**
 * The Ed25519 key that signs checkpoints: AUDIT_SIGNING_KEY (PEM) or the PEM file at AUDIT_SIGNING_KEY_FILE
 * (default .data/audit-ed25519.pem), created on first use. Production deployments provide their own key and
 * keep it away from the database's administrators.
 */
export function loadSigningKey(env: NodeJS.ProcessEnv = process.env): KeyObject {
  if (env.AUDIT_SIGNING_KEY) return createPrivateKey(env.AUDIT_SIGNING_KEY);
  const file = path.resolve(env.AUDIT_SIGNING_KEY_FILE ?? path.join('.data', 'audit-ed25519.pem'));
  return createPrivateKey(keyFileOnce(file, () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()));
}

/** A document signed with the audit key (an annual report): its SHA-256, the Ed25519 signature over it, the key. */
export interface DocumentSignature {
  sha256: string;
  algorithm: 'Ed25519';
  signature: string;
  keyId: string;
  publicKey: string;
}

/** Signs a document's SHA-256 (hex) with the audit key, so a copy can be checked later against the key. */
export function signDocument(bytes: Buffer, key: KeyObject = loadSigningKey()): DocumentSignature {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const publicKey = publicPem(key);
  return { sha256, algorithm: 'Ed25519', signature: sign(null, Buffer.from(sha256), key).toString('base64'), keyId: keyId(publicKey), publicKey };
}

/** The audit key's public half and its id, to check signatures with. */
export function auditPublicKey(key: KeyObject = loadSigningKey()): { publicKey: string; keyId: string } {
  const publicKey = publicPem(key);
  return { publicKey, keyId: keyId(publicKey) };
}

/** Whether `bytes` are the document signed: same SHA-256, and the signature holds under the public key. */
export function verifyDocument(bytes: Buffer, signature: string, publicKeyPem: string): { valid: boolean; sha256: string } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    return { valid: verify(null, Buffer.from(sha256), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64')), sha256 };
  } catch {
    return { valid: false, sha256 };
  }
}

function publicPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

function keyId(publicKeyPem: string): string {
  return createHash('sha256').update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).digest('hex');
}

interface CheckpointRow {
  id: string;
  created_at: Date;
  up_to_position: string;
  stream_count: number;
  event_count: string;
  merkle_root: string;
  algorithm: 'Ed25519';
  signature: string;
  public_key: string;
  key_id: string;
}

function toCheckpoint(r: CheckpointRow): Checkpoint {
  return {
    id: Number(r.id),
    createdAt: r.created_at.toISOString(),
    upToPosition: Number(r.up_to_position),
    streamCount: r.stream_count,
    eventCount: Number(r.event_count),
    merkleRoot: r.merkle_root,
    algorithm: r.algorithm,
    signature: r.signature,
    publicKey: r.public_key,
    keyId: r.key_id,
  };
}

export class Checkpoints {
  constructor(private readonly ds: DataSource) {}

  /** Each stream's head as of a global position, recomputed from the events alone. */
  async headsAt(position: number, m: EntityManager = this.ds.manager): Promise<{ heads: StreamHead[]; eventCount: number }> {
    const heads = (await m.query(
      `SELECT DISTINCT ON (stream_id) stream_id AS "streamId", version, hash AS "headHash"
       FROM events WHERE position <= $1 ORDER BY stream_id, version DESC`,
      [position],
    )) as StreamHead[];
    const [{ n }] = (await m.query(`SELECT count(*)::bigint AS n FROM events WHERE position <= $1`, [position])) as { n: string }[];
    return { heads, eventCount: Number(n) };
  }

  async create(key: KeyObject, now = new Date()): Promise<Checkpoint> {
    return this.createIn(this.ds.manager, key, now);
  }

  /**
   * The scheduled checkpoint of the period that began at `periodStart`, taken once however many workers try: under
   * a lock, the first finds none since the period began and takes it; the others find it and take none (null). A
   * checkpoint an admin took by hand in the period counts as the period's.
   */
  async scheduled(key: KeyObject, periodStart: Date, now = new Date()): Promise<Checkpoint | null> {
    return this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('audit-checkpoint'))`);
      const [taken] = (await m.query(`SELECT 1 FROM audit_checkpoints WHERE created_at >= $1 LIMIT 1`, [periodStart])) as unknown[];
      return taken ? null : this.createIn(m, key, now);
    });
  }

  private async createIn(m: EntityManager, key: KeyObject, now: Date): Promise<Checkpoint> {
    const [{ max }] = (await m.query(`SELECT coalesce(max(position), 0)::bigint AS max FROM events`)) as { max: string }[];
    const upToPosition = Number(max);
    const { heads, eventCount } = await this.headsAt(upToPosition, m);
    const statement = { createdAt: now.toISOString(), upToPosition, streamCount: heads.length, eventCount, merkleRoot: merkleRoot(heads) };
    const signature = sign(null, signedStatement(statement), key).toString('base64');
    const publicKey = publicPem(key);
    const [row] = (await m.query(
      `INSERT INTO audit_checkpoints (created_at, up_to_position, stream_count, event_count, merkle_root, algorithm, signature, public_key, key_id)
       VALUES ($1, $2, $3, $4, $5, 'Ed25519', $6, $7, $8) RETURNING *`,
      [statement.createdAt, upToPosition, statement.streamCount, eventCount, statement.merkleRoot, signature, publicKey, keyId(publicKey)],
    )) as CheckpointRow[];
    return toCheckpoint(row);
  }

  async list(): Promise<Checkpoint[]> {
    return ((await this.ds.query(`SELECT * FROM audit_checkpoints ORDER BY id`)) as CheckpointRow[]).map(toCheckpoint);
  }

  async get(id: number): Promise<Checkpoint | null> {
    const [row] = (await this.ds.query(`SELECT * FROM audit_checkpoints WHERE id = $1`, [id])) as CheckpointRow[];
    return row ? toCheckpoint(row) : null;
  }

  /**
   * Checks a checkpoint (stored, or one an auditor kept) against today's log: the signature over its statement,
   * and the Merkle root recomputed from the events up to its position. `trustedPublicKey` overrides the key
   * the checkpoint carries.
   */
  async verify(c: Checkpoint, trustedPublicKey?: string): Promise<CheckpointVerdict> {
    let signatureValid: boolean;
    try {
      signatureValid = verify(null, signedStatement(c), createPublicKey(trustedPublicKey ?? c.publicKey), Buffer.from(c.signature, 'base64'));
    } catch {
      signatureValid = false;
    }
    const { heads, eventCount } = await this.headsAt(c.upToPosition);
    const recomputedRoot = merkleRoot(heads);
    const rootMatches = recomputedRoot === c.merkleRoot && heads.length === c.streamCount && eventCount === c.eventCount;
    const problem = !signatureValid
      ? 'the signature does not match the checkpoint'
      : !rootMatches
        ? 'the log up to this checkpoint was rewritten: its stream heads no longer hash to the signed root'
        : undefined;
    return { id: c.id, valid: signatureValid && rootMatches, signatureValid, rootMatches, recomputedRoot, ...(problem ? { problem } : {}) };
  }

  async verifyAll(): Promise<CheckpointVerdict[]> {
    const all = await this.list();
    const verdicts: CheckpointVerdict[] = [];
    for (const c of all) verdicts.push(await this.verify(c));
    return verdicts;
  }
}
