import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { EntityManager } from 'typeorm';
import { ERASED_TEXT, OTHER_PEOPLE, PERSONAL_FIELDS } from '#domain';
import { keyFileOnce } from '../key-files';
import { preparedQuery } from '../prepared';

/**
 * Field-level sealing of personal data in events (envelope encryption). Each person has a *subject*: a random
 * id with a random 256-bit data key, stored only wrapped by a master key (`subject_keys`), and found by the keyed
 * hash (HMAC) of the person's ID number while it lives. A personal field is stored as
 * `sealed:v1:<subject>:<base64(iv | ciphertext | tag)>` (AES-256-GCM; subject, stream, event type and path as
 * associated data). The hash chain covers the sealed text. Erasure destroys the wrapped key and the HMAC beside
 * it: every field of theirs becomes unreadable, and nothing left links the random subject id to the person. A
 * person who applies again afterwards gets a new subject.
 */
export const SEALED_PREFIX = 'sealed:v1:';

/** In `others`: the other person the stream already names (stream_subjects), for an event that does not repeat their number. */
export const NAMED_BY_STREAM = '(named by the stream)';

export interface PiiKeys {
  /** Master keys wrap data keys; the first wraps new ones, all unwrap (rotation re-wraps without touching events). */
  master: { id: string; key: Buffer }[];
  /** The keyed hash of ID numbers (subject ids, equality lookups). Never rotated: it names people. */
  hmac: Buffer;
}

function parseKeys(text: string): PiiKeys {
  const json = JSON.parse(text) as { master: { id: string; key: string }[]; hmac: string };
  const keys = { master: json.master.map((m) => ({ id: m.id, key: Buffer.from(m.key, 'base64') })), hmac: Buffer.from(json.hmac, 'base64') };
  if (keys.master.length === 0 || keys.master.some((m) => m.key.length !== 32) || keys.hmac.length < 32) throw new Error('PII keys: master keys of 32 bytes and an HMAC key of at least 32 bytes');
  return keys;
}

export function newPiiKeys(): string {
  return JSON.stringify({ master: [{ id: `m-${randomBytes(4).toString('hex')}`, key: randomBytes(32).toString('base64') }], hmac: randomBytes(32).toString('base64') });
}

/**
 * The keys: PII_KEYS (JSON `{ master: [{ id, key }], hmac }`, base64) from the secret store — or a KMS: whatever
 * writes the variable or the file may fetch it from one — else the key file PII_KEYS_FILE (default
 * `$DATA_DIR/pii-keys.json`, created on first use: development). Never in the database.
 */
export function loadPiiKeys(env: NodeJS.ProcessEnv = process.env): PiiKeys {
  if (env.PII_KEYS) return parseKeys(env.PII_KEYS);
  if (env.NODE_ENV === 'production' && !env.PII_KEYS_FILE) {
    // Keys made up here would differ between processes, and losing them loses every sealed field: name them.
    throw new Error('production needs PII_KEYS or PII_KEYS_FILE (a file every process shares, backed up apart from the database)');
  }
  return parseKeys(keyFileOnce(path.resolve(env.PII_KEYS_FILE ?? path.join(env.DATA_DIR ?? '.data', 'pii-keys.json')), newPiiKeys));
}

/**
 * The keyed hash (HMAC-SHA-256) of a person's ID number: how "the same person" is asked (subjects, 不重复享受,
 * duplicate checks) without the number being stored. An erasure removes it wherever it is kept.
 */
export function personHash(hmac: Buffer, idNumber: string): string {
  return createHmac('sha256', hmac).update(idNumber.toUpperCase()).digest('hex');
}

let processKeys: PiiKeys | null = null;
/** This process's PII keys (PII_KEYS or the key file), loaded once. */
export function processPiiKeys(): PiiKeys {
  processKeys ??= loadPiiKeys();
  return processKeys;
}

/** The keyed hash under this process's PII keys. */
export function personOf(idNumber: string): string {
  return personHash(processPiiKeys().hmac, idNumber);
}

