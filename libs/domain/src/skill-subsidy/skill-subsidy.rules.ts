import { SkillSubsidyPolicy } from './skill-subsidy.policy';

/** What the certificate registry (人社 skill-certificate system) answered, or null when it has no such certificate. */
export interface CertificateRecord {
  certificateNumber: string;
  idNumber: string;
  level: number;
  occupation: string;
  issuedOn: string;
}

/** What the social-insurance registry answered for the person: one row per employer. */
export interface InsuranceRecord {
  idNumber: string;
  orgCode: string;
  town: string;
  months: number;
  lastPaidMonth: string;
}

/** An earlier skill subsidy of the same person that was approved (whatever its payment state). */
/** Another skill-subsidy application of the same person that has not been refused, withdrawn or lapsed. */
export interface PriorAward {
  applicationId: string;
  certificateNumber: string;
  level: number;
  /** The year it was approved (China time); null while it is still being decided. */
  approvedYear: number | null;
}

export interface SkillCheckInput {
  idNumber: string;
  certificateNumber: string;
  level: number;
  /** The issue date the applicant typed; compared with the registry's when given. */
  issuedOn?: string;
  submittedOn: string; // YYYY-MM-DD, China time
}

export interface RuleOutcome {
  passed: boolean;
  reason?: string;
  details: Record<string, unknown>;
}

function monthsBetween(fromDay: string, toDay: string): number {
  const [fy, fm, fd] = fromDay.split('-').map(Number);
  const [ty, tm, td] = toDay.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

export function checkCertificate(input: SkillCheckInput, record: CertificateRecord | null, policy: SkillSubsidyPolicy): RuleOutcome {
  if (!record) return { passed: false, reason: 'CERTIFICATE_NOT_FOUND', details: { certificateNumber: input.certificateNumber } };
  if (record.idNumber !== input.idNumber) return { passed: false, reason: 'CERTIFICATE_HOLDER_MISMATCH', details: {} };
  if (record.level !== input.level) {
    return { passed: false, reason: 'LEVEL_MISMATCH', details: { claimed: input.level, registered: record.level } };
  }
  if (input.issuedOn !== undefined && record.issuedOn !== input.issuedOn) {
    return { passed: false, reason: 'ISSUE_DATE_MISMATCH', details: { claimed: input.issuedOn, registered: record.issuedOn } };
  }
  if (record.issuedOn > input.submittedOn) return { passed: false, reason: 'CERTIFICATE_ISSUED_IN_FUTURE', details: { issuedOn: record.issuedOn } };
  const age = monthsBetween(record.issuedOn, input.submittedOn);
  if (age >= policy.eligibility.certificateMaxAgeMonths) {
    return { passed: false, reason: 'CERTIFICATE_TOO_OLD', details: { issuedOn: record.issuedOn, ageMonths: age } };
  }
  return { passed: true, details: { issuedOn: record.issuedOn, ageMonths: age, level: record.level } };
}

export function checkInsurance(records: InsuranceRecord[], policy: SkillSubsidyPolicy): RuleOutcome {
  const months = records.reduce((sum, r) => sum + r.months, 0);
  const needed = policy.eligibility.minInsuranceMonths;
  if (months < needed) return { passed: false, reason: 'INSUFFICIENT_INSURANCE_MONTHS', details: { months, needed } };
  return { passed: true, details: { months, needed } };
}

export function checkPriorAwards(input: SkillCheckInput, prior: PriorAward[], policy: SkillSubsidyPolicy): RuleOutcome {
  const sameLevel = prior.filter((p) => p.level === input.level);
  if (sameLevel.some((p) => p.approvedYear !== null)) {
    return { passed: false, reason: 'ALREADY_PAID_FOR_LEVEL', details: { applications: sameLevel.map((p) => p.applicationId) } };
  }
  // A second application for a certificate whose first is still being decided would be paid twice if both passed.
  const sameCertificate = prior.filter((p) => p.certificateNumber === input.certificateNumber);
  if (sameCertificate.length > 0) {
    return { passed: false, reason: 'CERTIFICATE_CLAIM_IN_PROGRESS', details: { applications: sameCertificate.map((p) => p.applicationId) } };
  }
  const year = Number(input.submittedOn.slice(0, 4));
  const thisYear = prior.filter((p) => p.approvedYear === year).length;
  if (thisYear >= policy.eligibility.maxPerCalendarYear) {
    return { passed: false, reason: 'ANNUAL_LIMIT_REACHED', details: { year, count: thisYear, limit: policy.eligibility.maxPerCalendarYear } };
  }
  return { passed: true, details: { priorAwards: prior.length, thisYear } };
}

export function subsidyAmountFen(level: number, policy: SkillSubsidyPolicy): number {
  const amount = policy.amountsFenByLevel[String(level) as keyof SkillSubsidyPolicy['amountsFenByLevel']];
  if (!Number.isInteger(amount)) throw new Error(`policy has no amount for level ${level}`);
  return amount;
}
