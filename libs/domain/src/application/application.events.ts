import { ApplicationStatus, Program, Role } from '../shared/programs';
import { CalendarBasis } from '../calendar/calendar-basis';
import type { DocumentRef } from '../policy/materials';

/** Who caused an event: a person acting in one of their roles, or the engine itself. */
export interface ActorRef {
  id: string;
  role: Role | 'system';
}

export interface Applicant {
  sub: string;
  name: string;
  idNumber: string;
  orgCode?: string;
}

export type TaskOutcome = 'approve' | 'reject' | 'return' | ReconsiderationOutcome;

/** 复核: the lead keeps the decision under review (维持) or sets it aside (撤销), the file going back to its step. */
export type ReconsiderationOutcome = 'uphold' | 'overturn';

/** 一次性告知: one thing the applicant must supply or correct, named once, all at once. */
export interface ReturnItem {
  /** The form field concerned, when there is one. */
  field?: string;
  /** The document (material) concerned, when there is one. */
  document?: string;
  reason: string;
}

/** A decision the applicant may ask to have reconsidered: what was decided, at which step, and by whom. */
/** 追缴: a claim on money paid, with how it was computed. */
export interface ClawbackClaim {
  claimId: string;
  amountFen: number;
  basis: string;
}

export interface DecisionUnderReview {
  status: 'rejected' | 'terminated';
  reason: string;
  /** The step where the file was stopped; an overturn sends it back there. */
  stage: string;
  automatic: boolean;
  /** Who took part in deciding (they may not reconsider it: 回避). */
  deciders: string[];
}

/** Who may act on a task: holders of `role` scoped to one of `queues`, or the named assignee. */
export interface TaskCandidates {
  role: Role;
  queues: string[];
  assignee?: { kind: 'sub' | 'orgCode'; value: string };
}

export interface CheckEvidence {
  check: string;
  source: string;
  checkedAt: string;
  passed: boolean;
  reason?: string;
  responseHash: string;
  details: Record<string, unknown>;
}

/** A funding package decided by the leadership ("一事一议"): the total and its milestones, and what is not money. */
export interface FundingPackage {
  totalFundingFen: number;
  milestones: { title: string; amountFen: number; dueOn: string }[];
  /** Working space granted (square metres), when any. */
  spaceSqm?: number;
  /** Housing granted (人才公寓, subsidy…), in words, when any. */
  housing?: string;
}

/** The collective meeting that took a leadership decision (集体研究): which body, when, and its minutes. */
export interface MeetingRecord {
  body: string;
  date: string;
  minutesRef: string;
}

/** One instalment of an application's payment schedule; `key` is also the payment's purpose. */
export interface ScheduleItem {
  key: string;
  purpose: string;
  amountFen: number;
  /** A calendar date (milestones) or an instant (anniversaries), when known. */
  dueOn?: string;
}

export type PanelPurpose = 'expert-panel' | 'committee';

/**
 * Events of the multi-step programs (PROGRAMS.md §2-§4): panels and committees, leadership decisions, public
 * notices, payment schedules, milestones, suspension and termination, titles.
 */
export type ProgramEvent =
  | {
      type: 'PanelDrawn';
      data: {
        panelId: string;
        purpose: PanelPurpose;
        /** The random seed of the draw: with the pool ids below, anyone can repeat it. */
        seed: string;
        size: number;
        poolIds: string[];
        excluded: { id: string; reason: string }[];
        members: string[];
      };
    }
  | {
      type: 'PanelMemberReplaced';
      data: { panelId: string; memberId: string; reason: 'conflict-of-interest' | 'no-response'; seed: string; replacementId?: string };
    }
  | {
      type: 'PanelConcluded';
      data: {
        panelId: string;
        purpose: PanelPurpose;
        result: 'passed' | 'failed' | 'inconclusive';
        members: number;
        responses: number;
        meanScore?: number;
        yes?: number;
        no?: number;
        abstain?: number;
        reason?: string;
      };
    }
  | { type: 'LeadershipDecided'; data: { decision: 'approve' | 'reject'; package?: FundingPackage; comment?: string; meeting?: MeetingRecord } }
  | {
      type: 'PublicNoticeOpened';
      data: {
        noticeId: string;
        scope: 'public' | 'employer-internal';
        summary: { name: string; program: Program; amountFen?: number; title?: string; project?: string; employer?: string };
        closesAt: string;
        calendarBasis: CalendarBasis;
      };
    }
  | { type: 'ObjectionFiled'; data: { noticeId: string; objectionId: string; by: string; text: string } }
  | { type: 'PublicNoticeClosed'; data: { noticeId: string; objections: number } }
  | { type: 'PaymentScheduleSet'; data: { items: ScheduleItem[]; reason: string } }
  | { type: 'AgreementSigned'; data: { by: string } }
  | { type: 'MilestoneVerified'; data: { key: string; passed: boolean; comment?: string } }
  | { type: 'BenefitSuspended'; data: { reason: string; key?: string } }
  | { type: 'BenefitResumed'; data: { decision: 'continue' | 'adjust'; comment?: string } }
  | { type: 'BenefitStopped'; data: { reason: string; detail?: string } }
  | { type: 'ClawbackClaimed'; data: ClawbackClaim }
  /** 陈述申辩: an automatic finding would stop the benefit; the applicant may reply before the office decides. */
  | { type: 'StopProposed'; data: { reason: string; detail?: string; statementDueAt: string; calendarBasis: CalendarBasis } }
  | { type: 'StatementSubmitted'; data: { text: string; by: string } }
  | { type: 'StopProposalDecided'; data: { outcome: 'stop' | 'continue'; by: string; comment?: string } }
  /** Money of a clawback returned (partial repayments allowed), with the bank's reference. */
  | { type: 'ClawbackRepaid'; data: { claimId: string; amountFen: number; reference: string } }
  | { type: 'TitleConferred'; data: { series: string; level: string; certificateNumber: string; decisionRef?: string } };

