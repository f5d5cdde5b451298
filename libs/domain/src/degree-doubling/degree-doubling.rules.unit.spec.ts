import { degreeDoublingForm, makeIdNumber, makeUscc } from '#test/support/fixtures';
import { DEGREE_DOUBLING_POLICY_V1 as policy } from './degree-doubling.policy';
import type { DegreeDoublingForm } from './degree-doubling.form';
import { checkEligibility, checkEmployment, checkStillInDistrict, clawbackFen } from './degree-doubling.rules';

const employer = makeUscc();
const form = (over: Partial<DegreeDoublingForm> = {}): DegreeDoublingForm => degreeDoublingForm(employer, over);

describe('degree-doubling eligibility', () => {
  it('turns away a part-time (非全日制) degree, citing the rule; a form that does not say is left to the reviewer', () => {
    const young = makeIdNumber('1998-01-01');
    expect(checkEligibility(form({ fullTime: false }), young, '2026-11-27', policy)).toMatchObject({
      passed: false,
      reason: 'NOT_FULL_TIME',
      details: { fullTime: false, rule: '仅限全日制硕士、博士研究生' },
    });
    expect(checkEligibility(form({ fullTime: true }), young, '2026-11-27', policy)).toMatchObject({ passed: true, details: { fullTime: true } });
    expect(checkEligibility(form(), young, '2026-11-27', policy)).toMatchObject({ passed: true, details: { fullTime: 'not declared' } });
  });

  it('takes a master of 35 and turns away one of 36; a PhD of 40 passes', () => {
    expect(checkEligibility(form(), makeIdNumber('1991-01-01'), '2026-11-27', policy).passed).toBe(true);
    expect(checkEligibility(form(), makeIdNumber('1990-11-26'), '2026-11-27', policy)).toMatchObject({ passed: false, reason: 'AGE_LIMIT_EXCEEDED' });
    expect(checkEligibility(form({ degree: 'phd' }), makeIdNumber('1986-11-28'), '2026-11-27', policy).passed).toBe(true);
  });

  it('refuses a degree older than 5 years, a contract shorter than 3 years, an overseas degree without verification', () => {
    const id = makeIdNumber('1995-01-01');
    expect(checkEligibility(form({ graduatedOn: '2021-11-26' }), id, '2026-11-27', policy).reason).toBe('DEGREE_TOO_OLD');
    expect(checkEligibility(form({ contractEnd: '2029-06-29' }), id, '2026-11-27', policy).reason).toBe('CONTRACT_TOO_SHORT');
    expect(checkEligibility(form({ overseas: true }), id, '2026-11-27', policy).reason).toBe('DEGREE_VERIFICATION_MISSING');
    expect(checkEligibility(form({ overseas: true, degreeVerificationRef: 'CSCSE-1' }), id, '2026-11-27', policy).passed).toBe(true);
  });
});

describe('employment and re-verification', () => {
  const record = (over: object = {}) => ({ idNumber: 'x', orgCode: employer, town: 'wangdian', months: 3, lastPaidMonth: '2026-10', ...over });
  it('needs the employer insuring the person in a district town', () => {
    expect(checkEmployment([record()], employer, policy).passed).toBe(true);
    expect(checkEmployment([record({ town: 'hangzhou-xihu' })], employer, policy).reason).toBe('NOT_EMPLOYED_IN_DISTRICT');
    expect(checkEmployment([record({ orgCode: makeUscc() })], employer, policy).passed).toBe(false);
  });

  it('counts a person as still in the district with contributions up to two months back', () => {
    expect(checkStillInDistrict([record({ lastPaidMonth: '2027-09' })], '2027-11-27', policy).passed).toBe(true);
    expect(checkStillInDistrict([record({ lastPaidMonth: '2027-08' })], '2027-11-27', policy).reason).toBe('LEFT_DISTRICT');
    expect(checkStillInDistrict([record({ town: 'elsewhere', lastPaidMonth: '2027-11' })], '2027-11-27', policy).passed).toBe(false);
  });

  it('claws back the settling subsidy pro rata to the months not served', () => {
    expect(clawbackFen(3_000_000, '2026-12-01', '2027-11', policy)).toEqual({ amountFen: 2_000_000, monthsServed: 12, monthsRequired: 36 });
    expect(clawbackFen(3_000_000, '2026-12-01', null, policy).amountFen).toBe(3_000_000);
    expect(clawbackFen(3_000_000, '2026-12-01', '2030-01', policy).amountFen).toBe(0);
  });
});
