import type { CheckEvidence, TimerSpec } from '#domain';
import { PERSONAL_QUEUES, TASK_KINDS, outstandingClawback, procedureOf, type Program } from '#domain';
import { SYSTEM, type ApplicationProcess } from './application-process';
import type { ProgramActivities } from './core.activities';

/**
 * A step the employer answers (confirm employment, recommend for a title), addressed to its USCC. An employer
 * who does not answer in time does not end the case: it goes back to the applicant for a supplement (ask the
 * employer, or correct the employer's code), and lapses if none comes.
 */
export async function employerStep(
  app: ApplicationProcess,
  spec: { kind: string; stage: string; orgCode: string; sla: TimerSpec; supplementWindow: TimerSpec },
): Promise<'approved' | 'rejected' | 'retry' | 'closed'> {
  const task = await app.humanTask({
    kind: spec.kind,
    stage: spec.stage,
    candidates: { role: 'employer', queues: [PERSONAL_QUEUES.employers], assignee: { kind: 'orgCode', value: spec.orgCode } },
    outcomes: ['approve', 'reject'],
    sla: spec.sla,
    onOverdue: 'cancel',
  });
  if (app.closed) return 'closed';
  if (task.status === 'completed') return task.outcome === 'approve' ? 'approved' : 'rejected';
  const answer = await app.awaitSupplement(
    task.taskId,
    'The employer did not answer in time: ask your employer to answer, or correct employerOrgCode, and submit a supplement.',
    spec.supplementWindow,
  );
  return answer === 'provided' ? 'retry' : 'closed';
}

/**
 * 不重复享受: records the cross-application check and rejects the application automatically when the person
 * already holds an active award the policy excludes. Returns whether the application may go on.
 */
export async function noDoubleBenefit(app: ApplicationProcess, programs: ProgramActivities, idNumber: string | undefined, excludes: Program[]): Promise<boolean> {
  if (!idNumber || excludes.length === 0) return true;
  const evidence = await programs.checkDoubleBenefit({ applicationId: app.input.applicationId, program: app.input.program, idNumber, excludes });
  return checksPass(app, [evidence]);
}

/**
 * A review step every program has: approve / reject / return for supplement, with SLA and escalation. A
 * rejection is stored here (with `rejectReason` and the reviewer's comment) and answers 'closed'; a return
 * waits for the supplement and answers 'retry' (or 'closed' when it lapsed or was withdrawn).
 */
export async function reviewStep(
  app: ApplicationProcess,
  spec: {
    kind: string;
    stage: string;
    role: 'reviewer' | 'leadership';
    queue: string;
    escalationQueue: string;
    sla: TimerSpec;
    supplementWindow: TimerSpec;
    rejectReason: string;
  },
): Promise<{ outcome: 'approve' | 'closed' | 'retry'; comment?: string; formChanged?: boolean }> {
  const task = await app.humanTask({
    kind: spec.kind,
    stage: spec.stage,
    candidates: { role: spec.role, queues: [spec.queue] },
    outcomes: ['approve', 'reject', 'return'],
    sla: spec.sla,
    escalationQueue: spec.escalationQueue,
  });
  if (app.closed || task.status !== 'completed') return { outcome: 'closed' };
  if (task.outcome === 'return') {
    const revision = app.state.formRevision;
    const answer = await app.awaitSupplement(task.taskId, task.comment ?? '', spec.supplementWindow);
    return answer === 'provided' ? { outcome: 'retry', formChanged: app.state.formRevision !== revision } : { outcome: 'closed' };
  }
  if (task.outcome === 'reject') {
    await app.execute({ type: 'Reject', reason: spec.rejectReason, automatic: false, comment: task.comment });
    return { outcome: 'closed' };
  }
  return { outcome: 'approve', comment: task.comment };
}

/**
 * 陈述申辩: the finding is recorded (the benefit is held) and put to the applicant, who may reply within the
 * policy's window; answers once the statement is in or the window has passed. Whoever then decides sees it.
 */
export async function hearStatement(app: ApplicationProcess, finding: { reason: string; detail?: string }): Promise<void> {
  const due = await app.deadline(procedureOf(app.input.policy.policy).statementWindow);
  await app.execute({ type: 'ProposeStop', reason: finding.reason, ...(finding.detail ? { detail: finding.detail } : {}), statementDueAt: due.dueAt, calendarBasis: due.basis });
  await app.waitFor(() => app.state.stopProposal?.statement !== undefined || app.closed, due.ms);
}

/**
 * 陈述申辩 before a stop: the applicant is heard (hearStatement), then the program office decides (approve = stop,
 * reject = the benefit continues). Nothing stops without that human decision. Answers whether the benefit is to stop.
 */
export async function stopAfterStatement(
  app: ApplicationProcess,
  spec: { reason: string; detail?: string; officeQueue: string; escalationQueue?: string; sla: TimerSpec },
): Promise<boolean> {
  await hearStatement(app, spec);
  const task = await app.humanTask({
    kind: TASK_KINDS.stopReview,
    stage: 'stop-review',
    candidates: { role: 'reviewer', queues: [spec.officeQueue] },
    outcomes: ['approve', 'reject'],
    sla: spec.sla,
    ...(spec.escalationQueue ? { escalationQueue: spec.escalationQueue } : {}),
  });
  const stop = task.status === 'completed' && task.outcome === 'approve';
  await app.execute({ type: 'DecideStopProposal', outcome: stop ? 'stop' : 'continue', by: task.completedBy ?? SYSTEM.id, ...(task.comment ? { comment: task.comment } : {}) });
  return stop;
}

/**
 * A clawback is recovered by finance: one task per repayment (partial amounts allowed) until nothing is
 * outstanding, or finance ends the recovery (reject, with its reason: 终止追缴).
 */
export async function recoverClawbacks(app: ApplicationProcess, spec: { financeQueue: string; sla: TimerSpec }): Promise<void> {
  for (let owed = outstandingClawback(app.state); owed; owed = outstandingClawback(app.state)) {
    const task = await app.humanTask({
      kind: TASK_KINDS.clawbackRecovery,
      stage: 'clawback-recovery',
      afterClose: true,
      candidates: { role: 'finance', queues: [spec.financeQueue] },
      outcomes: ['approve', 'reject'],
      sla: spec.sla,
    });
    if (task.status !== 'completed' || task.outcome !== 'approve') return;
    const fields = task.fields as { repaidFen: number; paymentReference: string };
    await app.execute({ type: 'RecordClawbackRepayment', claimId: owed.claimId, amountFen: fields.repaidFen, reference: fields.paymentReference });
  }
}

/** Stores automatic checks' evidence; the first hard failure rejects the application with its reason. */
export async function checksPass(app: ApplicationProcess, evidence: CheckEvidence[]): Promise<boolean> {
  await app.execute({ type: 'RecordChecks', evidence });
  const failed = app.failedCheck(evidence);
  if (!failed) return true;
  await app.execute({ type: 'Reject', reason: failed.reason ?? failed.check, automatic: true });
  return false;
}
