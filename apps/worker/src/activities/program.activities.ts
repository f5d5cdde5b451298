import type { CheckEvidence, DegreeDoublingPolicy, Expert, Program, RuleOutcome } from '#domain';
import { chinaDate, checkEligibility, checkEmployment, checkStillInDistrict, clawbackFen, lastMonthInDistrict } from '#domain';
import { canonicalHash } from '#event-store';
import type { BenefitClaims, ExpertPool, OrganisationRegistry, SocialInsuranceRegistry } from '#registries';
import type { ProgramActivities, DegreeChecksRequest, DegreeDoublingActivities, ResidenceCheck } from '#workflows';

/** Evidence of one check: source, time, a hash of what the source answered, and the rule's verdict. */
export function evidenceOf(check: string, source: string, response: unknown, outcome: RuleOutcome, at: Date): CheckEvidence {
  return {
    check,
    source,
    checkedAt: at.toISOString(),
    passed: outcome.passed,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    responseHash: canonicalHash(response ?? null),
    details: outcome.details,
  };
}

/** The expert pool, the cross-application no-double-benefit check, and organisations' registered names. */
export class ProgramActivitiesImpl implements ProgramActivities {
  constructor(
    private readonly experts: ExpertPool,
    private readonly claims: BenefitClaims,
    private readonly organisations: OrganisationRegistry,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async organisationName(orgCode: string): Promise<string | null> {
    return this.organisations.nameOf(orgCode);
  }

  async expertPool(): Promise<Expert[]> {
    return this.experts.active();
  }

  async checkDoubleBenefit(request: { applicationId: string; program: Program; idNumber: string; excludes: Program[] }): Promise<CheckEvidence> {
    const { granted, conflicts } = await this.claims.claim(request.applicationId, request.program, request.idNumber, request.excludes);
    const outcome: RuleOutcome = granted
      ? { passed: true, details: { excludes: request.excludes, activeAwards: [] } }
      : { passed: false, reason: 'DOUBLE_BENEFIT', details: { excludes: request.excludes, activeAwards: conflicts } };
    return evidenceOf('no-double-benefit', this.claims.source, conflicts, outcome, this.clock());
  }
}

/** 硕博倍增's registry checks. */
export class DegreeDoublingActivitiesImpl implements DegreeDoublingActivities {
  constructor(
    private readonly insurance: SocialInsuranceRegistry,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async runDegreeChecks(request: DegreeChecksRequest): Promise<CheckEvidence[]> {
    const submittedOn = chinaDate(request.submittedAt);
    const records = await this.insurance.recordsFor(request.idNumber);
    const now = this.clock();
    return [
      evidenceOf('eligibility', 'form+resident-id', request.form, checkEligibility(request.form, request.idNumber, submittedOn, request.policy), now),
      evidenceOf('employment', this.insurance.source, records, checkEmployment(records, request.form.employerOrgCode, request.policy), now),
    ];
  }

  async reverifyResidence(request: { idNumber: string; approvedAt: string; checkedAt: string; settlingFen: number; policy: DegreeDoublingPolicy }): Promise<ResidenceCheck> {
    const records = await this.insurance.recordsFor(request.idNumber);
    const outcome = checkStillInDistrict(records, chinaDate(request.checkedAt), request.policy);
    const evidence = evidenceOf('annual-reverification', this.insurance.source, records, outcome, new Date(request.checkedAt));
    if (outcome.passed) return { evidence };
    return { evidence, clawback: clawbackFen(request.settlingFen, chinaDate(request.approvedAt), lastMonthInDistrict(records, request.policy), request.policy) };
  }
}
