import { uuid4 } from '@temporalio/workflow';
import type { ProgramEvent, TaskCandidates, TimerSpec } from '#domain';
import { TASK_KINDS } from '#domain';
import type { ApplicationProcess } from './application-process';

type NoticeOpened = Extract<ProgramEvent, { type: 'PublicNoticeOpened' }>['data'];

export interface NoticeSpec {
  scope: NoticeOpened['scope'];
  /** What is published: a masked summary, never the whole file. */
  summary: NoticeOpened['summary'];
  window: TimerSpec;
  /** Who weighs the objections when the notice closes with any. */
  review: { candidates: TaskCandidates; sla: TimerSpec; escalationQueue?: string };
}

/** clear: no objection; dismissed: objections weighed and dismissed; upheld: the case goes back; rejected: ends it. */
export type NoticeResult = { result: 'clear' | 'dismissed' | 'upheld' | 'rejected' | 'closed'; comment?: string };

/**
 * 公示: publishes the summary (recorded), takes objections from anyone authenticated until the notice closes by
 * timer, then, if there were objections, a reviewer dismisses them (approve), upholds them (return) or rejects
 * the application (reject).
 */
export async function publicNotice(app: ApplicationProcess, spec: NoticeSpec): Promise<NoticeResult> {
  const due = await app.deadline(spec.window);
  await app.execute({ type: 'OpenNotice', noticeId: uuid4(), scope: spec.scope, summary: spec.summary, closesAt: due.dueAt, calendarBasis: due.basis });
  await app.waitFor(() => app.closed, due.ms);
  if (app.closed) return { result: 'closed' };
  await app.execute({ type: 'CloseNotice' });
  if ((app.state.notice?.objections.length ?? 0) === 0) return { result: 'clear' };
  const task = await app.humanTask({
    kind: TASK_KINDS.objectionReview,
    stage: spec.scope === 'public' ? 'objection-review' : 'employer-objection-review',
    candidates: spec.review.candidates,
    outcomes: ['approve', 'return', 'reject'],
    sla: spec.review.sla,
    escalationQueue: spec.review.escalationQueue,
  });
  if (task.status !== 'completed') return { result: 'closed' };
  const result = task.outcome === 'approve' ? 'dismissed' : task.outcome === 'return' ? 'upheld' : 'rejected';
  return { result, comment: task.comment };
}