/**
 * The events every program shares. Names are past tense and stable: they are stored for years and replayed
 * by auditors. A change of shape gets a new schemaVersion and an upcaster, never an edit here.
 */
export type ApplicationEvent =
  | {
      type: 'ApplicationSubmitted';
      data: {
        applicationId: string;
        program: Program;
        town: string;
        policyVersion: number;
        applicant: Applicant;
        form: Record<string, unknown>;
        requestHash: string;
        /** The materials submitted (absent before documents were taken): the chain covers each file's SHA-256. */
        documents?: DocumentRef[];
      };
    }
  | { type: 'AutomaticCheckRecorded'; data: CheckEvidence }
  | {
      type: 'TaskCreated';
      data: {
        taskId: string;
        kind: string;
        stage: string;
        candidates: TaskCandidates;
        outcomes: TaskOutcome[];
        priority: number;
        dueAt: string;
        calendarBasis: CalendarBasis;
        escalationQueue?: string;
        /** People who may not act on this task although they hold its queue (回避: they took the decision it reviews). */
        recused?: string[];
      };
    }
  | { type: 'TaskClaimed'; data: { taskId: string; by: string } }
  | { type: 'TaskReleased'; data: { taskId: string; by: string } }
  | { type: 'TaskReassigned'; data: { taskId: string; from?: string; to: string; by: string; reason: string } }
  | { type: 'TaskEscalated'; data: { taskId: string; fromQueue: string; toQueue: string; overdueSince: string } }
  | {
      type: 'TaskCompleted';
      data: { taskId: string; outcome: TaskOutcome; comment?: string; by: string; fields: Record<string, unknown>; documents?: DocumentRef[] };
    }
  | { type: 'TaskCancelled'; data: { taskId: string; reason: string } }
  | { type: 'SupplementRequested'; data: { taskId: string; comment: string; dueAt: string; calendarBasis: CalendarBasis; items?: ReturnItem[] } }
  | { type: 'SupplementProvided'; data: { message: string; form?: Record<string, unknown>; formChanged: boolean; answers?: number[]; documents?: DocumentRef[] } }
  | { type: 'DeadlineClockPaused'; data: { reason: string } }
  | { type: 'DeadlineClockResumed'; data: { pausedMs: number } }
  | { type: 'ApplicationApproved'; data: { amountFen: number; comment?: string } }
  | { type: 'ApplicationRejected'; data: { reason: string; automatic: boolean; comment?: string } }
  | { type: 'ApplicationWithdrawn'; data: { reason: string } }
  | { type: 'ApplicationLapsed'; data: { reason: string } }
  | {
      type: 'PaymentInstructed';
      data: { paymentId: string; amountFen: number; purpose: string; payeeAccountMasked: string; gatewayReference: string };
    }
  | { type: 'PaymentConfirmed'; data: { paymentId: string; reference: string } }
  | { type: 'PaymentFailed'; data: { paymentId: string; reason: string } }
  | { type: 'ApplicationCompleted'; data: Record<string, never> }
  | { type: 'ReconsiderationWindowOpened'; data: { decision: DecisionUnderReview; dueAt: string; calendarBasis: CalendarBasis } }
  | { type: 'ReconsiderationWindowClosed'; data: { reason: 'not-requested' } }
  | { type: 'ReconsiderationRequested'; data: { reason: string; by: string } }
  | {
      type: 'ReconsiderationDecided';
      data: {
        outcome: ReconsiderationOutcome;
        by: string;
        comment: string;
        /** Upheld: the applicant's further remedies (行政复议, 行政诉讼), as the policy words them. */
        rights?: string;
        /** Overturned: the step the file goes back to. */
        resumeStage?: string;
      };
    }
  | ProgramEvent;

export type ApplicationEventType = ApplicationEvent['type'];

/** What the event store adds around an event. */
export type EventEnvelope = Omit<RecordedEvent, 'type' | 'data'>;

/**
 * A stored event of a stream whose events are `E`, each member of the union keeping its type and data together
 * (so a switch on `type` narrows `data`), as `EventStore.readStream<E>()` returns them.
 */
export type StreamEvent<E extends { type: string; data: unknown }> = E extends unknown ? EventEnvelope & E : never;

/** An event as stored: the envelope the event store adds around it. */
export interface RecordedEvent<E extends { type: string; data: unknown } = ApplicationEvent> {
  eventId: string;
  streamId: string;
  version: number;
  position: number;
  type: E['type'];
  schemaVersion: number;
  data: E['data'];
  metadata: EventMetadata;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

export interface EventMetadata {
  actor: ActorRef;
  workflowId: string;
  policyVersion: number;
  [key: string]: unknown;
}

export type StatusAfter = { [K in ApplicationEventType]?: ApplicationStatus };

/** An event the workflow hands to the event store; the store adds version, time and hash. */
export interface NewEvent {
  eventId: string;
  type: string;
  schemaVersion?: number;
  data: unknown;
  metadata: EventMetadata;
}
