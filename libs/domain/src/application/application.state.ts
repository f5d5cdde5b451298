import type { DocumentRef } from '../policy/materials';
import { ApplicationStatus, Program } from '../shared/programs';
import { TASK_KINDS, returnsForSupplement } from './task-fields';
import type { CalendarBasis } from '../calendar/calendar-basis';
import {
  Applicant,
  ApplicationEvent,
  CheckEvidence,
  DecisionUnderReview,
  FundingPackage,
  PanelPurpose,
  ReconsiderationOutcome,
  ReturnItem,
  ScheduleItem,
  TaskCandidates,
  TaskOutcome,
} from './application.events';

export type TaskStatus = 'open' | 'claimed' | 'completed' | 'cancelled';

export interface TaskState {
  taskId: string;
  kind: string;
  stage: string;
  candidates: TaskCandidates;
  /** The queue the task sits in now (the escalation queue once escalated). */
  queue: string;
  outcomes: TaskOutcome[];
  status: TaskStatus;
  claimedBy?: string;
  priority: number;
  createdAt: string;
  dueAt: string;
  escalated: boolean;
  escalationQueue?: string;
  /** Which calendar the due time was counted on (absent in read models of before). */
  calendarBasis?: CalendarBasis;
  recused?: string[];
  outcome?: TaskOutcome;
  comment?: string;
  fields?: Record<string, unknown>;
  completedBy?: string;
  completedAt?: string;
  /** What the person who completed it attached (办理附件): staff and the attacher read it, not the applicant. */
  documents?: DocumentRef[];
}

export interface PaymentState {
  paymentId: string;
  amountFen: number;
  purpose: string;
  status: 'instructed' | 'confirmed' | 'failed';
  instructedAt: string;
  confirmedAt?: string;
  reference?: string;
  gatewayReference: string;
}

export interface ApplicationState {
  id: string;
  program: Program;
  status: ApplicationStatus;
  stage: string;
  town: string;
  policyVersion: number;
  applicant: Applicant;
  form: Record<string, unknown>;
  requestHash: string;
  submittedAt: string;
  decidedAt?: string;
  completedAt?: string;
  version: number;
  tasks: Record<string, TaskState>;
  checks: CheckEvidence[];
  payments: PaymentState[];
  approvedAmountFen?: number;
  supplement?: { taskId: string; comment: string; requestedAt: string; dueAt: string; items?: ReturnItem[] };
  /** The applicant's answers to returns for supplement (补正说明), oldest first (absent in read models of before). */
  supplements?: { message: string; formChanged: boolean; providedAt: string; answers?: number[]; items?: ReturnItem[] }[];
  /** Counts the supplements that changed the form: a changed form is checked again. */
  formRevision: number;
  /** The handling-time clock (承诺时限): stopped while the applicant owes a supplement. */
  clock: { running: boolean; pausedAt?: string; pausedMs: number };
  closingReason?: string;
  /** The step the file was at when it was rejected or stopped (absent in read models of before). */
  closedAtStage?: string;
  /** 复核 of the latest rejection or stop: its window, the request and the lead's decision. */
  reconsideration?: {
    decision: DecisionUnderReview;
    dueAt: string;
    status: 'open' | 'requested' | 'upheld' | 'overturned' | 'closed';
    reason?: string;
    requestedAt?: string;
    outcome?: ReconsiderationOutcome;
    comment?: string;
    rights?: string;
    decidedAt?: string;
  };
  /** The panel or committee sitting now (or last). */
  panel?: { panelId: string; purpose: PanelPurpose; members: string[]; replaced: string[]; result?: 'passed' | 'failed' | 'inconclusive' };
  /** The public notice open now (or last); objections are kept as filed. */
  notice?: {
    noticeId: string;
    scope: 'public' | 'employer-internal';
    summary: { name: string; program: Program; amountFen?: number; title?: string; project?: string; employer?: string };
    closesAt: string;
    open: boolean;
    objections: { objectionId: string; by: string; text: string; filedAt: string }[];
  };
  package?: FundingPackage;
  schedule?: ScheduleItem[];
  agreementSignedAt?: string;
  milestonesVerified?: { key: string; passed: boolean }[];
  /** Returns of the milestone being verified now, for a report made again (reset when a milestone is verified). */
  milestoneReturns?: number;
  clawbacks?: { claimId: string; amountFen: number; basis: string; repaidFen?: number }[];
  /** 陈述申辩 of a proposed stop: the finding, the applicant's statement and the office's decision. */
  stopProposal?: {
    reason: string;
    detail?: string;
    statementDueAt: string;
    statement?: string;
    statementAt?: string;
    outcome?: 'stop' | 'continue';
    comment?: string;
    /** The step the benefit was at when the stop was proposed: where it runs on if the stop is not confirmed. */
    resumeStage?: string;
  };
  title?: { series: string; level: string; certificateNumber: string; decisionRef?: string };
  /** The application's documents (申请材料), each version kept: a supplement adds a new version of a material. */
  documents?: DocumentRef[];
}

