import type { CheckEvidence, TimerSpec } from '#domain';
import { PERSONAL_QUEUES, type Program } from '#domain';
import type { ApplicationProcess } from './application-process';
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

/** Stores automatic checks' evidence; the first hard failure rejects the application with its reason. */
export async function checksPass(app: ApplicationProcess, evidence: CheckEvidence[]): Promise<boolean> {
  await app.execute({ type: 'RecordChecks', evidence });
  const failed = app.failedCheck(evidence);
  if (!failed) return true;
  await app.execute({ type: 'Reject', reason: failed.reason ?? failed.check, automatic: true });
  return false;
}
