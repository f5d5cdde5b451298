import { describe, expect, it } from '@jest/globals';
import { isCalendarDate, isValidIdNumber, isValidUscc } from './checks';
import { emptyForm, fromApiForm, toApiForm, validateForm } from './forms';

const skill = () => ({
  ...emptyForm(),
  town: 'wangdian',
  certificateNumber: 'CERT-0001',
  level: '3',
  occupation: '电工',
  issuedOn: '2026-10-01',
  bankName: '嘉兴银行',
  accountNumber: '6222021204001234567',
});

describe('checks that mirror the API', () => {
  it('knows real dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
  });
  it('checks ID numbers and USCCs by their check characters', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidUscc('914403001922038216')).toBe(true);
    expect(isValidUscc('914403001922038217')).toBe(false);
  });
});

describe('application forms', () => {
  it('maps a skill-subsidy form to the API shape', () => {
    expect(toApiForm('skill-subsidy', skill())).toEqual({
      certificateNumber: 'CERT-0001',
      level: 3,
      occupation: '电工',
      issuedOn: '2026-10-01',
      bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204001234567' },
    });
    expect(validateForm('skill-subsidy', skill())).toEqual({});
  });
  it('names every failing field by its API path', () => {
    const errors = validateForm('skill-subsidy', { ...skill(), town: '', issuedOn: '2026-02-30', accountNumber: '12ab' });
    expect(Object.keys(errors).sort()).toEqual(['form.bankAccount.accountNumber', 'form.issuedOn', 'town']);
  });
  it('asks for the verification reference of an overseas degree and a valid employer code', () => {
    const m = { ...emptyForm(), town: 'jiabei-jd', degree: 'phd', university: 'X', graduatedOn: '2026-06-30', overseas: true, employerOrgCode: 'nope', contractStart: '2026-08-01', contractEnd: '2029-07-31', bankName: 'b', accountNumber: '12345678' };
    expect(Object.keys(validateForm('degree-doubling', m)).sort()).toEqual(['form.degreeVerificationRef', 'form.employerOrgCode']);
  });
  it('turns the requested funding in 元 into fen, and reads it back', () => {
    const m = { ...emptyForm(), talentName: '司马光明', talentCategory: 'national', honours: '国家杰青、省千人', projectTitle: 'P', industry: 'health', projectSummary: 'S', fundingYuan: '8000000.00', spaceSqm: '2000' };
    const form = toApiForm('top-talent', m);
    expect(form).toMatchObject({ talent: { honours: ['国家杰青', '省千人'] }, requestedSupport: { fundingFen: 800_000_000, spaceSqm: 2000 } });
    expect(fromApiForm('top-talent', 'hitech-zone', form as Record<string, unknown>)).toMatchObject({ fundingYuan: '8000000.00', honours: '国家杰青、省千人' });
  });
  it('requires at least one achievement with a four-digit year', () => {
    const m = { ...emptyForm(), town: 'xincheng-jd', series: 'engineering', targetLevel: 'senior', employerOrgCode: '914403001922038216', achievements: [{ kind: 'award', title: '一等奖', year: '25' }] };
    expect(Object.keys(validateForm('title-fast-track', m))).toEqual(['form.achievements.0.year']);
    expect(toApiForm('title-fast-track', { ...m, achievements: [{ kind: 'award', title: '一等奖', year: '2025' }] })).toMatchObject({ achievements: [{ kind: 'award', title: '一等奖', year: 2025 }] });
  });
});