/**
 * Refuses to go on with other PII keys than the database was written with: a new HMAC key (a key file made afresh
 * in a new container, a variable left empty) would not fail anywhere — duplicate checks and 不重复享受 would
 * silently stop matching. The first process records a fingerprint of the HMAC key (an HMAC of a fixed text: it
 * tells nothing of the key); every later one compares.
 */
export async function checkPiiKeys(db: { query(sql: string, parameters?: unknown[]): Promise<unknown> }, keys: PiiKeys = processPiiKeys()): Promise<void> {
  const fingerprint = createHmac('sha256', keys.hmac).update('talentflow:pii-key-check').digest('hex');
  // Before any fingerprint was recorded (the first start after an upgrade), data keys already wrapped tell: keys
  // made afresh have another master key.
  const [wrapped] = (await db.query(`SELECT subject_id, wrapped_key, master_key_id FROM subject_keys WHERE wrapped_key IS NOT NULL LIMIT 1`)) as {
    subject_id: string;
    wrapped_key: Buffer;
    master_key_id: string;
  }[];
  if (wrapped) {
    try {
      new Sealer(keys).unwrap(wrapped.subject_id, wrapped.wrapped_key, wrapped.master_key_id);
    } catch {
      throw new Error(`the PII keys (PII_KEYS or PII_KEYS_FILE) do not open the data keys stored here (master key ${wrapped.master_key_id}): set the original keys`);
    }
  }
  await db.query(`INSERT INTO pii_key_check (hmac_fingerprint) VALUES ($1) ON CONFLICT DO NOTHING`, [fingerprint]);
  const [row] = (await db.query(`SELECT hmac_fingerprint FROM pii_key_check`)) as { hmac_fingerprint: string }[];
  if (row.hmac_fingerprint !== fingerprint) {
    throw new Error('the PII keys (PII_KEYS or PII_KEYS_FILE) are not the ones this database was written with: set the original keys (a new HMAC key would make every keyed hash miss)');
  }
}

const gcm = (key: Buffer, plain: Buffer, aad: string): Buffer => {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  return Buffer.concat([iv, c.update(plain), c.final(), c.getAuthTag()]);
};
const ungcm = (key: Buffer, sealed: Buffer, aad: string): Buffer => {
  if (sealed.length < 12 + 16) throw new Error('sealed value too short');
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12), { authTagLength: 16 });
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
};

const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEALED_PREFIX);

interface Slot {
  parent: Record<string, unknown>;
  key: string;
  /** The concrete path (`documents.0.name` for `documents.*.name`): what a sealed value is bound to. */
  path: string;
}

/** The present values a dotted path names in `data`; `*` steps into every element of an array. */
function slots(data: unknown, dotted: string): Slot[] {
  let nodes: { node: unknown; path: string[] }[] = [{ node: data, path: [] }];
  const parts = dotted.split('.');
  for (const p of parts.slice(0, -1)) {
    nodes = nodes.flatMap(({ node, path }) => {
      if (!node || typeof node !== 'object') return [];
      if (p === '*') return Array.isArray(node) ? node.map((child, i) => ({ node: child as unknown, path: [...path, String(i)] })) : [];
      return [{ node: (node as Record<string, unknown>)[p], path: [...path, p] }];
    });
  }
  const key = parts[parts.length - 1];
  return nodes.flatMap(({ node, path }) => {
    const parent = node as Record<string, unknown> | null;
    return parent && typeof parent === 'object' && parent[key] !== undefined && parent[key] !== null ? [{ parent, key, path: [...path, key].join('.') }] : [];
  });
}

/** Whether a stored event holds a personal field in clear (stored before sealing, or before the field was sealed). */
export function holdsClearPersonal(event: { type: string; data: unknown }): boolean {
  return (PERSONAL_FIELDS[event.type] ?? []).some((p) => slots(event.data, p).some((slot) => !isSealed(slot.parent[slot.key])));
}

export class Sealer {
  constructor(private readonly keys: PiiKeys = processPiiKeys()) {}

