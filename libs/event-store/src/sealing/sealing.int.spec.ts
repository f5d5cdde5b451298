import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ERASED_TEXT } from '#domain';
import { makeIdNumber } from '#test/support/fixtures';
import { requiredEnv } from '#test/support/workflow-env';
import { createDataSource } from '../data-source';
import { EventStore, NewEvent } from '../event-store';
import { Sealer, checkPiiKeys, newPiiKeys, processPiiKeys } from './sealing';

const metadata = { actor: { id: 'test', role: 'system' as const }, workflowId: 'wf', policyVersion: 1 };
const event = (type: string, data: unknown): NewEvent => ({ eventId: randomUUID(), type, data, metadata });

describe('sealed personal fields in the event store (PostgreSQL)', () => {
  let ds: DataSource;
  let store: EventStore;
  const seen: unknown[] = [];

  beforeAll(async () => {
    ds = await createDataSource({ url: requiredEnv('TEST_DATABASE_URL'), poolSize: 4 }).initialize();
    // An inline projection sees what the read models see.
    store = new EventStore(ds, [{ apply: async (_m, _s, events) => void seen.push(...events.map((e) => e.data)) }]);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  it('stores and hashes personal fields sealed, hands them out in clear, verifies, and reads [已删除] once the key is gone', async () => {
    const idNumber = makeIdNumber();
    const stream = `application-${randomUUID()}`;
    const submitted = { applicant: { sub: 's', name: '欧阳明', idNumber }, form: { level: 3, bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204001112223' } } };
    const first = await store.append(stream, 0, [event('ApplicationSubmitted', submitted), event('TaskCreated', { taskId: 't', kind: 'review' })]);
    const second = await store.append(stream, 2, [event('SupplementProvided', { message: `身份证 ${idNumber} 已更正`, formChanged: false })]);

    // In the table: no name, number or account in clear; the rest as it was.
    const rows = (await ds.query(`SELECT type, data::text AS data FROM events WHERE stream_id = $1 ORDER BY version`, [stream])) as { type: string; data: string }[];
    const stored = rows.map((r) => r.data).join('\n');
    for (const secret of [idNumber, '欧阳明', '6222021204001112223']) expect(stored).not.toContain(secret);
    expect(stored).toContain('"bankName": "嘉兴银行"');
    expect(stored).toContain('sealed:v1:');
    // The caller and the inline projection get clear data; the chain (over the sealed text) verifies.
    expect(first.events[0].data).toEqual(submitted);
    expect(seen).toContainEqual(submitted);
    expect(await store.verifyStream(stream)).toMatchObject({ valid: true, eventCount: 3 });
    const opened = await store.open(await store.readStream(stream));
    expect(opened.map((e) => e.data)).toEqual([submitted, { taskId: 't', kind: 'review' }, second.events[0].data]);
    // A retried append (same ids) answers what was stored, in clear too.
    const retried = await store.append(stream, 0, [{ ...event('ApplicationSubmitted', submitted), eventId: first.events[0].eventId }, { ...event('TaskCreated', {}), eventId: first.events[1].eventId }]);
    expect(retried.duplicate).toBe(true);
    expect(retried.events[0].data).toEqual(submitted);

    // The same person's next application: the same subject, the same key.
    const other = `application-${randomUUID()}`;
    await store.append(other, 0, [event('ApplicationSubmitted', { ...submitted, form: {} })]);
    const subjects = (await ds.query(`SELECT stream_id, subject_id FROM streams WHERE stream_id = ANY($1)`, [[stream, other]])) as { subject_id: string }[];
    expect(new Set(subjects.map((s) => s.subject_id)).size).toBe(1);

    // Erased (the wrapped key destroyed): every read shows [已删除]; the chain still verifies; nothing personal can be added.
    await ds.query(`UPDATE subject_keys SET wrapped_key = NULL, person_hmac = NULL, erased_at = now() WHERE subject_id = $1`, [subjects[0].subject_id]);
    const after = await store.open(await store.readStream(stream));
    expect((after[0].data as typeof submitted).applicant).toEqual({ sub: 's', name: ERASED_TEXT, idNumber: ERASED_TEXT });
    expect((after[0].data as typeof submitted).form.bankAccount).toEqual({ bankName: '嘉兴银行', accountNumber: ERASED_TEXT });
    expect(await store.verifyStream(stream)).toMatchObject({ valid: true });
    await expect(store.append(stream, 3, [event('ObjectionFiled', { text: '异议' })])).rejects.toMatchObject({ code: 'SUBJECT.ERASED' });
    expect((await store.append(stream, 3, [event('TaskCreated', { taskId: 'u' })])).events).toHaveLength(1); // nothing personal: fine
    // The same person applying again afterwards: a new subject, a new key; nothing links it to the erased one.
    const again = `application-${randomUUID()}`;
    expect((await store.append(again, 0, [event('ApplicationSubmitted', submitted)])).events[0].data).toEqual(submitted);
    const [fresh] = (await ds.query(`SELECT subject_id FROM streams WHERE stream_id = $1`, [again])) as { subject_id: string }[];
    expect(fresh.subject_id).not.toBe(subjects[0].subject_id);
    expect((await store.open(await store.readStream(again)))[0].data).toEqual(submitted);
  });

  it('lists streams begun before sealing and reseals one into a sealed copy that names its originals', async () => {
    const idNumber = makeIdNumber();
    const stream = `application-${randomUUID()}`;
    const submitted = { applicant: { sub: 's', name: '上官婉', idNumber }, form: { level: 2 } };
    // Written as before sealing (a store without a sealer), then listed.
    const before = new EventStore(ds, [], undefined, undefined, null);
    const original = (await before.append(stream, 0, [event('ApplicationSubmitted', submitted), event('ObjectionFiled', { text: `我是 ${idNumber}` }), event('TaskCreated', { taskId: 't' })])).events;
    const listed = async () => (await store.unsealedApplicationStreams()).find((s) => s.streamId === stream);
    expect(await listed()).toMatchObject({ version: 3, resealedAs: null });

    const copy = await store.reseal(stream);
    expect(copy).toEqual({ streamId: `resealed-${stream}`, events: 3 });
    expect(await listed()).toMatchObject({ resealedAs: `resealed-${stream}` });
    const stored = ((await ds.query(`SELECT data::text AS data FROM events WHERE stream_id = $1`, [copy.streamId])) as { data: string }[]).map((r) => r.data).join('\n');
    for (const secret of [idNumber, '上官婉']) expect(stored).not.toContain(secret);
    expect(await store.verifyStream(copy.streamId)).toMatchObject({ valid: true, eventCount: 3 });
    const resealed = await store.open(await store.readStream(copy.streamId));
    expect(resealed.map((e) => [e.type, e.data, e.recordedAt])).toEqual(original.map((e) => [e.type, e.data, e.recordedAt]));
    expect(resealed.map((e) => e.metadata.resealedFrom)).toEqual(original.map((e) => ({ eventId: e.eventId, version: e.version, hash: e.hash })));
    // The original is left as it was; a second copy, or a copy of a sealed stream, is refused.
    expect(await store.verifyStream(stream)).toMatchObject({ valid: true, eventCount: 3 });
    await expect(store.reseal(stream)).rejects.toThrow();
    await expect(store.reseal(copy.streamId)).rejects.toThrow(/in clear/);
  });

  it("keeps a top talent under their own subject, also for a later file about them that does not repeat their number", async () => {
    const [sponsor, talent] = [makeIdNumber(), makeIdNumber()];
    const stream = `application-${randomUUID()}`;
    const cv = (name: string) => ({ key: 'talent-cv', documentId: randomUUID(), sha256: 'd'.repeat(64), bytes: 1, type: 'pdf', name, about: 'talent' });
    await store.append(stream, 0, [event('ApplicationSubmitted', { applicant: { sub: 's', name: '赞助人', idNumber: sponsor }, form: { talent: { name: '人才甲', idNumber: talent } }, documents: [cv('简历.pdf')] })]);
    await store.append(stream, 1, [event('SupplementProvided', { message: '补充', formChanged: false, documents: [cv('新简历.pdf')] })]);
    const [head] = (await ds.query(`SELECT subject_id FROM streams WHERE stream_id = $1`, [stream])) as { subject_id: string }[];
    const named = ((await ds.query(`SELECT subject_id FROM stream_subjects WHERE stream_id = $1`, [stream])) as { subject_id: string }[]).map((r) => r.subject_id);
    expect(named).toHaveLength(1);
    expect(named[0]).not.toBe(head.subject_id);
    const stored = await store.readStream(stream);
    const subjectOf = (sealed: unknown) => String(sealed).split(':')[2];
    const [submitted, supplement] = stored.map((e) => e.data as { applicant?: { name: string }; form?: { talent: { name: string } }; documents: { name: string }[] });
    expect([subjectOf(submitted.form!.talent.name), subjectOf(submitted.documents[0].name), subjectOf(supplement.documents[0].name)]).toEqual([named[0], named[0], named[0]]);
    expect(subjectOf(submitted.applicant!.name)).toBe(head.subject_id);
  });

  it('refuses PII keys other than those the database was written with', async () => {
    await expect(checkPiiKeys(ds)).resolves.toBeUndefined();
    const fresh = JSON.parse(newPiiKeys()) as { master: { id: string; key: string }[]; hmac: string };
    const parsed = { master: fresh.master.map((m) => ({ id: m.id, key: Buffer.from(m.key, 'base64') })), hmac: Buffer.from(fresh.hmac, 'base64') };
    // Made afresh (a new key file): the stored data keys do not open.
    await store.append(`application-${randomUUID()}`, 0, [event('ApplicationSubmitted', { applicant: { sub: 's', name: '甲', idNumber: makeIdNumber() }, form: {} })]);
    await expect(checkPiiKeys(ds, parsed)).rejects.toThrow(/do not open the data keys/);
    // The right master keys with another HMAC key: the fingerprint differs.
    await expect(checkPiiKeys(ds, { master: processPiiKeys().master, hmac: parsed.hmac })).rejects.toThrow(/not the ones this database was written with/);
  });

  it('re-wraps data keys under a new master key without touching events', async () => {
    const keys = JSON.parse(process.env.PII_KEYS!) as { master: { id: string; key: string }[]; hmac: string };
    const fresh = JSON.parse(newPiiKeys()) as typeof keys;
    const rotated = { master: [fresh.master[0], ...keys.master], hmac: keys.hmac };
    const sealer = new Sealer({ master: rotated.master.map((m) => ({ id: m.id, key: Buffer.from(m.key, 'base64') })), hmac: Buffer.from(rotated.hmac, 'base64') });
    const stream = `application-${randomUUID()}`;
    const submitted = { applicant: { sub: 's', name: '周八', idNumber: makeIdNumber() } };
    await store.append(stream, 0, [event('ApplicationSubmitted', submitted)]);
    const before = (await ds.query(`SELECT data::text AS data, hash FROM events WHERE stream_id = $1`, [stream])) as { data: string; hash: string }[];
    const [{ subject_id }] = (await ds.query(`SELECT subject_id FROM streams WHERE stream_id = $1`, [stream])) as { subject_id: string }[];
    // Only this subject's key: other suites share the database and keep the test master key.
    expect(await ds.transaction((m) => sealer.rewrap(m, [subject_id]))).toBe(1);
    const [{ master_key_id }] = (await ds.query(`SELECT master_key_id FROM subject_keys WHERE subject_id = $1`, [subject_id])) as { master_key_id: string }[];
    expect(master_key_id).toBe(fresh.master[0].id);
    expect(await ds.query(`SELECT data::text AS data, hash FROM events WHERE stream_id = $1`, [stream])).toEqual(before);
    const rotatedStore = new EventStore(ds, [], undefined, undefined, sealer);
    expect((await rotatedStore.open(await rotatedStore.readStream(stream)))[0].data).toEqual(submitted);
  });
});
