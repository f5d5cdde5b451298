import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** The metadata that marks a payload as encrypted by this codec, and names the key. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** An AES-256 key with the id recorded beside every payload it encrypts. */
export interface CodecKey {
  id: string;
  key: Buffer;
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : '');

/**
 * Encrypts every payload before it leaves the process (AES-256-GCM, a fresh 96-bit IV each, the key id in the
 * payload's metadata) and decrypts on the way in: Temporal's server, its database and its Web UI see only
 * ciphertext. The first key encrypts; every listed key decrypts (rotation: put the new key first, keep the old).
 * A payload this codec did not encrypt passes through unchanged — histories recorded before it replay.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly CodecKey[]) {
    if (keys.length === 0) throw new Error('the payload codec needs at least one key');
    for (const k of keys) if (k.key.length !== 32) throw new Error(`codec key ${k.id} is not 32 bytes (AES-256)`);
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.keys[0];
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID]: utf8(id) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const id = text(payload.metadata?.[KEY_ID]);
      const key = this.byId.get(id);
      if (!key) throw new Error(`no codec key "${id}" to decrypt this payload (TEMPORAL_CODEC_KEYS lists ${[...this.byId.keys()].join(', ')})`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted payload too short');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}

/** `id:base64key,id:base64key` (first encrypts). */
export function parseCodecKeys(value: string): CodecKey[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.indexOf(':');
      if (at < 1) throw new Error('TEMPORAL_CODEC_KEYS: each key is id:base64 (32 bytes)');
      return { id: entry.slice(0, at), key: Buffer.from(entry.slice(at + 1), 'base64') };
    });
}

/** A new key, as a line of TEMPORAL_CODEC_KEYS: its id is the start of its SHA-256 (a key never names another). */
export function newCodecKey(): string {
  const key = randomBytes(32);
  return `${createHash('sha256').update(key).digest('hex').slice(0, 12)}:${key.toString('base64')}`;
}

/**
 * The codec keys: TEMPORAL_CODEC_KEYS, else a key file under the data folder (`TEMPORAL_CODEC_KEYS_FILE`, default
 * `.data/temporal-codec-keys`, created with one new key the first time: development). In production set the
 * variable from the secret store (or a KMS-decrypted file); never put keys in the database.
 */
export function codecKeys(env: NodeJS.ProcessEnv = process.env): CodecKey[] {
  if (env.TEMPORAL_CODEC_KEYS) return parseCodecKeys(env.TEMPORAL_CODEC_KEYS);
  if (env.NODE_ENV === 'production' && !env.TEMPORAL_CODEC_KEYS_FILE) {
    // A key made up here would differ between processes and die with the container: name where the keys are.
    throw new Error('production needs TEMPORAL_CODEC_KEYS or TEMPORAL_CODEC_KEYS_FILE (a file every process shares)');
  }
  const file = path.resolve(env.TEMPORAL_CODEC_KEYS_FILE ?? path.join(env.DATA_DIR ?? '.data', 'temporal-codec-keys'));
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, `${newCodecKey()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process wrote it first
    }
  }
  return parseCodecKeys(fs.readFileSync(file, 'utf8').split('\n').join(','));
}

/** The codec of this process, from the keys the environment names. */
export function payloadCodec(env: NodeJS.ProcessEnv = process.env): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(codecKeys(env));
}

/** The failure converter's module, for `bundleWorkflowCode` where a workflow bundle is built ahead of the worker. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/**
 * The data converter every client and worker of the system uses: the default JSON converter, then encryption;
 * failure messages and stack traces encoded as payloads first (`failure-converter.ts`), so they are encrypted too.
 */
export function dataConverter(codec: PayloadCodec = payloadCodec()): DataConverter {
  return { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH };
}

/**
 * A history (as the SDK returns it) with every payload the codec sealed opened in place — for an auditor's
 * reading. Payloads nobody sealed (search attributes, the SDK's own markers) stay as they are.
 */
export async function decodeHistory<H>(history: H, codec: PayloadCodec): Promise<H> {
  const visit = async (node: unknown): Promise<void> => {
    if (!node || typeof node !== 'object' || node instanceof Uint8Array) return;
    if (Array.isArray(node)) {
      for (const item of node) await visit(item);
      return;
    }
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      const payload = value as Payload | null;
      if (payload && typeof payload === 'object' && 'metadata' in payload && payload.data instanceof Uint8Array) {
        record[key] = (await codec.decode([payload]))[0];
      } else if (key === 'payloads' && Array.isArray(value)) {
        record[key] = await codec.decode(value as Payload[]);
      } else await visit(value);
    }
  };
  await visit(history);
  return history;
}
