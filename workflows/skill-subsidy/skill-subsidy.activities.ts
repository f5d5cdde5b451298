import type { CheckEvidence, SkillSubsidyPolicy } from '#domain';

export interface SkillChecksRequest {
  applicationId: string;
  idNumber: string;
  certificateNumber: string;
  level: number;
  /** The issue date as typed (requests recorded before it was compared carry none). */
  issuedOn?: string;
  /** The submission instant; eligibility windows count from its China-time date. */
  submittedAt: string;
  policy: SkillSubsidyPolicy;
}

/** Automatic checks against other departments' registries and our own earlier awards, each with evidence. */
export interface SkillSubsidyActivities {
  runSkillChecks(request: SkillChecksRequest): Promise<CheckEvidence[]>;
}
