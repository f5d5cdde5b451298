import { createHash, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fs from 'node:fs';
import path from 'node:path';
import { Stack } from './stack';
import { median } from './support';

/**
 * Upload throughput: a 10 MiB PDF through `POST /applications/uploads` (multipart, streamed, hashed, type from
 * its magic bytes, stored by hash) against the baseline of a plain file copy of the same bytes on the same disk
 * (the documents folder's). Each repetition uploads different bytes (content addressing would make a repeat a
 * rename of identical content). MB/s are MiB per second; the ratio is upload / copy.
 */
export async function uploadsBench(o: { stack: Stack; bytes: number; repetitions: number }) {
  const documents = path.join(o.stack.dir, 'documents');
  fs.mkdirSync(documents, { recursive: true });
  const reply = await fetch(`${o.stack.apiUrl}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: 'bench-uploader', roles: ['applicant'] }),
  });
  const { accessToken } = (await reply.json()) as { accessToken: string };
  const pdfOf = () => Buffer.concat([Buffer.from('%PDF-1.7\n%bench\n'), randomBytes(o.bytes - 16)]);
  const mib = o.bytes / 1024 / 1024;
  const upload: number[] = [];
  const copy: number[] = [];
  // Where the time goes: the same bytes streamed file to file, and streamed while hashed (what an upload does
  // besides HTTP, multipart parsing and the type check).
  const streamed: number[] = [];
  const hashed: number[] = [];
  for (let i = 0; i < o.repetitions; i += 1) {
    const bytes = pdfOf();
    const source = path.join(o.stack.dir, `source-${i}.pdf`);
    fs.writeFileSync(source, bytes);
    let t0 = process.hrtime.bigint();
    await fs.promises.copyFile(source, path.join(documents, `copy-${i}.pdf`));
    copy.push(mib / (Number(process.hrtime.bigint() - t0) / 1e9));
    t0 = process.hrtime.bigint();
    await pipeline(fs.createReadStream(source), fs.createWriteStream(path.join(documents, `stream-${i}.pdf`)));
    streamed.push(mib / (Number(process.hrtime.bigint() - t0) / 1e9));
    t0 = process.hrtime.bigint();
    const hash = createHash('sha256');
    const tap = new Transform({ transform: (chunk: Buffer, _e, done) => (hash.update(chunk), done(null, chunk)) });
    await pipeline(fs.createReadStream(source), tap, fs.createWriteStream(path.join(documents, `hashed-${i}.pdf`)));
    hash.digest('hex');
    hashed.push(mib / (Number(process.hrtime.bigint() - t0) / 1e9));
    const form = new FormData();
    form.append('file', new Blob([bytes]), `bench-${i}.pdf`);
    t0 = process.hrtime.bigint();
    const r = await fetch(`${o.stack.apiUrl}/applications/uploads`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` }, body: form });
    if (r.status !== 201) throw new Error(`upload answered ${r.status}: ${await r.text()}`);
    upload.push(mib / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  const uploadMBps = Math.round(median(upload) * 10) / 10;
  const copyMBps = Math.round(median(copy) * 10) / 10;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    bytes: o.bytes,
    repetitions: o.repetitions,
    uploadMBps,
    copyMBps,
    ratio: Math.round((uploadMBps / copyMBps) * 100) / 100,
    profile: { streamedCopyMBps: round(median(streamed)), hashedStreamedCopyMBps: round(median(hashed)) },
    samples: { upload, copy },
  };
}
