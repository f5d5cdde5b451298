import { idNumberCheckChar } from '#domain';
import { isolatedDatabase } from '../support/database';
import { daysAgo, makeUscc } from '../support/fixtures';
import { Harness } from './support/harness';
import { Parties, applicationInReview, parties } from './support/parties';

/** A number whose check character is right but whose birth date does not exist. */
function idWithBirth(birth: string): string {
  const first17 = `330411${birth}123`;
  return `${first17}${idNumberCheckChar(first17)}`;
}

/**
 * Input that looks valid but is impossible, and text with control characters: 400 naming the field, never a 500,
 * and nothing stored. (The random fuzz is hostile-input.e2e-spec.ts; these are the cases it found too rarely.)
 */
describe('near-valid input', () => {
  let h: Harness;
  let p: Parties;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let appId: string;
  let reviewTaskId: string;

  beforeAll(async () => {
    db = await isolatedDatabase('nearvalid');
    h = await Harness.start({ DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '100000' });
    p = await parties(h);
    ({ id: appId, taskId: reviewTaskId } = await applicationInReview(h, p));
  });
  afterAll(async () => {
    await h?.stop();
    await db?.drop();
  });

  const skillBody = (issuedOn: string) => ({
    program: 'skill-subsidy',
    town: 'wangdian',
    form: { certificateNumber: 'CERT-NEARVALID', level: 3, occupation: '电工', issuedOn, bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204001234567' } },
  });

  it.each(['2026-02-30', '2026-13-45', '0000-00-00', '2025-02-29', '2026-00-10', '２０２６-０１-０５'])('refuses the date %s with a field error', async (issuedOn) => {
    const events = await h.eventCount();
    const reply = await h.call('POST', '/applications', { token: p.owner.token, body: skillBody(issuedOn) });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(reply.body.errors).toEqual([expect.objectContaining({ path: 'form.issuedOn' })]);
    expect(await h.eventCount()).toBe(events);
  });

  it('refuses impossible months and birth dates, and look-alike digits, in registry rows and tokens', async () => {
    const row = { idNumber: p.owner.idNumber, orgCode: makeUscc(), town: 'wangdian', months: 12, lastPaidMonth: '2026-13' };
    const months = await h.call('POST', '/admin/registries/social-insurance', { token: p.admin.token, body: [row, { ...row, lastPaidMonth: '0000-00' }] });
    expect(months.status).toBe(400);
    expect(months.body.errors.map((e: { path: string }) => e.path)).toEqual(['0.lastPaidMonth', '1.lastPaidMonth']);

    for (const idNumber of [idWithBirth('20250229'), idWithBirth('19901345'), '１１０１０５１９４９１２３１００２X']) {
      const token = await h.call('POST', '/auth/dev-token', { body: { sub: 'someone', roles: ['applicant'], idNumber } });
      expect(token.status).toBe(400);
      expect(token.body.errors).toEqual([expect.objectContaining({ path: 'idNumber' })]);
    }
    const certificates = await h.call('POST', '/admin/registries/skill-certificates', {
      token: p.admin.token,
      body: [{ certificateNumber: 'CERT-X1', idNumber: idWithBirth('20260230'), level: 3, occupation: '电工', issuedOn: daysAgo(3) }],
    });
    expect(certificates.status).toBe(400);
    expect(certificates.body.errors).toEqual([expect.objectContaining({ path: '0.idNumber' })]);
  });

  it('refuses NUL and other control characters in query parameters and bodies before they reach SQL', async () => {
    const events = await h.eventCount();
    const auditor = p.auditor.token;
    for (const path of [`/audit/access-log?applicationId=%00`, `/audit/applications/${appId}/export?format=%00`, `/audit/applications/${appId}/state?at=2026%00`]) {
      const reply = await h.call('GET', path, { token: auditor });
      expect(reply.status).toBe(400);
      expect(reply.body.errors[0].message).toMatch(/control characters/);
    }
    const supplement = await h.call('POST', '/applications', { token: p.owner.token, body: { ...skillBody('2026-01-05'), form: { ...skillBody('2026-01-05').form, occupation: '电\u0000工' } } });
    expect(supplement.status).toBe(400);
    expect(supplement.body.errors).toEqual([expect.objectContaining({ path: 'form.occupation' })]);
    expect(await h.eventCount()).toBe(events);
  });

  it('refuses a checkpoint verification without a checkpoint', async () => {
    for (const body of [{}, { checkpoint: null }]) {
      const reply = await h.call('POST', '/audit/checkpoints/verify', { token: p.auditor.token, body });
      expect(reply.status).toBe(400);
      expect(reply.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'checkpoint' })]));
    }
  });

  it('refuses completion fields the task does not take, listing each, and stores nothing', async () => {
    const events = await h.eventCount();
    const reply = await h.call('POST', `/tasks/${reviewTaskId}/complete`, {
      token: p.reviewer.token,
      body: { outcome: 'approve', evidence: { summary: '里程碑材料' }, paymentReference: 'BANK-1' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toEqual(['evidence', 'paymentReference']);
    expect(reply.body.errors[0].message).toMatch(/takes no fields/);
    expect(await h.eventCount()).toBe(events);
  });
});