/** Items of the schedule whose payment is confirmed. */
export function paidKeys(state: ApplicationState): Set<string> {
  return new Set(state.payments.filter((p) => p.status === 'confirmed').map((p) => p.purpose));
}

/** An event with the two envelope fields that evolve needs. */
export type EvolvableEvent = ApplicationEvent & { recordedAt: string; version: number };

export function openTasks(state: ApplicationState): TaskState[] {
  return Object.values(state.tasks).filter((t) => t.status === 'open' || t.status === 'claimed');
}

function withTask(state: ApplicationState, taskId: string, change: (task: TaskState) => TaskState): ApplicationState {
  const task = state.tasks[taskId];
  if (!task) return state;
  return { ...state, tasks: { ...state.tasks, [taskId]: change(task) } };
}

function decided(state: ApplicationState, status: ApplicationStatus, at: string, reason?: string): ApplicationState {
  return { ...state, status, stage: 'closed', closedAtStage: state.stage, decidedAt: state.decidedAt ?? at, closingReason: reason ?? state.closingReason };
}

/** The first clawback not yet repaid in full, with what is still outstanding. */
export function outstandingClawback(state: ApplicationState): { claimId: string; outstandingFen: number } | null {
  const claim = (state.clawbacks ?? []).find((c) => c.amountFen > (c.repaidFen ?? 0));
  return claim ? { claimId: claim.claimId, outstandingFen: claim.amountFen - (claim.repaidFen ?? 0) } : null;
}

/**
 * The returns for supplement a reviewer has made on this application (一次性告知 limits their number); a milestone
 * returned for a new report counts for that milestone only (milestoneReturns).
 */
export function returnsMade(state: ApplicationState): number {
  return Object.values(state.tasks).filter((t) => t.status === 'completed' && t.outcome === 'return' && returnsForSupplement(t.kind) && t.kind !== TASK_KINDS.milestoneVerification)
    .length;
}

/**
 * Who took the decision the file was closed with: whoever completed a task at the step it stopped at (a reviewer,
 * an employer, every member of a panel). An automatic decision has none.
 */
export function decidersOf(state: ApplicationState): string[] {
  const stage = state.closedAtStage;
  const people = Object.values(state.tasks)
    .filter((t) => t.status === 'completed' && t.stage === stage && t.completedBy)
    .map((t) => t.completedBy!);
  return [...new Set(people)];
}

/**
 * Folds one stored event into the application's state. The same function serves the workflow, the inline
 * read models and the auditors' replay, so all three always agree.
 */