  /** The keyed hash of a person's ID number (equality lookups without the number; never stored past erasure). */
  personOf(idNumber: string): string {
    return personHash(this.keys.hmac, idNumber);
  }

  /**
   * The person's living subject and its data key; a new one (random id, new key) if they have none — found or
   * made in one statement. The key row is held in share mode until the caller's transaction ends (see dataKeys).
   */
  async subjectFor(m: EntityManager, idNumber: string): Promise<{ subject: string; key: Buffer }> {
    const master = this.keys.master[0];
    const fresh = randomBytes(16).toString('hex');
    const key = randomBytes(32);
    const [row] = await preparedQuery<{ subject_id: string; wrapped_key: Buffer; master_key_id: string }>(
      m,
      `WITH living AS (
         SELECT subject_id, wrapped_key, master_key_id FROM subject_keys
         WHERE person_hmac = $1 AND wrapped_key IS NOT NULL ORDER BY created_at DESC LIMIT 1 FOR SHARE),
       made AS (
         INSERT INTO subject_keys (subject_id, person_hmac, wrapped_key, master_key_id)
         SELECT $2, $1, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM living)
         RETURNING subject_id, wrapped_key, master_key_id)
       SELECT * FROM living UNION ALL SELECT * FROM made`,
      [this.personOf(idNumber), fresh, gcm(master.key, key, `subject:${fresh}`), master.id],
    );
    if (row.subject_id === fresh) return { subject: fresh, key };
    return { subject: row.subject_id, key: this.unwrap(row.subject_id, row.wrapped_key, row.master_key_id) };
  }

  /** A subject's data key from its wrapped form (the master key named by its id). */
  unwrap(subject: string, wrapped: Buffer, masterKeyId: string): Buffer {
    const master = this.keys.master.find((k) => k.id === masterKeyId);
    if (!master) throw new Error(`master key ${masterKeyId} is not configured (PII_KEYS)`);
    return ungcm(master.key, wrapped, `subject:${subject}`);
  }

  /**
   * The data keys of subjects that still have one (erased subjects are absent). `lock`: held in share mode until
   * the caller's transaction ends, so an erasure (which locks them for update) waits for an append under way.
   */
  async dataKeys(m: EntityManager, subjects: readonly string[], lock = false): Promise<Map<string, Buffer>> {
    const rows = (await m.query(
      `SELECT subject_id, wrapped_key, master_key_id FROM subject_keys WHERE subject_id = ANY($1) AND wrapped_key IS NOT NULL${lock ? ' FOR SHARE' : ''}`,
      [[...new Set(subjects)]],
    )) as { subject_id: string; wrapped_key: Buffer; master_key_id: string }[];
    return new Map(rows.map((r) => [r.subject_id, this.unwrap(r.subject_id, r.wrapped_key, r.master_key_id)]));
  }

  /**
   * A copy of `data` with the event type's personal fields sealed under the subject's key, bound to the stream;
   * fields of other people (OTHER_PEOPLE) under theirs, when `others` has them (by ID number, upper case).
   */
  seal(streamId: string, type: string, data: unknown, subject: string, key: Buffer, others: ReadonlyMap<string, { subject: string; key: Buffer }> = new Map()): unknown {
    const paths = PERSONAL_FIELDS[type];
    if (!paths) return data;
    const owners = new Map<string, { subject: string; key: Buffer }>();
    let documentsOwner: { subject: string; key: Buffer } | undefined;
    for (const group of OTHER_PEOPLE[type] ?? []) {
      const owner = others.get(String(slots(data, group.idNumber).map((s) => s.parent[s.key])[0] ?? '').toUpperCase()) ?? others.get(NAMED_BY_STREAM);
      if (owner) for (const field of group.fields) owners.set(field, owner);
      documentsOwner ??= owner;
    }
    const copy = JSON.parse(JSON.stringify(data)) as unknown;
    for (const p of paths) {
      for (const slot of slots(copy, p)) {
        const theirs = p === 'documents.*.name' && slot.parent.about === 'talent' ? documentsOwner : undefined;
        const owner = theirs ?? owners.get(p) ?? { subject, key };
        const plain = Buffer.from(JSON.stringify(slot.parent[slot.key]));
        slot.parent[slot.key] = `${SEALED_PREFIX}${owner.subject}:${gcm(owner.key, plain, `${owner.subject}:${streamId}:${type}:${slot.path}`).toString('base64')}`;
      }
    }
    return copy;
  }

