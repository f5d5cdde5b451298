import type { CheckEvidence } from '#domain';
import { chinaDate, RuleOutcome, SkillCheckInput, checkCertificate, checkInsurance, checkPriorAwards } from '#domain';
import type { AwardHistory, SkillCertificateRegistry, SocialInsuranceRegistry } from '#registries';
import { evidenceOf } from './program.activities';
import type { SkillChecksRequest, SkillSubsidyActivities } from '#workflows';

/**
 * Runs the skill subsidy's automatic checks. Each result carries its source, when it was asked, and a hash of
 * the registry's answer, so a later reader sees what the decision was based on.
 */
export class SkillChecksActivities implements SkillSubsidyActivities {
  constructor(
    private readonly certificates: SkillCertificateRegistry,
    private readonly insurance: SocialInsuranceRegistry,
    private readonly awards: AwardHistory,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async runSkillChecks(request: SkillChecksRequest): Promise<CheckEvidence[]> {
    const input: SkillCheckInput = {
      idNumber: request.idNumber,
      certificateNumber: request.certificateNumber,
      level: request.level,
      ...(request.issuedOn ? { issuedOn: request.issuedOn } : {}),
      submittedOn: chinaDate(request.submittedAt),
    };
    const certificate = await this.certificates.findCertificate(request.certificateNumber);
    const records = await this.insurance.recordsFor(request.idNumber);
    const prior = await this.awards.priorSkillAwards(request.idNumber, request.applicationId);
    const holders = await this.awards.claimCertificate(request.applicationId, request.idNumber, request.certificateNumber);
    const withOccupation = { ...input, ...(certificate ? { occupation: certificate.occupation } : {}) };
    return [
      this.evidence('certificate-registry', this.certificates.source, certificate, checkCertificate(input, certificate, request.policy)),
      this.evidence('social-insurance', this.insurance.source, records, checkInsurance(records, request.policy)),
      this.evidence('duplicate-claims', this.awards.source, { prior, certificateHolders: holders }, checkPriorAwards(withOccupation, prior, request.policy, holders)),
    ];
  }

  private evidence(check: string, source: string, response: unknown, outcome: RuleOutcome): CheckEvidence {
    return evidenceOf(check, source, response, outcome, this.clock());
  }
}
