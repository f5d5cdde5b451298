import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../support/fixtures';
import { isolatedDatabase, rowsHolding } from '../support/database';
import { taskOf } from './support/drill';
import { EventStore } from '#event-store';
import { Notifier } from '#notifications';
import { eventually } from '../support/workflow-env';
import { Harness } from './support/harness';
import { pdf, uploadFile } from './support/uploads';

/**
 * Erasure (PIPL Art. 47) by destroying the subject's data key, on a database of its own (policies are published
 * here). Four eyes; refused while anything is open or within retention (with the date it becomes possible);
 * afterwards every read shows [已删除], every stream verifies, the assessment figures are unchanged, and the log
 * records who, when and why — without the number.
 */
describe('erasure of a person after the retention period', () => {
  let h: Harness;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  const documentsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'erasure-documents-'));

  beforeAll(async () => {
    db = await isolatedDatabase('erasure');
    h = await Harness.start({ DATABASE_URL: db.url, DOCUMENTS_DIR: documentsDir });
  });

  afterAll(async () => {
    await h?.stop();
    await db?.drop();
    fs.rmSync(documentsDir, { recursive: true, force: true });
  });

  const holding = (value: string, tables: string[]) => rowsHolding(h.ds, value, tables);

  it('refuses too early, needs two administrators, then shreds the person and nothing else', async () => {
    const admin = await h.token({ sub: 'erase-admin-1', roles: ['admin'] });
    const second = await h.token({ sub: 'erase-admin-2', roles: ['admin'] });
    const auditor = await h.token({ sub: 'erase-auditor', roles: ['auditor'] });
    const reviewer = await h.token({ sub: 'erase-reviewer', roles: ['reviewer'], queues: ['hrss-skill'] });
    const finance = await h.token({ sub: 'erase-finance', roles: ['finance'], queues: ['finance'] });
    const idNumber = makeIdNumber();
    const accountNumber = '6222021204005556667';

    /** A skill subsidy of this person through review and payment (completed). */
    const completed = async (): Promise<string> => {
      const certificateNumber = uniqueCertificateNumber();
      await h.call('POST', '/admin/registries/skill-certificates', { token: admin, body: [{ certificateNumber, idNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40) }] });
      const applicant = await h.token({ sub: `erase-${randomUUID()}`, roles: ['applicant'], name: '诸葛亮', idNumber });
      const form = { certificateNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40), bankAccount: { bankName: '嘉兴银行', accountNumber } };
      const id = (await h.call('POST', '/applications', { token: applicant, body: { program: 'skill-subsidy', town: 'wangdian', form } })).body.id as string;
      const review = await taskOf(h, reviewer, id, 'review', 'queue=hrss-skill');
      expect((await h.call('POST', `/tasks/${review.taskId}/complete`, { token: reviewer, body: { outcome: 'approve' } })).status).toBe(200);
      const pay = await taskOf(h, finance, id, 'payment-confirmation', 'queue=finance');
      expect((await h.call('POST', `/tasks/${pay.taskId}/complete`, { token: finance, body: { outcome: 'approve', paymentReference: `E-${id.slice(0, 6)}` } })).body.application.status).toBe('completed');
      return id;
    };
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: '2026-10' }] });

    // Under the reference policy (10 years): completed, yet refused with the date it becomes possible.
    const first = await completed();
    const asked = await h.call('POST', '/admin/subjects/erase', { token: admin, body: { idNumber, reason: `申请人依法申请删除（身份证 ${idNumber}）` } });
    expect(asked.status).toBe(201);
    expect((await h.call('POST', `/admin/subjects/erase/${asked.body.requestId}/confirm`, { token: admin })).status).toBe(403); // four eyes
    const tooEarly = await h.call('POST', `/admin/subjects/erase/${asked.body.requestId}/confirm`, { token: second });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.code).toBe('SUBJECT.RETENTION');
    expect(Date.parse(tooEarly.body.possibleFrom) - Date.now()).toBeGreaterThan(9.9 * 365 * 86_400_000);

    // A drill policy with retention 0 for what follows (the first file keeps the version it was decided under).
    const current = (await h.call('GET', '/policies/skill-subsidy', { token: admin })).body.policy;
    expect((await h.call('POST', '/admin/policies/skill-subsidy', { token: admin, body: { ...current, retention: { years: 0 } } })).status).toBe(201);
    expect((await h.call('POST', '/admin/policies/skill-subsidy', { token: admin, body: { ...current, retention: { years: 99 } } })).body.errors).toEqual([expect.objectContaining({ path: 'retention.years' })]);
    expect((await h.call('POST', `/admin/subjects/erase/${asked.body.requestId}/confirm`, { token: second })).body.code).toBe('SUBJECT.RETENTION');

    // Only the 0-year file: a fresh person, one application.
    const other = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    await h.call('POST', '/admin/registries/skill-certificates', { token: admin, body: [{ certificateNumber, idNumber: other, level: 3, occupation: '电工', issuedOn: daysAgo(40) }] });
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber: other, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: '2026-10' }] });
    const applicantSub = `erase-${randomUUID()}`;
    const email = `sima-${randomUUID().slice(0, 8)}@example.cn`;
    const applicant = await h.token({ sub: applicantSub, roles: ['applicant'], name: '司马懿', idNumber: other, email, phone: '13800001111' });
    const scan = pdf(`职业资格证书 ${randomUUID()}`);
    const uploaded = await uploadFile(h.baseUrl, applicant, scan, '司马懿-职业资格证书.pdf');
    expect(uploaded.status).toBe(201);
    const id = (
      await h.call('POST', '/applications', {
        token: applicant,
        body: {
          program: 'skill-subsidy',
          town: 'wangdian',
          form: { certificateNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40), bankAccount: { bankName: '嘉兴银行', accountNumber } },
          documents: [{ key: 'qualification-certificate', documentId: uploaded.body.documentId }],
        },
      })
    ).body.id as string;
    const stored = path.join(documentsDir, uploaded.body.sha256.slice(0, 2), uploaded.body.sha256);
    expect(fs.existsSync(stored)).toBe(true);
    // Our own tables compare people by the keyed hash of the number, never the number (不重复享受, duplicates).
    await eventually(async () => ((await h.ds.query(`SELECT 1 FROM skill_certificate_claims WHERE application_id = $1`, [id])) as unknown[]).length === 1, 'the certificate claimed');
    const [keyed] = (await h.ds.query(
      `SELECT a.applicant_person AS person, c.person AS claim FROM applications a JOIN skill_certificate_claims c ON c.application_id = a.id WHERE a.id = $1`,
      [id],
    )) as { person: string; claim: string }[];
    expect(keyed.person).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed.claim).toBe(keyed.person);
    expect(await holding(other, ['benefit_claims', 'skill_certificate_claims', 'subject_keys'])).toEqual([]);
    // While it is open: refused, naming it.
    const whileOpen = await h.call('POST', '/admin/subjects/erase', { token: admin, body: { idNumber: other, reason: '到期删除' } });
    const open = await h.call('POST', `/admin/subjects/erase/${whileOpen.body.requestId}/confirm`, { token: second });
    expect(open.status).toBe(409);
    expect(open.body).toMatchObject({ code: 'SUBJECT.NOT_CLOSED', open: [id] });
    await h.call('POST', `/tasks/${(await taskOf(h, reviewer, id, 'review', 'queue=hrss-skill')).taskId}/complete`, { token: reviewer, body: { outcome: 'approve' } });
    await h.call('POST', `/tasks/${(await taskOf(h, finance, id, 'payment-confirmation', 'queue=finance')).taskId}/complete`, { token: finance, body: { outcome: 'approve', paymentReference: 'E-OTHER' } });
    // The figures, without the moment they were computed at.
    const figures = async () => JSON.parse(JSON.stringify((await h.call('GET', '/metrics/assessment', { token: auditor })).body, (k, v: unknown) => (k === 'generatedAt' || k === 'asOf' ? undefined : v))) as unknown;
    const before = await figures();
    // A worker's notifier has put their messages in their inbox and queued e-mails to them (no SMTP here: pending).
    const notifier = new Notifier(h.ds, new EventStore(h.ds), { channels: [] });
    await notifier.tick();
    await notifier.stop();
    expect(((await h.call('GET', '/me/notifications', { token: applicant })).body.items as unknown[]).length).toBeGreaterThan(0);
    expect(await holding(email, ['people', 'notification_deliveries'])).toEqual(['people: 1', expect.stringMatching(/^notification_deliveries: [1-9]/)]);

    const erased = await h.call('POST', `/admin/subjects/erase/${whileOpen.body.requestId}/confirm`, { token: second });
    expect(erased.status).toBe(201);
    expect(erased.body.applications).toEqual([id]);
    expect((await h.call('POST', `/admin/subjects/erase/${whileOpen.body.requestId}/confirm`, { token: second })).body.code).toBe('ERASURE.ALREADY_CONFIRMED');
    // Their contact details, inbox and the addresses messages went to are gone (checked before they call again:
    // a later login records them afresh).
    expect(await holding(email, ['people', 'notification_deliveries'])).toEqual([]);
    expect(await h.ds.query(`SELECT id FROM notifications WHERE recipient = $1`, [`user:${applicantSub}`])).toEqual([]);

    // Every read: [已删除] — the application view, the auditor's opened events and time travel; the bank name stays.
    const view = (await h.call('GET', `/applications/${id}`, { token: applicant })).body;
    expect(view.applicant).toMatchObject({ name: '[已删除]', idNumberMasked: '[已删除]' });
    expect(view.form.bankAccount.accountNumber).not.toContain('5556667');
    expect(view.documents).toEqual([expect.objectContaining({ documentId: uploaded.body.documentId, name: '[已删除]', erased: true })]);
    const events = (await h.call('GET', `/applications/${id}/events`, { token: auditor })).body as Record<string, any>[];
    expect(events[0].data.applicant.idNumber).toMatch(/^sealed:v1:/); // as hashed, unchanged
    expect(events[0].openedData.applicant).toMatchObject({ name: '[已删除]', idNumber: '[已删除]' });
    expect(events[0].openedData.form.bankAccount).toEqual({ bankName: '嘉兴银行', accountNumber: '[已删除]' });
    expect((await h.call('GET', `/audit/applications/${id}/state?version=1`, { token: auditor })).body.state.applicant.name).toBe('[已删除]');
    // The chains verify, every one of them; the assessment is what it was.
    const verified = (await h.call('GET', `/audit/applications/${id}/verify`, { token: auditor })).body;
    expect(verified).toMatchObject({ valid: true, documents: [{ documentId: uploaded.body.documentId, erased: true }] });
    // Beyond the log: the keyed hash gone from the read model and the claims, the document's file and name gone
    // (410 to its reader); no table holds the number or the name any more.
    expect(await h.ds.query(`SELECT applicant_person FROM applications WHERE id = $1`, [id])).toEqual([{ applicant_person: null }]);
    expect(await h.ds.query(`SELECT person FROM skill_certificate_claims WHERE application_id = $1`, [id])).toEqual([{ person: null }]);
    expect(fs.existsSync(stored)).toBe(false);
    expect((await h.call('GET', `/applications/${id}/documents/${uploaded.body.documentId}`, { token: reviewer })).status).toBe(410);
    expect(await holding(other, ['applications', 'tasks', 'benefit_claims', 'skill_certificate_claims', 'people', 'notifications', 'notification_deliveries', 'documents'])).toEqual([]);
    expect(await holding('司马懿', ['applications', 'tasks', 'documents', 'notifications'])).toEqual([]);
    expect((await h.call('GET', '/audit/verify', { token: auditor })).body).toMatchObject({ valid: true, invalidStreams: [] });
    expect(await figures()).toEqual(before);
    // The first person is untouched (other key).
    expect((await h.call('GET', `/applications/${first}/events`, { token: auditor })).body[0].openedData.applicant.name).toBe('诸葛亮');
    // Who, when, why — and no number, not even the one typed into a reason.
    const record = (await h.ds.query(`SELECT type, data::text AS data FROM events WHERE stream_id LIKE 'erasure-%' ORDER BY position`)) as { type: string; data: string }[];
    expect(record.map((r) => r.type)).toEqual(['ErasureRequested', 'ErasureRequested', 'SubjectErased']);
    expect(record[2].data).toContain('"confirmedBy": "erase-admin-2"');
    expect(record[2].data).toContain('"requestedBy": "erase-admin-1"');
    const all = record.map((r) => r.data).join('\n');
    for (const secret of [idNumber, other]) expect(all).not.toContain(secret);
    expect(record[0].data).toContain('[已隐去]');
    expect((await h.call('POST', '/admin/subjects/erase', { token: admin, body: { idNumber: makeIdNumber(), reason: '无此人' } })).status).toBe(404);
    expect((await h.call('POST', '/admin/subjects/erase', { token: admin, body: { idNumber: '110105194912310021', reason: '' } })).status).toBe(400);
    expect((await h.call('POST', '/admin/subjects/erase', { token: reviewer, body: { idNumber: other, reason: 'x' } })).status).toBe(403);
  });

  it('erases a top talent by their own number: their fields only, the sponsor\'s stay', async () => {
    const admin = await h.token({ sub: 'erase-admin-1', roles: ['admin'] });
    const second = await h.token({ sub: 'erase-admin-2', roles: ['admin'] });
    const auditor = await h.token({ sub: 'erase-auditor', roles: ['auditor'] });
    const sponsorOrg = makeUscc();
    await h.call('POST', '/admin/registries/organisations', { token: admin, body: [{ orgCode: sponsorOrg, name: '嘉兴擦除测试有限公司' }] });
    const current = (await h.call('GET', '/policies/top-talent', { token: admin })).body.policy;
    expect((await h.call('POST', '/admin/policies/top-talent', { token: admin, body: { ...current, retention: { years: 0 } } })).status).toBe(201);
    const sponsorNumber = makeIdNumber();
    const sponsor = await h.token({ sub: `sponsor-${randomUUID()}`, roles: ['applicant'], name: '欧阳联络', idNumber: sponsorNumber, orgCode: sponsorOrg });
    // The project plan is the sponsor's; the CV is the talent's own material (about: 'talent').
    const plan = await uploadFile(h.baseUrl, sponsor, pdf(`项目计划书 ${randomUUID()}`), '项目计划书.pdf');
    const cv = await uploadFile(h.baseUrl, sponsor, pdf(`简历 ${randomUUID()}`), '诸葛青云-简历.pdf');
    const talentNumber = makeIdNumber();
    const body = {
      program: 'top-talent',
      town: 'hitech-zone',
      form: {
        talent: { name: '诸葛青云', idNumber: talentNumber, category: 'national', honours: ['国家杰出青年科学基金'] },
        project: { title: '擦除测试平台', industry: 'health', summary: '测试' },
        requestedSupport: { fundingFen: 100_000_000, spaceSqm: 100 },
      },
      documents: [
        { key: 'project-plan', documentId: plan.body.documentId },
        { key: 'talent-cv', documentId: cv.body.documentId },
      ],
    };
    const submitted = await h.call('POST', '/applications', { token: sponsor, body });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    // The talent's fields under a key of their own: not the sponsor's subject.
    const stored = (await h.call('GET', `/applications/${id}/events`, { token: auditor })).body[0];
    const subjectOf = (sealed: string) => sealed.split(':')[2];
    expect(subjectOf(stored.data.form.talent.idNumber)).not.toBe(subjectOf(stored.data.applicant.idNumber));
    expect((await h.call('POST', `/applications/${id}/withdraw`, { token: sponsor, body: { reason: '人才另有安排' } })).status).toBe(200);

    const asked = await h.call('POST', '/admin/subjects/erase', { token: admin, body: { idNumber: talentNumber, reason: '人才本人申请删除' } });
    expect(asked.status).toBe(201);
    const erased = await eventually(async () => {
      const reply = await h.call('POST', `/admin/subjects/erase/${asked.body.requestId}/confirm`, { token: second });
      return reply.status === 201 ? reply : undefined; // the withdrawal closes the file a moment after it answers
    }, 'the erasure');
    expect(erased.body.applications).toEqual([id]);
    const events = (await h.call('GET', `/applications/${id}/events`, { token: auditor })).body as Record<string, any>[];
    expect(events[0].openedData.form.talent).toMatchObject({ name: '[已删除]', idNumber: '[已删除]', category: 'national' });
    expect(events[0].openedData.applicant.name).toBe('欧阳联络');
    expect((await h.call('GET', `/applications/${id}`, { token: sponsor })).body.form.talent.name).toBe('[已删除]');
    expect((await h.call('GET', `/audit/applications/${id}/verify`, { token: auditor })).body.valid).toBe(true);
    expect(await holding(talentNumber, ['applications', 'tasks', 'benefit_claims'])).toEqual([]);
    expect(await holding('诸葛青云', ['applications', 'tasks'])).toEqual([]);
    // The talent's CV went with them; the sponsor's project plan stays.
    const fileOf = (sha256: string) => path.join(documentsDir, sha256.slice(0, 2), sha256);
    expect(fs.existsSync(fileOf(cv.body.sha256))).toBe(false);
    expect((await h.call('GET', `/applications/${id}/documents/${cv.body.documentId}`, { token: sponsor })).status).toBe(410);
    expect(fs.existsSync(fileOf(plan.body.sha256))).toBe(true);
    expect((await h.call('GET', `/applications/${id}/documents/${plan.body.documentId}`, { token: sponsor })).status).toBe(200);
    // The sponsor is still held: an erasure request by their number finds them (and the talent's is gone: 404).
    expect((await h.call('POST', '/admin/subjects/erase', { token: admin, body: { idNumber: sponsorNumber, reason: '核对' } })).status).toBe(201);
    expect((await h.call('POST', '/admin/subjects/erase', { token: admin, body: { idNumber: talentNumber, reason: '核对' } })).status).toBe(404);
  });
});
