import { SKILL_SUBSIDY_POLICY_V1 as policy } from './skill-subsidy.policy';
import { checkCertificate, checkInsurance, checkPriorAwards, subsidyAmountFen } from './skill-subsidy.rules';

const input = { idNumber: '11010519491231002X', certificateNumber: 'C1', level: 3, submittedOn: '2026-11-27' };
const certificate = { certificateNumber: 'C1', idNumber: input.idNumber, level: 3, occupation: '电工', issuedOn: '2026-06-01' };

describe('skill subsidy rules', () => {
  it('passes a matching certificate issued within 12 months', () => {
    expect(checkCertificate(input, certificate, policy)).toMatchObject({ passed: true, details: { ageMonths: 5 } });
  });

  it('fails a missing, foreign, mismatched, old or future certificate with a stable reason', () => {
    expect(checkCertificate(input, null, policy).reason).toBe('CERTIFICATE_NOT_FOUND');
    expect(checkCertificate(input, { ...certificate, idNumber: 'other' }, policy).reason).toBe('CERTIFICATE_HOLDER_MISMATCH');
    expect(checkCertificate(input, { ...certificate, level: 2 }, policy).reason).toBe('LEVEL_MISMATCH');
    expect(checkCertificate(input, { ...certificate, issuedOn: '2025-11-27' }, policy).reason).toBe('CERTIFICATE_TOO_OLD');
    expect(checkCertificate(input, { ...certificate, issuedOn: '2025-11-28' }, policy).passed).toBe(true);
    expect(checkCertificate(input, { ...certificate, issuedOn: '2026-11-28' }, policy).reason).toBe('CERTIFICATE_ISSUED_IN_FUTURE');
  });

  it('fails when the issue date typed is not the registry\'s', () => {
    expect(checkCertificate({ ...input, issuedOn: '2026-06-01' }, certificate, policy).passed).toBe(true);
    expect(checkCertificate({ ...input, issuedOn: '2027-03-01' }, certificate, policy)).toMatchObject({
      passed: false,
      reason: 'ISSUE_DATE_MISMATCH',
      details: { claimed: '2027-03-01', registered: '2026-06-01' },
    });
  });

  it('adds insurance months across employers against the policy minimum', () => {
    const row = { idNumber: input.idNumber, orgCode: 'x', town: 'wangdian', lastPaidMonth: '2026-10' };
    expect(checkInsurance([{ ...row, months: 7 }, { ...row, months: 5 }], policy).passed).toBe(true);
    expect(checkInsurance([{ ...row, months: 11 }], policy)).toMatchObject({ passed: false, reason: 'INSUFFICIENT_INSURANCE_MONTHS' });
    expect(checkInsurance([], policy).passed).toBe(false);
  });

  it('counts only insurance months paid in the district (rows without a region code are the district\'s)', () => {
    const row = { idNumber: input.idNumber, orgCode: 'x', town: 'wangdian', lastPaidMonth: '2026-10' };
    expect(checkInsurance([{ ...row, months: 12, regionCode: '330411' }], policy).passed).toBe(true);
    expect(checkInsurance([{ ...row, months: 6, regionCode: '330411' }, { ...row, months: 20, regionCode: '310101' }], policy)).toMatchObject({
      passed: false,
      reason: 'INSUFFICIENT_INSURANCE_MONTHS',
      details: { months: 6, monthsElsewhere: 20 },
    });
    expect(checkInsurance([{ ...row, months: 6, regionCode: null }, { ...row, months: 6 }], policy).passed).toBe(true);
  });

  it('pays once per occupation and level, never a lower level of an occupation paid higher', () => {
    const electrician = { ...input, occupation: '电工' };
    const paid = (level: number, occupation: string) => [{ applicationId: 'a', certificateNumber: 'C0', level, occupation, approvedYear: 2024 }];
    expect(checkPriorAwards(electrician, paid(3, '电工'), policy).reason).toBe('ALREADY_PAID_FOR_LEVEL');
    expect(checkPriorAwards(electrician, paid(3, '焊工'), policy).passed).toBe(true);
    expect(checkPriorAwards(electrician, paid(2, '电工'), policy)).toMatchObject({ passed: false, reason: 'LOWER_LEVEL_THAN_PAID', details: { paidLevels: [2] } });
    expect(checkPriorAwards(electrician, paid(4, '电工'), policy).passed).toBe(true); // moving up a level is paid
  });

  it('pays at most 3 subsidies in a calendar year', () => {
    const three = [5, 4, 2].map((level, i) => ({ applicationId: `a${i}`, certificateNumber: `C${i + 5}`, level, approvedYear: 2026 }));
    expect(checkPriorAwards(input, three, policy).reason).toBe('ANNUAL_LIMIT_REACHED');
    expect(checkPriorAwards(input, three.map((p) => ({ ...p, approvedYear: 2025 })), policy).passed).toBe(true);
  });

  it('refuses a second application for a certificate while another holds its claim', () => {
    expect(checkPriorAwards(input, [], policy, ['pending'])).toMatchObject({ passed: false, reason: 'CERTIFICATE_CLAIM_IN_PROGRESS', details: { applications: ['pending'] } });
    expect(checkPriorAwards(input, [{ applicationId: 'pending', certificateNumber: 'C2', level: 3, approvedYear: null }], policy, []).passed).toBe(true);
  });

  it('takes amounts from the policy', () => {
    expect([1, 2, 3, 4, 5].map((level) => subsidyAmountFen(level, policy))).toEqual([400000, 300000, 200000, 150000, 100000]);
  });
});