export function evolve(state: ApplicationState | null, event: EvolvableEvent): ApplicationState {
  if (event.type === 'ApplicationSubmitted') {
    const d = event.data;
    return {
      id: d.applicationId,
      program: d.program,
      status: 'submitted',
      stage: 'submitted',
      town: d.town,
      policyVersion: d.policyVersion,
      applicant: d.applicant,
      form: d.form,
      requestHash: d.requestHash,
      submittedAt: event.recordedAt,
      version: event.version,
      tasks: {},
      checks: [],
      payments: [],
      clock: { running: true, pausedMs: 0 },
      formRevision: 0,
      ...(d.documents?.length ? { documents: d.documents } : {}),
    };
  }
  if (!state) throw new Error(`event ${event.type} before ApplicationSubmitted`);
  const next = applyEvent(state, event);
  return { ...next, version: event.version };
}

function applyEvent(state: ApplicationState, event: EvolvableEvent): ApplicationState {
  const at = event.recordedAt;
  switch (event.type) {
    case 'ApplicationSubmitted':
      return state;
    case 'AutomaticCheckRecorded':
      return { ...state, stage: 'automatic-checks', checks: [...state.checks, event.data] };
    case 'TaskCreated': {
      const d = event.data;
      const task: TaskState = {
        taskId: d.taskId,
        kind: d.kind,
        stage: d.stage,
        candidates: d.candidates,
        queue: d.candidates.queues[0] ?? '',
        outcomes: d.outcomes,
        status: 'open',
        priority: d.priority,
        createdAt: at,
        dueAt: d.dueAt,
        escalated: false,
        escalationQueue: d.escalationQueue,
        calendarBasis: d.calendarBasis,
        ...(d.recused?.length ? { recused: d.recused } : {}),
      };
      const status = state.status === 'submitted' ? 'in-review' : state.status;
      return { ...state, status, stage: d.stage, tasks: { ...state.tasks, [d.taskId]: task } };
    }
    case 'TaskClaimed':
      return withTask(state, event.data.taskId, (t) => ({ ...t, status: 'claimed', claimedBy: event.data.by }));
    case 'TaskReassigned':
      return withTask(state, event.data.taskId, (t) => ({ ...t, status: 'claimed', claimedBy: event.data.to }));
    case 'TaskReleased':
      return withTask(state, event.data.taskId, (t) => ({ ...t, status: 'open', claimedBy: undefined }));
    case 'TaskEscalated':
      return withTask(state, event.data.taskId, (t) => ({
        ...t,
        escalated: true,
        queue: event.data.toQueue,
        candidates: { ...t.candidates, queues: [...new Set([...t.candidates.queues, event.data.toQueue])] },
      }));
    case 'TaskCompleted': {
      const returned = event.data.outcome === 'return' && state.tasks[event.data.taskId]?.kind === TASK_KINDS.milestoneVerification;
      return withTask(returned ? { ...state, milestoneReturns: (state.milestoneReturns ?? 0) + 1 } : state, event.data.taskId, (t) => ({
        ...t,
        status: 'completed',
        outcome: event.data.outcome,
        comment: event.data.comment,
        fields: event.data.fields,
        completedBy: event.data.by,
        completedAt: at,
        ...(event.data.documents?.length ? { documents: event.data.documents } : {}),
        claimedBy: t.claimedBy ?? event.data.by,
      }));
    }
    case 'TaskCancelled':
      return withTask(state, event.data.taskId, (t) => ({ ...t, status: 'cancelled' }));
    case 'SupplementRequested':
      return {
        ...state,
        status: 'awaiting-supplement',
        stage: 'supplement',
        supplement: {
          taskId: event.data.taskId,
          comment: event.data.comment,
          requestedAt: at,
          dueAt: event.data.dueAt,
          ...(event.data.items ? { items: event.data.items } : {}),
        },
      };
    case 'SupplementProvided':
      return {
        ...state,
        status: 'in-review',
        form: event.data.form ?? state.form,
        formRevision: state.formRevision + (event.data.formChanged ? 1 : 0),
        // New versions of materials are added; the versions before stay (the newest of a key is the one in force).
        ...(event.data.documents?.length ? { documents: [...(state.documents ?? []), ...event.data.documents] } : {}),
        supplement: undefined,
        supplements: [
          ...(state.supplements ?? []),
          {
            message: event.data.message,
            formChanged: event.data.formChanged,
            providedAt: at,
            ...(event.data.answers ? { answers: event.data.answers } : {}),
            // What the return asked for, kept beside the answer for the next reviewer.
            ...(state.supplement?.items ? { items: state.supplement.items } : {}),
          },
        ],
      };
    case 'DeadlineClockPaused':
      return { ...state, clock: { ...state.clock, running: false, pausedAt: at } };
    case 'DeadlineClockResumed':
      return { ...state, clock: { running: true, pausedMs: state.clock.pausedMs + event.data.pausedMs } };
    case 'ApplicationApproved':
      return { ...decided(state, 'approved', at), stage: 'approved', approvedAmountFen: event.data.amountFen };
    case 'ApplicationRejected':
      return decided(state, 'rejected', at, event.data.reason);
    case 'ApplicationWithdrawn':
      return decided(state, 'withdrawn', at, event.data.reason);
    case 'ApplicationLapsed':
      return decided(state, 'lapsed', at, event.data.reason);
    case 'PaymentInstructed': {
      const d = event.data;
      const payment: PaymentState = {
        paymentId: d.paymentId,
        amountFen: d.amountFen,
        purpose: d.purpose,
        status: 'instructed',
        instructedAt: at,
        gatewayReference: d.gatewayReference,
      };
      return { ...state, status: 'in-payment', stage: 'payment', payments: [...state.payments, payment] };
    }
    case 'PaymentConfirmed':
      return {
        ...state,
        payments: state.payments.map((p) =>
          p.paymentId === event.data.paymentId ? { ...p, status: 'confirmed', confirmedAt: at, reference: event.data.reference } : p,
        ),
      };
    case 'PaymentFailed':
      return {
        ...state,
        payments: state.payments.map((p) => (p.paymentId === event.data.paymentId ? { ...p, status: 'failed' } : p)),
      };
    case 'ApplicationCompleted':
      return { ...state, status: 'completed', stage: 'closed', completedAt: at };
    case 'PanelDrawn':
      return {
        ...state,
        stage: event.data.purpose,
        panel: { panelId: event.data.panelId, purpose: event.data.purpose, members: event.data.members, replaced: [] },
      };
    case 'PanelMemberReplaced': {
      const panel = state.panel;
      if (!panel || panel.panelId !== event.data.panelId) return state;
      const { memberId, replacementId } = event.data;
      const members = panel.members.filter((m) => m !== memberId).concat(replacementId ? [replacementId] : []);
      return { ...state, panel: { ...panel, members, replaced: [...panel.replaced, memberId] } };
    }
    case 'PanelConcluded':
      return state.panel?.panelId === event.data.panelId ? { ...state, panel: { ...state.panel, result: event.data.result } } : state;
    case 'LeadershipDecided':
      return { ...state, stage: 'leadership-decision', ...(event.data.package ? { package: event.data.package } : {}) };
    case 'PublicNoticeOpened': {
      const d = event.data;
      return {
        ...state,
        stage: d.scope === 'public' ? 'public-notice' : 'employer-notice',
        notice: { noticeId: d.noticeId, scope: d.scope, summary: d.summary, closesAt: d.closesAt, open: true, objections: [] },
      };
    }
    case 'ObjectionFiled': {
      const notice = state.notice;
      if (!notice || notice.noticeId !== event.data.noticeId) return state;
      const objection = { objectionId: event.data.objectionId, by: event.data.by, text: event.data.text, filedAt: at };
      return { ...state, notice: { ...notice, objections: [...notice.objections, objection] } };
    }
    case 'PublicNoticeClosed':
      return state.notice?.noticeId === event.data.noticeId ? { ...state, notice: { ...state.notice, open: false } } : state;
    case 'PaymentScheduleSet':
      return { ...state, schedule: event.data.items, milestoneReturns: 0 };
    case 'AgreementSigned':
      return { ...state, stage: 'milestones', agreementSignedAt: at };
    case 'MilestoneVerified':
      return { ...state, milestoneReturns: 0, milestonesVerified: [...(state.milestonesVerified ?? []), { key: event.data.key, passed: event.data.passed }] };
    case 'BenefitSuspended':
      return { ...state, status: 'suspended', stage: 'suspended' };
    case 'BenefitResumed':
      return { ...state, status: 'in-payment', stage: 'milestones', milestoneReturns: 0 };
    case 'BenefitStopped':
      return { ...state, status: 'terminated', stage: 'closed', closedAtStage: state.stage, completedAt: at, closingReason: event.data.reason };
    case 'ReconsiderationWindowOpened':
      return { ...state, reconsideration: { decision: event.data.decision, dueAt: event.data.dueAt, status: 'open' } };
    case 'ReconsiderationWindowClosed':
      return state.reconsideration ? { ...state, reconsideration: { ...state.reconsideration, status: 'closed' } } : state;
    case 'ReconsiderationRequested':
      if (!state.reconsideration) return state;
      return {
        ...state,
        status: 'reconsidering',
        stage: 'reconsideration',
        reconsideration: { ...state.reconsideration, status: 'requested', reason: event.data.reason, requestedAt: at },
      };
    case 'ReconsiderationDecided': {
      const r = state.reconsideration;
      if (!r) return state;
      const d = event.data;
      const outcome = { ...r, outcome: d.outcome, comment: d.comment, decidedAt: at };
      if (d.outcome === 'uphold') {
        return { ...state, status: r.decision.status, stage: 'closed', reconsideration: { ...outcome, status: 'upheld', ...(d.rights ? { rights: d.rights } : {}) } };
      }
      // Set aside: a stopped benefit runs on; a rejected file is undecided again, back at the step it was stopped at.
      if (r.decision.status === 'terminated') {
        return { ...state, status: 'in-payment', stage: d.resumeStage ?? r.decision.stage, completedAt: undefined, closingReason: undefined, reconsideration: { ...outcome, status: 'overturned' } };
      }
      return {
        ...state,
        status: 'in-review',
        stage: d.resumeStage ?? r.decision.stage,
        decidedAt: undefined,
        completedAt: undefined,
        closingReason: undefined,
        reconsideration: { ...outcome, status: 'overturned' },
      };
    }
    case 'ClawbackClaimed':
      return { ...state, clawbacks: [...(state.clawbacks ?? []), event.data] };
    case 'ClawbackRepaid':
      return {
        ...state,
        clawbacks: (state.clawbacks ?? []).map((c) => (c.claimId === event.data.claimId ? { ...c, repaidFen: (c.repaidFen ?? 0) + event.data.amountFen } : c)),
      };
    case 'StopProposed': {
      const d = event.data;
      const proposal = { reason: d.reason, ...(d.detail ? { detail: d.detail } : {}), statementDueAt: d.statementDueAt, resumeStage: state.stage };
      return { ...state, status: 'suspended', stage: 'stop-review', stopProposal: proposal };
    }
    case 'StatementSubmitted':
      return state.stopProposal ? { ...state, stopProposal: { ...state.stopProposal, statement: event.data.text, statementAt: at } } : state;
    case 'StopProposalDecided': {
      const proposal = state.stopProposal ? { ...state.stopProposal, outcome: event.data.outcome, ...(event.data.comment ? { comment: event.data.comment } : {}) } : undefined;
      // Continued: the benefit runs on; stopped: BenefitStopped follows.
      return event.data.outcome === 'continue' ? { ...state, status: 'in-payment', stage: state.stopProposal?.resumeStage ?? 'instalments', stopProposal: proposal } : { ...state, stopProposal: proposal };
    }
    case 'TitleConferred':
      return { ...state, stage: 'title-conferred', title: event.data };
    default: {
      const unknownEvent: never = event;
      throw new Error(`unknown event ${(unknownEvent as { type: string }).type}`);
    }
  }
}

export function replay(events: readonly EvolvableEvent[]): ApplicationState | null {
  return events.reduce<ApplicationState | null>((state, event) => evolve(state, event), null);
}
