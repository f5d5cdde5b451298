import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash, randomUUID } from 'node:crypto';
import { canonicalize } from 'json-canonicalize';
import { Client, Connection } from '@temporalio/client';
import { resolveTemporalBinary } from '#infra/project-root';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../support/fixtures';
import { requiredEnv } from '../support/workflow-env';
import { taskOf } from './support/drill';
import { Harness } from './support/harness';

/** Every payload's data in a history (as the SDK's JSON or the CLI's output gives it), decoded from base64 to text. */
function payloadTexts(history: unknown): { encoding: string; text: string }[] {
  const out: { encoding: string; text: string }[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { metadata?: Record<string, unknown>; data?: unknown };
    if (n.metadata && typeof n.metadata === 'object' && 'encoding' in n.metadata) {
      const raw = n.metadata.encoding;
      const encoding = raw instanceof Uint8Array ? Buffer.from(raw).toString() : Buffer.from(String(raw), 'base64').toString();
      const data = n.data instanceof Uint8Array ? Buffer.from(n.data).toString() : typeof n.data === 'string' ? Buffer.from(n.data, 'base64').toString() : '';
      out.push({ encoding, text: data });
      return;
    }
    for (const value of Object.values(node)) walk(value);
  };
  walk(history);
  return out;
}

/**
 * Temporal payloads are encrypted before they leave the process (#18): the dev server's copy of a completed
 * application's history holds no ID number, name or bank account; an auditor reads them through the API's codec
 * endpoint (here with the official CLI's `--codec-endpoint`), nobody else can.
 */
