import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a stream held once stored: its SHA-256, its size, and its first bytes (to tell its type by). */
export interface StoredFile {
  sha256: string;
  bytes: number;
  head: Buffer;
}

/**
 * Where documents' bytes live, by content hash: a file is written once and never changed, so the hash an event
 * records is the file's name. One interface; this is the folder implementation (S3-compatible storage would
 * implement the same three calls).
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
