import { ApplicationEvent, EventMetadata } from './application.events';

export interface TimelineEntry {
  version: number;
  recordedAt: string;
  actorId: string;
  actorRole: string;
  type: string;
  summary: string;
  policyVersion: number;
  hash: string;
}

type Recorded = ApplicationEvent & { version: number; recordedAt: string; metadata: EventMetadata; hash: string };

/** One readable line per event: who did what, for the auditors' dossier. */
export function describe(event: ApplicationEvent): string {
  switch (event.type) {
    case 'ApplicationSubmitted':
      return `submitted a ${event.data.program} application in ${event.data.town} under policy v${event.data.policyVersion}`;
    case 'AutomaticCheckRecorded':
      return `automatic check ${event.data.check} against ${event.data.source}: ${event.data.passed ? 'passed' : `failed (${event.data.reason})`}`;
    case 'TaskCreated':
      return `${event.data.kind} task ${event.data.taskId} opened in ${event.data.candidates.queues.join('/')}, due ${event.data.dueAt}`;
    case 'TaskClaimed':
      return `task ${event.data.taskId} claimed by ${event.data.by}`;
    case 'TaskReassigned':
      return `task ${event.data.taskId} reassigned by ${event.data.by} from ${event.data.from ?? 'nobody'} to ${event.data.to}: ${event.data.reason}`;
    case 'TaskReleased':
      return `task ${event.data.taskId} released by ${event.data.by}`;
    case 'TaskEscalated':
      return `task ${event.data.taskId} overdue since ${event.data.overdueSince}: escalated from ${event.data.fromQueue} to ${event.data.toQueue}`;
    case 'TaskCompleted':
      return `task ${event.data.taskId} completed by ${event.data.by}: ${event.data.outcome}${event.data.comment ? ` — ${event.data.comment}` : ''}`;
    case 'TaskCancelled':
      return `task ${event.data.taskId} cancelled (${event.data.reason})`;
    case 'SupplementRequested':
      return `returned for supplement (补正) until ${event.data.dueAt}: ${event.data.comment}`;
    case 'SupplementProvided':
      return `supplement provided${event.data.formChanged ? ' with a corrected form' : ''}: ${event.data.message}`;
    case 'DeadlineClockPaused':
      return `handling-time clock paused (${event.data.reason})`;
    case 'DeadlineClockResumed':
      return `handling-time clock resumed after ${Math.round(event.data.pausedMs / 60000)} minutes`;
    case 'ApplicationApproved':
      return `approved: ${event.data.amountFen} fen`;
    case 'ApplicationRejected':
      return `rejected${event.data.automatic ? ' automatically' : ''}: ${event.data.reason}${event.data.comment ? ` — ${event.data.comment}` : ''}`;
    case 'ApplicationWithdrawn':
      return `withdrawn by the applicant: ${event.data.reason}`;
    case 'ApplicationLapsed':
      return `lapsed: ${event.data.reason}`;
    case 'PaymentInstructed':
      return `payment ${event.data.paymentId} of ${event.data.amountFen} fen instructed to ${event.data.payeeAccountMasked} (${event.data.gatewayReference})`;
    case 'PaymentConfirmed':
      return `payment ${event.data.paymentId} confirmed (${event.data.reference})`;
    case 'PaymentFailed':
      return `payment ${event.data.paymentId} failed: ${event.data.reason}`;
    case 'ApplicationCompleted':
      return 'completed';
    default: {
      const unknown: never = event;
      return (unknown as { type: string }).type;
    }
  }
}

export function timeline(events: readonly Recorded[]): TimelineEntry[] {
  return events.map((e) => ({
    version: e.version,
    recordedAt: e.recordedAt,
    actorId: e.metadata.actor.id,
    actorRole: e.metadata.actor.role,
    type: e.type,
    summary: describe(e),
    policyVersion: e.metadata.policyVersion,
    hash: e.hash,
  }));
}