describe('encrypted Temporal payloads and the codec endpoint', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start();
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('the server holds ciphertext only; an auditor decodes through the codec endpoint', async () => {
    const admin = await h.token({ sub: 'codec-admin', roles: ['admin'] });
    const idNumber = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    const accountNumber = '6222021204009876543';
    await h.call('POST', '/admin/registries/skill-certificates', { token: admin, body: [{ certificateNumber, idNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40) }] });
    await h.call('POST', '/admin/registries/social-insurance', { token: admin, body: [{ idNumber, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: '2026-10' }] });
    const applicant = await h.token({ sub: `codec-${randomUUID()}`, roles: ['applicant'], name: '欧阳明', idNumber });
    const reviewer = await h.token({ sub: 'codec-reviewer', roles: ['reviewer'], queues: ['hrss-skill'] });
    const finance = await h.token({ sub: 'codec-finance', roles: ['finance'], queues: ['finance'] });
    const auditor = await h.token({ sub: 'codec-auditor', roles: ['auditor'] });
    const submitted = await h.call('POST', '/applications', {
      token: applicant,
      body: { program: 'skill-subsidy', town: 'wangdian', form: { certificateNumber, level: 3, occupation: '电工', issuedOn: daysAgo(40), bankAccount: { bankName: '嘉兴银行', accountNumber } } },
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    const review = await taskOf(h, reviewer, id, 'review', 'queue=hrss-skill');
    expect((await h.call('POST', `/tasks/${review.taskId}/complete`, { token: reviewer, body: { outcome: 'approve', comment: '符合条件' } })).status).toBe(200);
    const pay = await taskOf(h, finance, id, 'payment-confirmation', 'queue=finance');
    const done = await h.call('POST', `/tasks/${pay.taskId}/complete`, { token: finance, body: { outcome: 'approve', paymentReference: 'CODEC-0001' } });
    expect(done.body.application.status).toBe('completed');
    const secrets = [idNumber, accountNumber, '欧阳明'];

    // The event log: personal fields sealed in the table; the hash (API.md) covers what the auditor is given as
    // `data`; `openedData` beside it and the applicant's own events read in clear.
    const rows = (await h.ds.query(`SELECT data::text AS data FROM events WHERE stream_id = $1`, [`application-${id}`])) as { data: string }[];
    for (const secret of secrets) expect(rows.map((r) => r.data).join('\n')).not.toContain(secret);
    const asAuditor = (await h.call('GET', `/applications/${id}/events`, { token: auditor })).body as Record<string, any>[];
    expect(asAuditor[0].data.applicant.idNumber).toMatch(/^sealed:v1:/);
    expect(asAuditor[0].openedData.applicant).toMatchObject({ name: '欧阳明', idNumber });
    expect(asAuditor[0].openedData.form.bankAccount.accountNumber).toBe(accountNumber);
    const { eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt, prevHash } = asAuditor[0];
    expect(createHash('sha256').update(canonicalize({ eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt, prevHash }), 'utf8').digest('hex')).toBe(asAuditor[0].hash);
    const own = (await h.call('GET', `/applications/${id}/events`, { token: applicant })).body as Record<string, any>[];
    expect(own[0].data.applicant.idNumber).toBe(idNumber);
    expect((await h.call('GET', `/audit/applications/${id}/state?version=1`, { token: auditor })).body.state.applicant.name).toBe('欧阳明');
    expect((await h.call('GET', `/audit/applications/${id}/verify`, { token: auditor })).body.valid).toBe(true);

    // Without the codec (a client with the default converter, as anyone with access to the server would read it).
    const connection = await Connection.connect({ address: requiredEnv('TEMPORAL_TEST_ADDRESS') });
    try {
      const history = await new Client({ connection }).workflow.getHandle(`application-${id}`).fetchHistory();
      const payloads = payloadTexts(history);
      expect(payloads.length).toBeGreaterThan(10);
      // What stays plain is what the SDK's core writes itself and no codec sees: search attributes (codes: status,
      // program, town, patch ids) and the bookkeeping of patch and local-activity markers. Everything else is sealed.
      const plain = payloads.filter((p) => p.encoding !== 'binary/encrypted');
      for (const p of plain) expect(p.text).toMatch(/^\[("[a-z0-9-]+",?)+\]$|^\{"id":"[a-z0-9-]+","deprecated":false\}$|^\{"seq":\d+,"attempt":\d+,"activity_id":"\d+","activity_type":"[A-Za-z]+",/);
      expect(payloads.filter((p) => p.encoding === 'binary/encrypted').length).toBeGreaterThan(plain.length / 2);
      const everything = payloads.map((p) => p.text).join('\n');
      for (const secret of secrets) expect(everything).not.toContain(secret);
    } finally {
      await connection.close();
    }

    // The official CLI with the codec endpoint and an auditor's token reads the history in clear.
    const cli = resolveTemporalBinary('temporal')!;
    // Asynchronously: the CLI calls back into the API this test process serves.
    const show = async (extra: string[]) =>
      (await promisify(execFile)(cli, ['workflow', 'show', '--workflow-id', `application-${id}`, '--address', requiredEnv('TEMPORAL_TEST_ADDRESS'), '--output', 'json', ...extra], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;
    const decoded = payloadTexts(JSON.parse(await show(['--codec-endpoint', `${h.baseUrl}/temporal-codec`, '--codec-auth', `Bearer ${auditor}`])));
    expect(decoded.some((p) => p.encoding === 'binary/encrypted')).toBe(false);
    const clear = decoded.map((p) => p.text).join('\n');
    expect(clear).toContain(idNumber);
    expect(clear).toContain(accountNumber);

    // Nobody else: no token 401, a reviewer 403; a payload it cannot decrypt is a 400 naming it.
    const one = JSON.parse(await show([])) as { events: unknown[] };
    const sample = (one.events[0] as { workflowExecutionStartedEventAttributes: { input: { payloads: unknown[] } } }).workflowExecutionStartedEventAttributes.input.payloads[0];
    expect((await h.call('POST', '/temporal-codec/decode', { body: { payloads: [sample] } })).status).toBe(401);
    expect((await h.call('POST', '/temporal-codec/decode', { token: reviewer, body: { payloads: [sample] } })).status).toBe(403);
    const ok = await h.call('POST', '/temporal-codec/decode', { token: auditor, body: { payloads: [sample] } });
    expect(ok.status).toBe(200);
    expect(Buffer.from(ok.body.payloads[0].data, 'base64').toString()).toContain(idNumber);
    const tampered = { ...(sample as object), data: Buffer.from('not a ciphertext at all, far too short?').toString('base64') };
    const bad = await h.call('POST', '/temporal-codec/decode', { token: auditor, body: { payloads: [sample, tampered] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['payloads.1']);
    expect((await h.call('POST', '/temporal-codec/decode', { token: auditor, body: { payloads: 'x' } })).status).toBe(400);
  });
});
