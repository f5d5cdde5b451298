import type { Deadline, CheckEvidence, NewEvent, RecordedEvent, ApplicationState, Expert, Program, TimerSpec } from '#domain';

/** Activities every application workflow uses. */
export interface CoreActivities {
  /** The only way a workflow changes its stream (see ARCHITECTURE.md, data flow 2). */
  appendEvents(streamId: string, expectedVersion: number, events: NewEvent[]): Promise<RecordedEvent[]>;
  /** When a wait that starts at `from` ends, on the working-day calendar. */
  computeDeadline(from: string, spec: TimerSpec): Promise<Deadline>;
  /** The application's state folded from its stored events (for a run after continue-as-new). */
  loadApplication(streamId: string): Promise<ApplicationState | null>;
}

/** Activities of the multi-step programs shared between them. */
export interface ProgramActivities {
  /** The expert pool (POST /admin/experts) as it is now; the draw itself happens in the workflow, seeded. */
  expertPool(): Promise<Expert[]>;
  /**
   * 不重复享受: claims this award for the person unless they hold (or are about to receive) an award of an
   * excluded program; the answer is recorded as evidence.
   */
  checkDoubleBenefit(request: { applicationId: string; program: Program; idNumber: string; excludes: Program[] }): Promise<CheckEvidence>;
  /** An organisation's registered name (the enterprise registry), or null when it is not registered there. */
  organisationName(orgCode: string): Promise<string | null>;
}

export interface PaymentRequest {
  idempotencyKey: string;
  applicationId: string;
  amountFen: number;
  purpose: string;
  bankAccount: { bankName: string; accountNumber: string };
}

/** The treasury's payment gateway (simulated here; see apps/worker/src/payments). */
export interface PaymentActivities {
  instructPayment(request: PaymentRequest): Promise<{ gatewayReference: string; payeeAccountMasked: string }>;
}
