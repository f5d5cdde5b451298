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
  /** Where the months were paid (6-digit administrative code); rows without it mean the district. */
  regionCode?: string | null;
}

/** 秀洲区: only social insurance paid here counts for the district's subsidies. */
export const DISTRICT_REGION_CODE = '330411';

/** Another skill-subsidy application of the same person that has not been refused, withdrawn or lapsed. */
export interface PriorAward {
  applicationId: string;
  certificateNumber: string;
  level: number;
  /** The occupation (工种) as applied for; absent in rows of before. */
  occupation?: string | null;
  /** The year it was approved (China time); null while it is still being decided. */
  approvedYear: number | null;
}

export interface SkillCheckInput {
  idNumber: string;
  certificateNumber: string;
  level: number;
  /** The issue date the applicant typed; compared with the registry's when given. */
  issuedOn?: string;
  /** The certificate's occupation (工种), as the registry has it. */
  occupation?: string;
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
  const inDistrict = (r: InsuranceRecord) => !r.regionCode || r.regionCode === DISTRICT_REGION_CODE;
  const months = records.filter(inDistrict).reduce((sum, r) => sum + r.months, 0);
  const elsewhere = records.filter((r) => !inDistrict(r)).reduce((sum, r) => sum + r.months, 0);
  const needed = policy.eligibility.minInsuranceMonths;
  if (months < needed) return { passed: false, reason: 'INSUFFICIENT_INSURANCE_MONTHS', details: { months, needed, monthsElsewhere: elsewhere } };
  return { passed: true, details: { months, needed, monthsElsewhere: elsewhere } };
}

const sameOccupation = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim() === b.trim();

/**
 * 不重复享受 within the program: once per occupation and level; never a lower level of an occupation already paid
 * at a higher one (level 1 is the highest); one application per certificate at a time (`certificateHolders`: the
 * other applications holding the certificate's claim, taken under the person's lock); at most N a year.
 */
export function checkPriorAwards(input: SkillCheckInput, prior: PriorAward[], policy: SkillSubsidyPolicy, certificateHolders: string[] = []): RuleOutcome {
  const paid = prior.filter((p) => p.approvedYear !== null && sameOccupation(p.occupation, input.occupation));
  const sameLevel = paid.filter((p) => p.level === input.level);
  if (sameLevel.length > 0) {
    return { passed: false, reason: 'ALREADY_PAID_FOR_LEVEL', details: { occupation: input.occupation, applications: sameLevel.map((p) => p.applicationId) } };
  }
  const higher = paid.filter((p) => p.level < input.level);
  if (higher.length > 0) {
    return { passed: false, reason: 'LOWER_LEVEL_THAN_PAID', details: { occupation: input.occupation, paidLevels: higher.map((p) => p.level), applications: higher.map((p) => p.applicationId) } };
  }
  // A second application for a certificate whose first is still being decided would be paid twice if both passed.
  if (certificateHolders.length > 0) {
    return { passed: false, reason: 'CERTIFICATE_CLAIM_IN_PROGRESS', details: { applications: certificateHolders } };
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
