import type { CheckEvidence, DegreeDoublingPolicy, DegreeDoublingForm } from '#domain';

export interface DegreeChecksRequest {
  applicationId: string;
  idNumber: string;
  form: DegreeDoublingForm;
  submittedAt: string;
  policy: DegreeDoublingPolicy;
}

export interface ResidenceCheck {
  evidence: CheckEvidence;
  /** When the person left: the pro-rata clawback of the settling subsidy. */
  clawback?: { amountFen: number; monthsServed: number; monthsRequired: number };
}

/** Registry checks of 硕博倍增: eligibility and employment at submission, residence on every anniversary. */
export interface DegreeDoublingActivities {
  runDegreeChecks(request: DegreeChecksRequest): Promise<CheckEvidence[]>;
  /** `checkedAt` is the workflow's time of the anniversary, so a replayed or time-skipped run judges the same day. */
  reverifyResidence(request: { idNumber: string; approvedAt: string; checkedAt: string; settlingFen: number; policy: DegreeDoublingPolicy }): Promise<ResidenceCheck>;
}
