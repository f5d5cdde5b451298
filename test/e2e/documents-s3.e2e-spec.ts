import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { degreeDoublingForm, makeIdNumber, makeUscc } from '../support/fixtures';
import { Harness } from './support/harness';
import { pdf, uploadFile } from './support/uploads';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Documents in S3-compatible object storage: an API configured with S3_ENDPOINT/S3_BUCKET against a real
 * S3-compatible server started here (`s3rver`, which speaks the S3 REST API on a local folder): upload, the
 * object under its hash, a read back, verification, and a changed object named by verify.
 */
describe('documents in S3-compatible storage', () => {
  let h: Harness;
  let s3: S3rver;
  let dir: string;
  let endpoint: string;
  let api: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talentflow-s3-'));
    s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: path.join(dir, 's3'), configureBuckets: [{ name: 'talentflow-documents', configs: [] }] });
    const { port } = (await s3.run()) as { port: number };
    endpoint = `http://127.0.0.1:${port}`;
    h = await Harness.start({ DOCUMENTS_DIR: path.join(dir, 'local') });
    api = await h.extraApi({ S3_ENDPOINT: endpoint, S3_BUCKET: 'talentflow-documents', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', DOCUMENTS_DIR: path.join(dir, 'local') });
  });

  afterAll(async () => {
    await h?.stop();
    await s3?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores by hash in the bucket, reads back, and verification names an object changed behind its back', async () => {
    const admin = await h.token({ sub: 's3-admin', roles: ['admin'] });
    const auditor = await h.token({ sub: 's3-auditor', roles: ['auditor'] });
    const idNumber = makeIdNumber();
    const employerOrg = makeUscc();
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: employerOrg, town: 'wangdian', months: 4, lastPaidMonth: '2035-12' }] });
    const applicant = await h.token({ sub: `s3-${randomUUID()}`, roles: ['applicant'], name: '郑十', idNumber });
    const diploma = pdf('毕业证书 S3');
    const uploaded = await uploadFile(api, applicant, diploma, '毕业证书.pdf');
    expect(uploaded.status).toBe(201);
    const { documentId, sha256 } = uploaded.body as { documentId: string; sha256: string };
    expect(sha256).toBe(sha(diploma));
    // In the bucket under its hash; nothing of it left on the local disk.
    const objects = fs.readdirSync(path.join(dir, 's3', 'talentflow-documents', 'documents', sha256.slice(0, 2)));
    expect(objects.some((f) => f.startsWith(sha256))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'local', sha256.slice(0, 2), sha256))).toBe(false);

    const submitted = await fetch(`${api}/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${applicant}`, 'content-type': 'application/json' },
      body: JSON.stringify({ program: 'degree-doubling', town: 'wangdian', form: degreeDoublingForm(employerOrg), documents: [{ key: 'diploma', documentId }] }),
    });
    expect(submitted.status).toBe(201);
    const id = ((await submitted.json()) as { id: string }).id;
    const read = await fetch(`${api}/applications/${id}/documents/${documentId}`, { headers: { authorization: `Bearer ${applicant}` } });
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer()).equals(diploma)).toBe(true);

    const verify = async () => (await fetch(`${api}/audit/applications/${id}/verify`, { headers: { authorization: `Bearer ${auditor}` } })).json() as Promise<{ valid: boolean; problem?: string }>;
    expect(await verify()).toMatchObject({ valid: true });
    const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    await client.send(new PutObjectCommand({ Bucket: 'talentflow-documents', Key: `documents/${sha256.slice(0, 2)}/${sha256}`, Body: pdf('被篡改') }));
    const tampered = await verify();
    expect(tampered.valid).toBe(false);
    expect(tampered.problem).toContain(`diploma ${documentId}`);
  });
});
