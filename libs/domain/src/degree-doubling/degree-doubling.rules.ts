import { ageOn } from '../shared/identity';
import type { InsuranceRecord, RuleOutcome } from '../skill-subsidy/skill-subsidy.rules';
import type { DegreeDoublingForm } from './degree-doubling.form';
import { DegreeDoublingPolicy } from './degree-doubling.policy';


function addYears(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
}

function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Eligibility from the form and the applicant's ID number, on the submission date (China time). */
export function checkEligibility(form: DegreeDoublingForm, idNumber: string, submittedOn: string, policy: DegreeDoublingPolicy): RuleOutcome {
  const age = ageOn(idNumber, submittedOn);
  const maxAge = policy.eligibility.maxAge[form.degree];
  const details = {
    degree: form.degree,
    age,
    maxAge,
    graduatedOn: form.graduatedOn,
    contractStart: form.contractStart,
    contractEnd: form.contractEnd,
    fullTime: form.fullTime ?? 'not declared',
  };
  // 硕博倍增 counts full-time (全日制) master's and doctoral graduates (the plan's 全日制硕士、博士研究生).
  if (form.fullTime === false) return { passed: false, reason: 'NOT_FULL_TIME', details: { ...details, rule: '仅限全日制硕士、博士研究生' } };
  if (age === null || age > maxAge) return { passed: false, reason: 'AGE_LIMIT_EXCEEDED', details };
  if (form.graduatedOn > submittedOn) return { passed: false, reason: 'NOT_YET_GRADUATED', details };
  if (addYears(form.graduatedOn, policy.eligibility.degreeMaxAgeYears) < submittedOn) return { passed: false, reason: 'DEGREE_TOO_OLD', details };
  // A 3-year contract from 2026-07-01 runs to 2029-06-30 inclusive.
  if (dayBefore(addYears(form.contractStart, policy.eligibility.minContractYears)) > form.contractEnd) return { passed: false, reason: 'CONTRACT_TOO_SHORT', details };
  if (form.overseas && !form.degreeVerificationRef) return { passed: false, reason: 'DEGREE_VERIFICATION_MISSING', details };
  return { passed: true, details };
}

/** The social-insurance registry shows the employer paying for the person in one of the district's towns. */
export function checkEmployment(records: readonly InsuranceRecord[], employerOrgCode: string, policy: DegreeDoublingPolicy): RuleOutcome {
  const towns = new Set(policy.towns.map((t) => t.code));
  const record = records.find((r) => r.orgCode === employerOrgCode && towns.has(r.town));
  const details = { employerOrgCode, employers: records.map((r) => ({ orgCode: r.orgCode, town: r.town, lastPaidMonth: r.lastPaidMonth })) };
  return record ? { passed: true, details } : { passed: false, reason: 'NOT_EMPLOYED_IN_DISTRICT', details };
}

function monthIndex(yyyyMm: string): number {
  return Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;
}

/**
 * The yearly re-verification: still insured by an employer in the district, with contributions paid up to at
 * most two months before the check (the registry lags a month behind).
 */
export function checkStillInDistrict(records: readonly InsuranceRecord[], checkedOn: string, policy: DegreeDoublingPolicy): RuleOutcome {
  const towns = new Set(policy.towns.map((t) => t.code));
  const inDistrict = records.filter((r) => towns.has(r.town));
  const latest = inDistrict.map((r) => r.lastPaidMonth).sort().pop();
  const details = { checkedOn, lastPaidMonthInDistrict: latest ?? null };
  if (!latest || monthIndex(latest) < monthIndex(checkedOn.slice(0, 7)) - 2) return { passed: false, reason: 'LEFT_DISTRICT', details };
  return { passed: true, details };
}

/** The last month paid in the district, from the records (null when none). */
export function lastMonthInDistrict(records: readonly InsuranceRecord[], policy: DegreeDoublingPolicy): string | null {
  const towns = new Set(policy.towns.map((t) => t.code));
  return records.filter((r) => towns.has(r.town)).map((r) => r.lastPaidMonth).sort().pop() ?? null;
}

/**
 * Pro-rata clawback of the settling subsidy for leaving within the instalment years: the share of months not
 * served. `approvedOn` is YYYY-MM-DD, `lastMonth` YYYY-MM (the last month paid in the district).
 */
export function clawbackFen(settlingFen: number, approvedOn: string, lastMonth: string | null, policy: DegreeDoublingPolicy): { amountFen: number; monthsServed: number; monthsRequired: number } {
  const monthsRequired = policy.instalments * 12;
  const served = lastMonth === null ? 0 : monthIndex(lastMonth) - monthIndex(approvedOn.slice(0, 7)) + 1;
  const monthsServed = Math.min(monthsRequired, Math.max(0, served));
  return { amountFen: Math.round((settlingFen * (monthsRequired - monthsServed)) / monthsRequired), monthsServed, monthsRequired };
}
