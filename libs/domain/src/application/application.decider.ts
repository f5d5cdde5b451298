import { CalendarBasis } from '../calendar/calendar-basis';
import { DomainError } from '../shared/domain-error';
import { DECIDED_STATUSES, Role } from '../shared/programs';
import { DegreeDoublingCommand, decideDegreeDoubling } from '../degree-doubling/degree-doubling.decider';
import { PanelCommand, decidePanel } from '../panels/panel.decider';
import { TitleFastTrackCommand, decideTitleFastTrack } from '../title-fast-track/title-fast-track.decider';
import { TopTalentCommand, decideTopTalent } from '../top-talent/top-talent.decider';
import { ApplicationEvent, CheckEvidence, ClawbackClaim, ProgramEvent, ReconsiderationOutcome, ReturnItem, ScheduleItem, TaskOutcome } from './application.events';
import { assertOpen } from './open-application';
import { TASK_KINDS, contractConfirmation, meetingProblems, returnItemProblems, returnsForSupplement, taskFieldProblems } from './task-fields';
import { DocumentRef } from '../policy/materials';
import { ApplicationState, TaskState, decidersOf, openTasks, outstandingClawback, returnsMade } from './application.state';

/** The person acting, as the workflow sees them (from the verified token, passed by the API). */
export interface TaskActor {
  id: string;
  roles: Role[];
  queues: string[];
  orgCode?: string;
}

/** A task to create: exactly what TaskCreated records. */
export type NewTask = Extract<ApplicationEvent, { type: 'TaskCreated' }>['data'];

export type ApplicationCommand =
  | { type: 'RecordChecks'; evidence: CheckEvidence[] }
  | { type: 'CreateTask'; task: NewTask }
  | { type: 'ClaimTask'; taskId: string; actor: TaskActor }
  | { type: 'ReleaseTask'; taskId: string; actor: TaskActor }
  | { type: 'ReassignTask'; taskId: string; actor: TaskActor; to: string; reason: string }
  | {
      type: 'CompleteTask';
      taskId: string;
      actor: TaskActor;
      outcome: TaskOutcome;
      comment?: string;
      fields: Record<string, unknown>;
      /** Files the person completing the task attaches (evidence, a verification note): checked by the API. */
      documents?: DocumentRef[];
      /** 集体研究: a leadership decision must record its meeting (absent in runs that began before the rule). */
      requireMeeting?: boolean;
      /** 硕博倍增: the employer's confirmation records the labour contract it confirmed (absent in runs of before). */
      confirmContract?: boolean;
      /**
       * 一次性告知: a return lists its items, at most this many returns per application. Absent in runs that began
       * before the rule (their recorded returns carry no items and must replay).
       */
      maxReturns?: number;
    }
  | { type: 'EscalateTask'; taskId: string }
  | { type: 'RequestSupplement'; taskId: string; comment: string; dueAt: string; calendarBasis: CalendarBasis; items?: ReturnItem[] }
  | { type: 'ProvideSupplement'; message: string; form?: Record<string, unknown>; now: string; answers?: number[]; documents?: DocumentRef[] }
  /** 复核: after a rejection or stop, the window in which the applicant may ask for reconsideration. */
  | { type: 'OpenReconsiderationWindow'; dueAt: string; calendarBasis: CalendarBasis }
  | { type: 'CloseReconsiderationWindow' }
  | { type: 'RequestReconsideration'; reason: string; by: string; now: string }
  | { type: 'DecideReconsideration'; outcome: ReconsiderationOutcome; by: string; comment: string; rights?: string; resumeStage?: string }
  /** 追缴: the claim on money paid, made once the stop it follows is final (not reconsidered in time, or upheld). */
  | { type: 'ClaimClawback'; claim: ClawbackClaim }
  | { type: 'Withdraw'; reason: string }
  | { type: 'Lapse'; reason: string }
  | { type: 'Approve'; amountFen: number; comment?: string }
  | { type: 'Reject'; reason: string; automatic: boolean; comment?: string }
  | {
      type: 'InstructPayment';
      paymentId: string;
      amountFen: number;
      purpose: string;
      payeeAccountMasked: string;
      gatewayReference: string;
    }
  | { type: 'ConfirmPayment'; paymentId: string; reference: string }
  | { type: 'FailPayment'; paymentId: string; reason: string }
  | { type: 'Complete' }
  | { type: 'CancelTask'; taskId: string; reason: string }
  | ({ type: 'OpenNotice' } & Extract<ProgramEvent, { type: 'PublicNoticeOpened' }>['data'])
  | { type: 'FileObjection'; objectionId: string; by: string; text: string }
  | { type: 'CloseNotice' }
  /** The schedule of instalments (replacing any earlier one, e.g. after a leadership adjustment). */
  | { type: 'SetSchedule'; items: ScheduleItem[]; reason: string }
  /** Each program's own commands, decided in its own decider. */
  | PanelCommand
  | TopTalentCommand
  | DegreeDoublingCommand
  | TitleFastTrackCommand;

