import type { Deadline } from '../../libs/domain/src/calendar/working-days';
import type { NewEvent, RecordedEvent } from '../../libs/domain/src/application/application.events';
import type { TimerSpec } from '../../libs/domain/src/shared/timers';

/** Activities every application workflow uses. */
export interface CoreActivities {
  /** The only way a workflow changes its stream (see ARCHITECTURE.md, data flow 2). */
  appendEvents(streamId: string, expectedVersion: number, events: NewEvent[]): Promise<RecordedEvent[]>;
  /** When a wait that starts at `from` ends, on the working-day calendar. */
  computeDeadline(from: string, spec: TimerSpec): Promise<Deadline>;
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