  /** Whether these events hold a file about another person (`about`); with no ID number of theirs, the stream's. */
  mentionsOtherPeoplesFiles(events: readonly { type: string; data: unknown }[]): boolean {
    return events.some((e) => (OTHER_PEOPLE[e.type] ?? []).length > 0 && slots(e.data, 'documents.*.about').some((s) => s.parent[s.key] === 'talent'));
  }

  /** The ID numbers of other people (OTHER_PEOPLE: a top talent) named in these events' clear data, upper case. */
  otherPeopleIn(events: readonly { type: string; data: unknown }[]): string[] {
    const out = new Set<string>();
    for (const e of events) {
      for (const group of OTHER_PEOPLE[e.type] ?? []) {
        for (const slot of slots(e.data, group.idNumber)) {
          const value = slot.parent[slot.key];
          if (typeof value === 'string' && value) out.add(value.toUpperCase());
        }
      }
    }
    return [...out];
  }

  /** A copy of `data` with sealed fields opened; a field whose subject was erased reads `[已删除]`. */
  open(streamId: string, type: string, data: unknown, keys: ReadonlyMap<string, Buffer>): unknown {
    const paths = PERSONAL_FIELDS[type];
    if (!paths || !paths.some((p) => slots(data, p).some((slot) => isSealed(slot.parent[slot.key])))) return data;
    const copy = JSON.parse(JSON.stringify(data)) as unknown;
    for (const slot of paths.flatMap((p) => slots(copy, p))) {
      const value = slot.parent[slot.key];
      if (!isSealed(value)) continue;
      const [subject, body] = value.slice(SEALED_PREFIX.length).split(':');
      const key = keys.get(subject);
      slot.parent[slot.key] = key ? (JSON.parse(ungcm(key, Buffer.from(body, 'base64'), `${subject}:${streamId}:${type}:${slot.path}`).toString()) as unknown) : ERASED_TEXT;
    }
    return copy;
  }

  /** Whether any of these events holds a personal field (only those need a subject and its key). */
  holdsPersonal(events: readonly { type: string; data: unknown }[]): boolean {
    return events.some((e) => (PERSONAL_FIELDS[e.type] ?? []).some((p) => slots(e.data, p).length > 0));
  }

  /** The subjects whose keys the sealed fields of these events need. */
  subjectsIn(events: readonly { type: string; data: unknown }[]): string[] {
    const out = new Set<string>();
    for (const e of events) {
      for (const slot of (PERSONAL_FIELDS[e.type] ?? []).flatMap((p) => slots(e.data, p))) {
        const value = slot.parent[slot.key];
        if (isSealed(value)) out.add(value.slice(SEALED_PREFIX.length).split(':')[0]);
      }
    }
    return [...out];
  }

  /** Re-wraps data keys (every one, or these subjects') under the current master key (master-key rotation); events are not touched. */
  async rewrap(m: EntityManager, only?: readonly string[]): Promise<number> {
    const master = this.keys.master[0];
    const rows = (await m.query(
      `SELECT subject_id FROM subject_keys WHERE wrapped_key IS NOT NULL AND master_key_id <> $1 AND ($2::text[] IS NULL OR subject_id = ANY($2)) FOR UPDATE`,
      [master.id, only ?? null],
    )) as { subject_id: string }[];
    const keys = await this.dataKeys(m, rows.map((r) => r.subject_id));
    for (const [subject, key] of keys) {
      await m.query(`UPDATE subject_keys SET wrapped_key = $2, master_key_id = $3 WHERE subject_id = $1`, [subject, gcm(master.key, key, `subject:${subject}`), master.id]);
    }
    return keys.size;
  }
}