export function isCandidate(task: TaskState, actor: TaskActor): boolean {
  const { candidates } = task;
  if (candidates.assignee) {
    if (candidates.assignee.kind === 'sub') return actor.id === candidates.assignee.value;
    return actor.orgCode === candidates.assignee.value && actor.roles.includes(candidates.role);
  }
  return actor.roles.includes(candidates.role) && candidates.queues.some((q) => actor.queues.includes(q));
}

/** A queue's lead: holds `<queue>-lead`, or the task's escalation queue, in the candidate role. */
export function isQueueLead(task: TaskState, actor: TaskActor): boolean {
  if (!actor.roles.includes(task.candidates.role)) return false;
  const leadQueues = [...task.candidates.queues.map((q) => `${q}-lead`), ...(task.escalationQueue ? [task.escalationQueue] : [])];
  return leadQueues.some((q) => actor.queues.includes(q));
}

function openTask(state: ApplicationState, taskId: string): TaskState {
  const task = state.tasks[taskId];
  if (!task) throw new DomainError('TASK.NOT_FOUND', `task ${taskId} does not exist on this application`);
  if (task.status !== 'open' && task.status !== 'claimed') {
    throw new DomainError('TASK.NOT_OPEN', `task ${taskId} is ${task.status}`, { taskId, status: task.status });
  }
  return task;
}

function actingTask(state: ApplicationState, taskId: string, actor: TaskActor): TaskState {
  const task = openTask(state, taskId);
  if (!isCandidate(task, actor)) {
    throw new DomainError('TASK.NOT_CANDIDATE', `you may not act on task ${taskId}`, { taskId });
  }
  if (task.claimedBy && task.claimedBy !== actor.id) {
    throw new DomainError('TASK.CLAIMED_BY_OTHER', `task ${taskId} is claimed by someone else`, { taskId });
  }
  if (task.recused?.includes(actor.id)) {
    throw new DomainError('TASK.RECUSED', 'you took part in the decision under review and may not decide on it (回避)', { taskId });
  }
  return task;
}

function undecided(state: ApplicationState): void {
  if (DECIDED_STATUSES.includes(state.status)) {
    throw new DomainError('APPLICATION.ALREADY_DECIDED', `application is already ${state.status}`, { status: state.status });
  }
}

/**
 * Decides what happens when a command meets the current state: the events to store, or a DomainError.
 * Pure: time comes in with the command, ids come in with the command.
 */
