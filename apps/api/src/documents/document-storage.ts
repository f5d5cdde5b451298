import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../config/api.config';
import { pipeline } from 'node:stream/promises';

/** What a stream held once stored: its SHA-256, its size, and its first bytes (to tell its type by). */
export interface StoredFile {
  sha256: string;
  bytes: number;
  head: Buffer;
}

/**
 * Where documents' bytes live, by content hash: a file is written once and never changed, so the hash an event
 * records is the file's name. One interface, two implementations: a folder (the default) and S3-compatible
 * object storage (S3_ENDPOINT, S3_BUCKET).
 */
export interface DocumentStorage {
  readonly kind: string;
  /** Streams `source` in (never buffered whole), hashing as it goes; `accept` may refuse it by its head and size. */
  put(source: Readable, accept: (file: StoredFile) => Promise<void> | void): Promise<StoredFile>;
  open(sha256: string): Readable;
  /** The SHA-256 of what is stored under `sha256` now (to catch a file changed behind the system's back), or null. */
  rehash(sha256: string): Promise<string | null>;
  /** Removes what is stored under `sha256` (an expired upload nothing else refers to). */
  remove(sha256: string): Promise<void>;
}

const HEAD_BYTES = 4100;

export class FolderDocumentStorage implements DocumentStorage {
  readonly kind = 'folder';
  constructor(private readonly root: string) {}

  private pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(source: Readable, accept: (file: StoredFile) => Promise<void> | void): Promise<StoredFile> {
    await fs.promises.mkdir(path.join(this.root, 'incoming'), { recursive: true });
    const temp = path.join(this.root, 'incoming', randomUUID());
    const hash = createHash('sha256');
    let bytes = 0;
    const head: Buffer[] = [];
    let headBytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        if (headBytes < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
          headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, tap, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      const file = { sha256: hash.digest('hex'), bytes, head: Buffer.concat(head) };
      await accept(file);
      const target = this.pathOf(file.sha256);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // Same content, same name: a second upload of a file replaces it with identical bytes.
      await fs.promises.rename(temp, target);
      return file;
    } finally {
      await fs.promises.rm(temp, { force: true });
    }
  }

  open(sha256: string): Readable {
    return fs.createReadStream(this.pathOf(sha256));
  }

  async rehash(sha256: string): Promise<string | null> {
    const file = this.pathOf(sha256);
    if (!fs.existsSync(file)) return null;
    const hash = createHash('sha256');
    await pipeline(fs.createReadStream(file), hash);
    return hash.digest('hex');
  }

  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }
}

/**
 * Documents in S3-compatible object storage (AWS S3, MinIO, Ceph RGW, OSS/COS in S3 mode), one object per
 * content hash under `documents/`. An upload streams to a private temporary file while it is hashed (its name is
 * its hash, known only at the end), then goes up with its length; nothing is held in memory whole.
 */
export class S3DocumentStorage implements DocumentStorage {
  readonly kind = 's3';
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    private readonly stagingDir: string,
  ) {
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: true,
      ...(settings.accessKeyId && settings.secretAccessKey ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } } : {}),
    });
  }

  private keyOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return `documents/${sha256.slice(0, 2)}/${sha256}`;
  }

  async put(source: Readable, accept: (file: StoredFile) => Promise<void> | void): Promise<StoredFile> {
    // A folder of its own per upload: two uploads of the same file at once never share a staging file.
    const dir = path.join(this.stagingDir, randomUUID());
    const staging = new FolderDocumentStorage(dir);
    try {
      const file = await staging.put(source, accept);
      const body = staging.open(file.sha256);
      await this.client.send(
        new PutObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(file.sha256), Body: body, ContentLength: file.bytes, ChecksumSHA256: Buffer.from(file.sha256, 'hex').toString('base64') }),
      );
      return file;
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  }

  open(sha256: string): Readable {
    const out = new PassThrough();
    this.client
      .send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) }))
      .then((reply) => {
        const body = reply.Body as Readable;
        body.on('error', (err) => out.destroy(err));
        body.pipe(out);
      })
      .catch((err: Error) => out.destroy(err));
    return out;
  }

  async rehash(sha256: string): Promise<string | null> {
    try {
      const reply = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) }));
      const hash = createHash('sha256');
      await pipeline(reply.Body as Readable, hash);
      return hash.digest('hex');
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async remove(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(sha256) }));
  }
}
