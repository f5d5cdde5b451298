import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { daysAgo, degreeDoublingForm, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../support/fixtures';
import { eventually } from '../support/workflow-env';
import { complete, taskOf } from './support/drill';
import { Harness } from './support/harness';
import { pdf, uploadFile } from './support/uploads';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d10000000049454e44ae426082', 'hex');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** 申请材料 over HTTP: uploads told apart by their content, limits, references in a submission, reads, tampering. */
describe('documents with an application over HTTP', () => {
  let h: Harness;
  let dir: string;
  let admin: string;
  const MAX = 200_000;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talentflow-documents-'));
    h = await Harness.start({ DOCUMENTS_DIR: dir, UPLOAD_MAX_BYTES: String(MAX) });
    admin = await h.token({ sub: 'doc-admin', roles: ['admin'] });
  });

  afterAll(async () => {
    await h?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const upload = (token: string, bytes: Buffer, name: string) => uploadFile(h.baseUrl, token, bytes, name);

  it('takes PDF, JPEG and PNG by their content, refuses the rest and what is too large, and an application carries them by hash', async () => {
    const idNumber = makeIdNumber('1996-02-02');
    const employerOrg = makeUscc();
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: employerOrg, town: 'wangdian', months: 4, lastPaidMonth: '2035-12' }] });
    const applicant = await h.token({ sub: `grad-${randomUUID()}`, roles: ['applicant'], name: '林硕', idNumber });
    const other = await h.token({ sub: `other-${randomUUID()}`, roles: ['applicant'], name: '王五', idNumber: makeIdNumber('1990-01-01') });
    const employer = await h.token({ sub: `hr-${randomUUID()}`, roles: ['employer'], orgCode: employerOrg });
    const auditor = await h.token({ sub: 'doc-auditor', roles: ['auditor'] });

    // Refused: an executable called .pdf (415), a file over the limit (413), no multipart at all (400).
    const exe = await upload(applicant, EXE, '学位证书.pdf');
    expect(exe.status).toBe(415);
    expect(exe.body.code).toBe('UPLOAD.TYPE_NOT_ALLOWED');
    expect((await upload(applicant, Buffer.from('just some text'), 'a.pdf')).status).toBe(415);
    const big = await upload(applicant, pdf('big', MAX + 1000), 'big.pdf');
    expect(big.status).toBe(413);
    expect((await h.call('POST', '/applications/uploads', { token: applicant, body: { file: 'x' } })).status).toBe(400);
    expect(fs.readdirSync(path.join(dir, 'incoming'))).toEqual([]); // nothing refused is kept

    const files = { 'degree-certificate': pdf('学位证书'), diploma: pdf('毕业证书'), 'labour-contract': pdf('劳动合同'), 'degree-verification': PNG };
    const uploaded: Record<string, { documentId: string; sha256: string; bytes: number; type: string }> = {};
    for (const [key, bytes] of Object.entries(files)) {
      const reply = await upload(applicant, bytes, `${key}.${bytes === PNG ? 'png' : 'pdf'}`);
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ sha256: sha(bytes), bytes: bytes.length, type: bytes === PNG ? 'png' : 'pdf' });
      uploaded[key] = reply.body as never;
    }
    const form = degreeDoublingForm(employerOrg);
    const documents = Object.entries(uploaded).map(([key, u]) => ({ key, documentId: u.documentId }));

    // Someone else's upload, an unknown material, a material twice: every problem listed, nothing started.
    const stranger = await upload(other, pdf('别人的'), 'x.pdf');
    const bad = await h.call('POST', '/applications', {
      token: applicant,
      body: { program: 'degree-doubling', town: 'wangdian', form, documents: [{ key: 'diploma', documentId: stranger.body.documentId }, { key: 'passport', documentId: uploaded.diploma.documentId }, { key: 'diploma', documentId: uploaded.diploma.documentId }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['documents.0.documentId', 'documents.1.key', 'documents.2.key']);

    const submitted = await h.call('POST', '/applications', { token: applicant, body: { program: 'degree-doubling', town: 'wangdian', form, documents } });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const view = (await h.call('GET', `/applications/${id}`, { token: applicant })).body;
    expect(view.missingMaterials).toEqual([]);
    expect(view.documents.map((d: { key: string; sha256: string }) => [d.key, d.sha256])).toEqual(Object.entries(files).map(([k, b]) => [k, sha(b)]));
    const events = (await h.call('GET', `/applications/${id}/events`, { token: auditor })).body as { type: string; data: { documents?: { sha256: string }[] } }[];
    expect(events[0].data.documents!.map((d) => d.sha256)).toEqual(Object.values(files).map(sha)); // the chain covers each file's hash
    // An upload used by one application cannot be used by another.
    const reuse = await h.call('POST', '/applications', { token: applicant, body: { program: 'degree-doubling', town: 'wangdian', form, documents: [documents[0]] } });
    expect(reuse.status).toBe(400);

    // Reads: the applicant and the employer (its task) may; another applicant gets 404; every read is logged.
    const read = (token: string, documentId: string) => fetch(`${h.baseUrl}/applications/${id}/documents/${documentId}`, { headers: { authorization: `Bearer ${token}` } });
    const mine = await read(applicant, uploaded.diploma.documentId);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('application/pdf');
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(mine.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.pdf"; filename\*=UTF-8''diploma\.pdf$/);
    expect(Buffer.from(await mine.arrayBuffer()).equals(files.diploma)).toBe(true);
    expect((await read(other, uploaded.diploma.documentId)).status).toBe(404);
    expect((await read(applicant, stranger.body.documentId)).status).toBe(404);
    const byEmployer = await (async () => {
      for (let i = 0; i < 100; i += 1) {
        const r = await read(employer, uploaded['labour-contract'].documentId);
        if (r.status === 200) return r;
        await new Promise((res) => setTimeout(res, 200)); // the employer's task appears once the checks have run
      }
      throw new Error('the employer never got to read the contract');
    })();
    expect(Buffer.from(await byEmployer.arrayBuffer()).equals(files['labour-contract'])).toBe(true);
    // The employer confirms; the talent office's reviewer, deciding, reads the degree certificate.
    const confirm = await taskOf(h, employer, id, 'employment-confirmation');
    await complete(h, employer, confirm.taskId, { outcome: 'approve', contract: { start: form.contractStart, end: form.contractEnd } });
    const reviewerSub = `doc-reviewer-${randomUUID()}`;
    const reviewer = await h.token({ sub: reviewerSub, roles: ['reviewer'], queues: ['talent-office'] });
    await taskOf(h, reviewer, id, 'review', 'queue=talent-office');
    const byReviewer = await read(reviewer, uploaded['degree-certificate'].documentId);
    expect(byReviewer.status).toBe(200);
    expect(Buffer.from(await byReviewer.arrayBuffer()).equals(files['degree-certificate'])).toBe(true);
    const log = (await h.call('GET', `/audit/access-log?applicationId=${id}`, { token: auditor })).body.items as { actorId: string; action: string; detail: { documentId?: string } }[];
    const reads = log.filter((l) => l.action === 'GET /applications/:id/documents/:documentId');
    expect(reads.map((l) => l.detail.documentId)).toEqual(expect.arrayContaining([uploaded.diploma.documentId, uploaded['labour-contract'].documentId]));
    expect(reads.filter((l) => l.actorId === reviewerSub).map((l) => l.detail.documentId)).toEqual([uploaded['degree-certificate'].documentId]);

    // Verification checks the stored files against the hashes the chain recorded, and names a file changed behind its back.
    expect((await h.call('GET', `/audit/applications/${id}/verify`, { token: auditor })).body).toMatchObject({ valid: true });
    const stored = path.join(dir, uploaded.diploma.sha256.slice(0, 2), uploaded.diploma.sha256);
    fs.writeFileSync(stored, pdf('被篡改'));
    const tampered = (await h.call('GET', `/audit/applications/${id}/verify`, { token: auditor })).body;
    expect(tampered.valid).toBe(false);
    expect(tampered.problem).toContain(`diploma ${uploaded.diploma.documentId}`);
    expect(tampered.documents.filter((d: { intact: boolean }) => !d.intact).map((d: { key: string }) => d.key)).toEqual(['diploma']);
  });

  it('an application without documents (as API.md submits it) is taken, listing the required materials it lacks (容缺受理)', async () => {
    const idNumber = makeIdNumber('1997-03-03');
    const employerOrg = makeUscc();
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: employerOrg, town: 'wangdian', months: 4, lastPaidMonth: '2035-12' }] });
    const applicant = await h.token({ sub: `grad-${randomUUID()}`, roles: ['applicant'], name: '钱硕', idNumber });
    const form = degreeDoublingForm(employerOrg, { degree: 'phd' });
    const submitted = await h.call('POST', '/applications', { token: applicant, body: { program: 'degree-doubling', town: 'wangdian', form } });
    expect(submitted.status).toBe(201);
    const view = (await h.call('GET', `/applications/${submitted.body.id}`, { token: applicant })).body;
    expect(view.documents).toEqual([]);
    expect(view.missingMaterials.map((m: { name: string }) => m.name)).toEqual(['学位证书', '毕业证书', '劳动合同']);
  });

  it('a supplement adds a new version of a material, a completion attaches evidence, and the dossier zip holds every file', async () => {
    const idNumber = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    await h.call('POST', '/admin/registries/skill-certificates', { token: admin, body: [{ certificateNumber, idNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40) }] });
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: '2026-10' }] });
    const applicant = await h.token({ sub: `skill-${randomUUID()}`, roles: ['applicant'], name: '孙九', idNumber });
    const reviewer = await h.token({ sub: `doc-reviewer-${randomUUID()}`, roles: ['reviewer'], queues: ['hrss-skill'] });
    const auditor = await h.token({ sub: 'doc-auditor', roles: ['auditor'] });
    const blurred = pdf('模糊的证书');
    const first = await upload(applicant, blurred, '证书.pdf');
    const form = { certificateNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40), bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204001234567' } };
    const submitted = await h.call('POST', '/applications', { token: applicant, body: { program: 'skill-subsidy', town: 'wangdian', form, documents: [{ key: 'qualification-certificate', documentId: first.body.documentId }] } });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const taskOf = () =>
      eventually(async () => {
        const reply = await h.call('GET', '/tasks?queue=hrss-skill&status=open&sort=-createdAt&pageSize=200', { token: reviewer });
        return (reply.body.items as { applicationId: string; taskId: string }[]).find((t) => t.applicationId === id);
      }, 'the review task');
    const review = await taskOf();
    const items = [{ document: '职业资格证书', reason: '证书扫描件模糊，请重新上传' }];
    expect((await h.call('POST', `/tasks/${review.taskId}/complete`, { token: reviewer, body: { outcome: 'return', comment: '请补正', items } })).status).toBe(200);

    // The supplement: a material it does not know and someone else's upload are refused with every problem listed.
    const clear = pdf('清晰的证书');
    const second = await upload(applicant, clear, '证书-清晰.pdf');
    const stranger = await upload(reviewer, pdf('别人的'), 'x.pdf');
    const bad = await h.call('POST', `/applications/${id}/supplement`, {
      token: applicant,
      body: { message: '已重新上传', answers: [0], documents: [{ key: 'passport', documentId: second.body.documentId }, { key: 'qualification-certificate', documentId: stranger.body.documentId }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['documents.0.key', 'documents.1.documentId']);
    expect((await h.call('GET', `/applications/${id}`, { token: applicant })).body.status).toBe('awaiting-supplement');
    const supplemented = await h.call('POST', `/applications/${id}/supplement`, {
      token: applicant,
      body: { message: '已重新上传', answers: [0], documents: [{ key: 'qualification-certificate', documentId: second.body.documentId }] },
    });
    expect(supplemented.status).toBe(200);
    const view = (await h.call('GET', `/applications/${id}`, { token: applicant })).body;
    expect(view.documents.map((d: { key: string; sha256: string }) => [d.key, d.sha256])).toEqual([
      ['qualification-certificate', sha(blurred)],
      ['qualification-certificate', sha(clear)],
    ]); // both versions: the first stays in the history

    // The reviewer approves with a verification note attached ('evidence'); another's upload is refused.
    const again = await taskOf();
    const note = await upload(reviewer, PNG, '核验记录.png');
    // Refused, every problem at once: the applicant's upload, and a program material (staff attach evidence only).
    const foreign = await h.call('POST', `/tasks/${again.taskId}/complete`, {
      token: reviewer,
      body: { outcome: 'approve', documents: [{ key: 'evidence', documentId: second.body.documentId }, { key: 'qualification-certificate', documentId: note.body.documentId }] },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors.map((e: { path: string }) => e.path)).toEqual(['documents.0.documentId', 'documents.1.key']);
    expect((await h.call('POST', `/tasks/${again.taskId}/complete`, { token: reviewer, body: { outcome: 'approve', documents: [{ key: 'evidence', documentId: note.body.documentId }] } })).status).toBe(200);
    // The attachment is the staff's: the reviewer reads it, the applicant neither sees nor reads it.
    const staffView = (await h.call('GET', `/applications/${id}`, { token: reviewer })).body;
    expect(staffView.attachments.map((a: { key: string; kind: string }) => [a.key, a.kind])).toEqual([['evidence', 'review']]);
    const ownView = (await h.call('GET', `/applications/${id}`, { token: applicant })).body;
    expect(ownView.attachments).toBeUndefined();
    expect(ownView.documents).toHaveLength(2);
    const readAs = (token: string) => fetch(`${h.baseUrl}/applications/${id}/documents/${note.body.documentId}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await readAs(reviewer)).status).toBe(200);
    expect((await readAs(applicant)).status).toBe(404);
    // Referenced uploads belong to the application as soon as the event is stored (they never expire).
    const bound = (await h.ds.query(`SELECT document_id FROM documents WHERE application_id = $1 ORDER BY uploaded_at`, [id])) as { document_id: string }[];
    expect(bound.map((b) => b.document_id).sort()).toEqual([first.body.documentId, second.body.documentId, note.body.documentId].sort());
    const events = (await h.call('GET', `/applications/${id}/events`, { token: auditor })).body as { type: string; data: { documents?: { key: string; sha256: string }[] } }[];
    expect(events.find((e) => e.type === 'SupplementProvided')!.data.documents!.map((d) => d.sha256)).toEqual([sha(clear)]);
    expect(events.filter((e) => e.type === 'TaskCompleted' && e.data.documents).map((e) => e.data.documents!.map((d) => [d.key, d.sha256]))).toEqual([[['evidence', sha(PNG)]]]);

    // The dossier with the files: a zip of the JSON Lines and every version of every document, byte for byte.
    const zipped = await fetch(`${h.baseUrl}/audit/applications/${id}/export?withFiles=true`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get('content-type')).toBe('application/zip');
    const zip = await JSZip.loadAsync(Buffer.from(await zipped.arrayBuffer()));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      ['dossier.jsonl', `documents/evidence-${note.body.documentId}.png`, `documents/qualification-certificate-${first.body.documentId}.pdf`, `documents/qualification-certificate-${second.body.documentId}.pdf`].sort(),
    );
    expect(sha(await zip.file(`documents/qualification-certificate-${first.body.documentId}.pdf`)!.async('nodebuffer'))).toBe(sha(blurred));
    expect(sha(await zip.file(`documents/evidence-${note.body.documentId}.png`)!.async('nodebuffer'))).toBe(sha(PNG));
    const dossier = (await zip.file('dossier.jsonl')!.async('string')).trim().split('\n').map((l) => JSON.parse(l) as { record: string; sha256?: string });
    expect(dossier.filter((r) => r.record === 'document').map((r) => r.sha256)).toEqual([sha(blurred), sha(clear), sha(PNG)]);
    expect((await h.call('GET', `/audit/applications/${id}/export?withFiles=maybe`, { token: auditor })).status).toBe(400);
  });
});