export function decide(command: ApplicationCommand, state: ApplicationState): ApplicationEvent[] {
  switch (command.type) {
    case 'RecordChecks':
      return command.evidence.map((data) => ({ type: 'AutomaticCheckRecorded', data }));
    case 'CreateTask': {
      // Recovering a clawback is the one work done on a file after its benefit stopped.
      if (command.task.kind !== TASK_KINDS.clawbackRecovery) undecidedOrPaying(state);
      const { escalationQueue, ...task } = command.task;
      return [{ type: 'TaskCreated', data: { ...task, ...(escalationQueue ? { escalationQueue } : {}) } }];
    }
    case 'ClaimTask': {
      const task = actingTask(state, command.taskId, command.actor);
      if (task.claimedBy === command.actor.id) return [];
      return [{ type: 'TaskClaimed', data: { taskId: task.taskId, by: command.actor.id } }];
    }
    case 'ReleaseTask': {
      const task = actingTask(state, command.taskId, command.actor);
      if (!task.claimedBy) return [];
      return [{ type: 'TaskReleased', data: { taskId: task.taskId, by: command.actor.id } }];
    }
    case 'ReassignTask': {
      const task = openTask(state, command.taskId);
      if (!isQueueLead(task, command.actor)) {
        throw new DomainError('TASK.NOT_LEAD', `only the lead of ${task.queue} may reassign task ${task.taskId}`, { taskId: task.taskId });
      }
      if (task.claimedBy === command.to) return [];
      return [
        {
          type: 'TaskReassigned',
          data: { taskId: task.taskId, ...(task.claimedBy ? { from: task.claimedBy } : {}), to: command.to, by: command.actor.id, reason: command.reason },
        },
      ];
    }
    case 'CompleteTask': {
      const task = actingTask(state, command.taskId, command.actor);
      if (!task.outcomes.includes(command.outcome)) {
        throw new DomainError('TASK.INVALID_OUTCOME', `outcome ${command.outcome} is not allowed on a ${task.kind} task`, {
          allowed: task.outcomes,
        });
      }
      if (command.outcome !== 'approve' && !command.comment?.trim()) {
        throw new DomainError('TASK.INVALID_OUTCOME', `a comment is required to ${command.outcome}`);
      }
      const problems = taskFieldProblems(task.kind, command.outcome, command.fields);
      if (problems.length > 0) {
        throw new DomainError('TASK.INVALID_FIELDS', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: problems });
      }
      const meeting = task.kind === TASK_KINDS.leadershipDecision && command.requireMeeting ? meetingProblems(command.fields.meeting) : [];
      if (meeting.length > 0) {
        throw new DomainError('TASK.INVALID_FIELDS', meeting.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: meeting });
      }
      if (task.kind === TASK_KINDS.clawbackRecovery && command.outcome === 'approve') {
        const owed = outstandingClawback(state)?.outstandingFen ?? 0;
        if (typeof command.fields.repaidFen === 'number' && command.fields.repaidFen > owed) {
          throw new DomainError('TASK.INVALID_FIELDS', `repaidFen: at most ${owed} fen is outstanding`, { errors: [{ path: 'repaidFen', message: `at most ${owed} fen is outstanding` }] });
        }
      }
      const contract =
        task.kind === TASK_KINDS.employmentConfirmation && command.outcome === 'approve' && command.confirmContract ? contractConfirmation(command.fields.contract, state.form) : null;
      if (task.kind === TASK_KINDS.employmentConfirmation && !command.confirmContract && command.fields.contract !== undefined) {
        // Runs that began before the employer confirmed the contract cannot check it: they take none.
        throw new DomainError('TASK.INVALID_FIELDS', 'contract: this application began before contract confirmation; approve without it', {
          errors: [{ path: 'contract', message: 'this application began before contract confirmation; approve without it' }],
        });
      }
      if (contract && contract.problems.length > 0) {
        throw new DomainError('TASK.INVALID_FIELDS', contract.problems.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: contract.problems });
      }
      const oneTimeNotice = command.outcome === 'return' && returnsForSupplement(task.kind) && command.maxReturns !== undefined;
      const missing = oneTimeNotice ? returnItemProblems(command.fields.items) : [];
      if (missing.length > 0) {
        throw new DomainError('TASK.INVALID_FIELDS', missing.map((p) => `${p.path}: ${p.message}`).join('; '), { errors: missing });
      }
      const made = task.kind === TASK_KINDS.milestoneVerification ? (state.milestoneReturns ?? 0) : returnsMade(state);
      if (oneTimeNotice && made >= command.maxReturns!) {
        const what = task.kind === TASK_KINDS.milestoneVerification ? 'this milestone was already returned for a new report' : 'this application was already returned for supplement';
        throw new DomainError('RETURN.LIMIT_REACHED', `${what} ${made} times, the most the policy allows: approve or reject it`, {
          maxReturns: command.maxReturns,
        });
      }
      return [
        {
          type: 'TaskCompleted',
          data: {
            taskId: task.taskId,
            outcome: command.outcome,
            by: command.actor.id,
            fields: contract ? { ...command.fields, contract: contract.confirmed } : command.fields,
            ...(command.comment ? { comment: command.comment } : {}),
            ...(command.documents?.length ? { documents: command.documents } : {}),
          },
        },
      ];
    }
    case 'EscalateTask': {
      const task = openTask(state, command.taskId);
      if (task.escalated) return [];
      // Without an escalation queue the task stays where it is, flagged overdue for its own queue's lead.
      const toQueue = task.escalationQueue ?? task.queue;
      return [
        {
          type: 'TaskEscalated',
          data: { taskId: task.taskId, fromQueue: task.queue, toQueue, overdueSince: task.dueAt },
        },
      ];
    }
    case 'RequestSupplement':
      undecided(state);
      return [
        {
          type: 'SupplementRequested',
          data: {
            taskId: command.taskId,
            comment: command.comment,
            dueAt: command.dueAt,
            calendarBasis: command.calendarBasis,
            ...(command.items?.length ? { items: command.items } : {}),
          },
        },
        { type: 'DeadlineClockPaused', data: { reason: 'awaiting-supplement' } },
      ];
    case 'ProvideSupplement': {
      if (state.status !== 'awaiting-supplement') {
        throw new DomainError('APPLICATION.NOT_AWAITING_SUPPLEMENT', `application is ${state.status}, not awaiting a supplement`, {
          status: state.status,
        });
      }
      const pausedAt = state.clock.pausedAt ? Date.parse(state.clock.pausedAt) : Date.parse(command.now);
      const formChanged = command.form !== undefined;
      const items = state.supplement?.items ?? [];
      const unknown = (command.answers ?? []).filter((i) => !Number.isInteger(i) || i < 0 || i >= items.length);
      if (unknown.length > 0) {
        throw new DomainError('SUPPLEMENT.UNKNOWN_ITEM', `the return lists ${items.length} item(s); no item ${unknown.join(', ')}`, {
          errors: [{ path: 'answers', message: `answers must be item numbers 0..${items.length - 1} of the return` }],
        });
      }
      const answers = command.answers?.length ? [...new Set(command.answers)].sort((a, b) => a - b) : undefined;
      return [
        {
          type: 'SupplementProvided',
          data: {
            message: command.message,
            formChanged,
            ...(formChanged ? { form: command.form } : {}),
            ...(answers ? { answers } : {}),
            ...(command.documents?.length ? { documents: command.documents } : {}),
          },
        },
        { type: 'DeadlineClockResumed', data: { pausedMs: Math.max(0, Date.parse(command.now) - pausedAt) } },
      ];
    }
    case 'Withdraw':
      undecided(state);
      return [
        ...cancelOpenTasks(state, 'withdrawn'),
        ...closeNotice(state),
        { type: 'ApplicationWithdrawn', data: { reason: command.reason } },
      ];
    case 'Lapse':
      undecided(state);
      return [...cancelOpenTasks(state, 'lapsed'), { type: 'ApplicationLapsed', data: { reason: command.reason } }];
    case 'Approve':
      undecided(state);
      return [{ type: 'ApplicationApproved', data: { amountFen: command.amountFen, ...(command.comment ? { comment: command.comment } : {}) } }];
    case 'Reject':
      undecided(state);
      return [
        ...cancelOpenTasks(state, 'rejected'),
        ...closeNotice(state),
        {
          type: 'ApplicationRejected',
          data: { reason: command.reason, automatic: command.automatic, ...(command.comment ? { comment: command.comment } : {}) },
        },
      ];
    case 'InstructPayment':
      if (state.payments.some((p) => p.paymentId === command.paymentId)) return [];
      return [
        {
          type: 'PaymentInstructed',
          data: {
            paymentId: command.paymentId,
            amountFen: command.amountFen,
            purpose: command.purpose,
            payeeAccountMasked: command.payeeAccountMasked,
            gatewayReference: command.gatewayReference,
          },
        },
      ];
    case 'ConfirmPayment':
      return [{ type: 'PaymentConfirmed', data: { paymentId: command.paymentId, reference: command.reference } }];
    case 'FailPayment':
      return [{ type: 'PaymentFailed', data: { paymentId: command.paymentId, reason: command.reason } }];
    case 'Complete':
      if (state.status === 'completed') return [];
      return [{ type: 'ApplicationCompleted', data: {} }];
    case 'CancelTask': {
      const task = state.tasks[command.taskId];
      if (!task || (task.status !== 'open' && task.status !== 'claimed')) return [];
      return [{ type: 'TaskCancelled', data: { taskId: task.taskId, reason: command.reason } }];
    }
    case 'FileObjection': {
      const notice = state.notice;
      if (!notice?.open) throw new DomainError('NOTICE.NOT_OPEN', 'this application has no public notice open for objections');
      return [{ type: 'ObjectionFiled', data: { noticeId: notice.noticeId, objectionId: command.objectionId, by: command.by, text: command.text } }];
    }
    case 'CloseNotice':
      return closeNotice(state);
    case 'OpenNotice': {
      assertOpen(state);
      const { type: _type, ...data } = command;
      return [{ type: 'PublicNoticeOpened', data }];
    }
    case 'SetSchedule':
      assertOpen(state);
      return [{ type: 'PaymentScheduleSet', data: { items: command.items, reason: command.reason } }];
    case 'OpenReconsiderationWindow': {
      if (state.status !== 'rejected' && state.status !== 'terminated') {
        throw new DomainError('RECONSIDERATION.NOT_AVAILABLE', `an application that is ${state.status} has no decision to reconsider`);
      }
      const r = state.reconsideration;
      // One window per decision: a rejection after an overturn is a new decision with a window of its own.
      if (r && (r.status === 'open' || r.status === 'requested' || r.status === 'upheld' || r.status === 'closed')) return [];
      const automatic = state.status === 'rejected' && decidersOf(state).length === 0;
      return [
        {
          type: 'ReconsiderationWindowOpened',
          data: {
            decision: { status: state.status, reason: state.closingReason ?? 'UNKNOWN', stage: state.closedAtStage ?? state.stage, automatic, deciders: decidersOf(state) },
            dueAt: command.dueAt,
            calendarBasis: command.calendarBasis,
          },
        },
      ];
    }
    case 'CloseReconsiderationWindow':
      return state.reconsideration?.status === 'open' ? [{ type: 'ReconsiderationWindowClosed', data: { reason: 'not-requested' } }] : [];
    case 'RequestReconsideration': {
      const r = state.reconsideration;
      if (!r || (state.status !== 'rejected' && state.status !== 'terminated' && state.status !== 'reconsidering')) {
        throw new DomainError('RECONSIDERATION.NOT_AVAILABLE', `an application that is ${state.status} has no decision to reconsider`);
      }
      if (r.status === 'requested' || r.status === 'upheld') {
        throw new DomainError('RECONSIDERATION.ALREADY_REQUESTED', 'this decision has already been reconsidered once (or is being reconsidered)');
      }
      if (r.status === 'closed' || Date.parse(command.now) >= Date.parse(r.dueAt)) {
        throw new DomainError('RECONSIDERATION.WINDOW_CLOSED', `reconsideration could be asked for until ${r.dueAt}`, { dueAt: r.dueAt });
      }
      return [{ type: 'ReconsiderationRequested', data: { reason: command.reason, by: command.by } }];
    }
    case 'DecideReconsideration': {
      if (state.status !== 'reconsidering') {
        throw new DomainError('RECONSIDERATION.NOT_AVAILABLE', `an application that is ${state.status} is not being reconsidered`);
      }
      const { type: _type, ...data } = command;
      return [{ type: 'ReconsiderationDecided', data }];
    }
    case 'ClaimClawback': {
      const pending = state.reconsideration?.status === 'open' || state.reconsideration?.status === 'requested';
      if (state.status !== 'terminated' || pending) {
        throw new DomainError('CLAWBACK.NOT_FINAL', `a clawback is claimed once the stop is final; the application is ${state.status}`, { status: state.status });
      }
      if (command.claim.amountFen <= 0 || state.clawbacks?.some((c) => c.claimId === command.claim.claimId)) return [];
      return [{ type: 'ClawbackClaimed', data: command.claim }];
    }
    case 'DrawPanel':
    case 'ReplacePanelMember':
    case 'ConcludeExpertPanel':
    case 'ConcludeCommittee':
      return decidePanel(command, state);
    case 'DecideLeadership':
    case 'SignAgreement':
    case 'LapseAgreement':
    case 'VerifyMilestone':
    case 'SuspendBenefit':
    case 'ResumeBenefit':
    case 'TerminateBenefit':
      return decideTopTalent(command, state);
    case 'StopForLeavingDistrict':
    case 'ProposeStop':
    case 'SubmitStatement':
    case 'DecideStopProposal':
    case 'RecordClawbackRepayment':
      return decideDegreeDoubling(command, state);
    case 'ConferTitle':
      return decideTitleFastTrack(command, state);
    default: {
      const unknownCommand: never = command;
      throw new Error(`unknown command ${(unknownCommand as { type: string }).type}`);
    }
  }
}

function undecidedOrPaying(state: ApplicationState): void {
  if (state.status === 'approved' || state.status === 'in-payment' || state.status === 'suspended' || state.status === 'reconsidering') return;
  undecided(state);
}

function closeNotice(state: ApplicationState): ApplicationEvent[] {
  const notice = state.notice;
  return notice?.open ? [{ type: 'PublicNoticeClosed', data: { noticeId: notice.noticeId, objections: notice.objections.length } }] : [];
}

function cancelOpenTasks(state: ApplicationState, reason: string): ApplicationEvent[] {
  return openTasks(state).map((t) => ({ type: 'TaskCancelled', data: { taskId: t.taskId, reason } }));
}
