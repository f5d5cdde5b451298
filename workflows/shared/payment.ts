import { TASK_KINDS } from '#domain';
import type { TimerSpec } from '#domain';
import type { ApplicationProcess } from './application-process';
import type { PaymentActivities } from './core.activities';

export interface PaymentSpec {
  purpose: string;
  amountFen: number;
  bankAccount: { bankName: string; accountNumber: string };
  financeQueue: string;
  sla: TimerSpec;
}

/**
 * One payment: the instruction goes to the treasury gateway (idempotent by a key derived from the workflow),
 * then finance confirms it was paid, or reports it failed and a new instruction follows. Returns false if
 * the application closed meanwhile.
 */
export async function payOnce(app: ApplicationProcess, payments: PaymentActivities, spec: PaymentSpec): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    const paymentId = `${spec.purpose}-${attempt}`;
    const instruction = await payments.instructPayment({
      idempotencyKey: `${app.workflowId}:${paymentId}`,
      applicationId: app.input.applicationId,
      amountFen: spec.amountFen,
      purpose: spec.purpose,
      bankAccount: spec.bankAccount,
    });
    await app.execute({
      type: 'InstructPayment',
      paymentId,
      amountFen: spec.amountFen,
      purpose: spec.purpose,
      payeeAccountMasked: instruction.payeeAccountMasked,
      gatewayReference: instruction.gatewayReference,
    });
    const task = await app.humanTask({
      kind: TASK_KINDS.paymentConfirmation,
      stage: 'payment',
      candidates: { role: 'finance', queues: [spec.financeQueue] },
      outcomes: ['approve', 'reject'],
      sla: spec.sla,
    });
    if (task.status !== 'completed') return false;
    if (task.outcome === 'approve') {
      const reference = typeof task.fields?.paymentReference === 'string' ? task.fields.paymentReference : instruction.gatewayReference;
      await app.execute({ type: 'ConfirmPayment', paymentId, reference });
      return true;
    }
    await app.execute({ type: 'FailPayment', paymentId, reason: task.comment ?? 'reported failed by finance' });
  }
}
