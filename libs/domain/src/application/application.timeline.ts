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
      return `returned for supplement (补正) until ${event.data.dueAt}: ${event.data.comment}${event.data.items?.length ? ` — ${event.data.items.length} item(s): ${event.data.items.map((i) => i.reason).join('; ')}` : ''}`;
    case 'SupplementProvided':
      return `supplement provided${event.data.formChanged ? ' with a corrected form' : ''}${event.data.answers?.length ? ` answering item(s) ${event.data.answers.join(', ')}` : ''}: ${event.data.message}`;
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
    case 'PanelDrawn':
      return `${event.data.purpose} drawn at random (seed ${event.data.seed}) from ${event.data.poolIds.length} experts, ${event.data.excluded.length} excluded: ${event.data.members.join(', ')}`;
    case 'PanelMemberReplaced':
      return `${event.data.memberId} replaced (${event.data.reason}) by ${event.data.replacementId ?? 'nobody: the pool is exhausted'} (seed ${event.data.seed})`;
    case 'PanelConcluded':
      return `${event.data.purpose} concluded: ${event.data.result} with ${event.data.responses} of ${event.data.members} responses${event.data.reason ? ` (${event.data.reason})` : ''}`;
    case 'LeadershipDecided':
      return `leadership decided: ${event.data.decision}${event.data.package ? `, package of ${event.data.package.totalFundingFen} fen in ${event.data.package.milestones.length} milestones` : ''}`;
    case 'PublicNoticeOpened':
      return `${event.data.scope === 'public' ? 'public' : "employer's internal"} notice opened until ${event.data.closesAt}: ${event.data.summary.name}`;
    case 'ObjectionFiled':
      return `objection ${event.data.objectionId} filed by ${event.data.by}`;
    case 'PublicNoticeClosed':
      return `notice closed with ${event.data.objections} objection(s)`;
    case 'PaymentScheduleSet':
      return `payment schedule (${event.data.reason}): ${event.data.items.map((i) => `${i.key} ${i.amountFen} fen`).join(', ')}`;
    case 'AgreementSigned':
      return `agreement signed by ${event.data.by}`;
    case 'MilestoneVerified':
      return `milestone ${event.data.key} ${event.data.passed ? 'verified' : 'failed verification'}${event.data.comment ? ` — ${event.data.comment}` : ''}`;
    case 'BenefitSuspended':
      return `remaining instalments suspended: ${event.data.reason}`;
    case 'BenefitResumed':
      return `instalments resumed (${event.data.decision})`;
    case 'BenefitStopped':
      return `benefit stopped: ${event.data.reason}${event.data.detail ? ` (${event.data.detail})` : ''}`;
    case 'ClawbackClaimed':
      return `clawback of ${event.data.amountFen} fen claimed: ${event.data.basis}`;
    case 'StopProposed':
      return `benefit to be stopped (${event.data.reason}${event.data.detail ? `: ${event.data.detail}` : ''}); the applicant may make a statement (陈述申辩) until ${event.data.statementDueAt}`;
    case 'StatementSubmitted':
      return `statement (陈述申辩) by ${event.data.by}: ${event.data.text}`;
    case 'StopProposalDecided':
      return `the office decided: ${event.data.outcome === 'stop' ? 'stop the benefit' : 'continue the benefit'}${event.data.comment ? ` — ${event.data.comment}` : ''}`;
    case 'ClawbackRepaid':
      return `clawback ${event.data.claimId}: ${event.data.amountFen} fen repaid (${event.data.reference})`;
    case 'ReconsiderationWindowOpened':
      return `reconsideration (复核) of the ${event.data.decision.status === 'rejected' ? 'rejection' : 'stop'} (${event.data.decision.reason}) may be asked for until ${event.data.dueAt}`;
    case 'ReconsiderationWindowClosed':
      return 'reconsideration window closed without a request: the decision is final';
    case 'ReconsiderationRequested':
      return `reconsideration requested by ${event.data.by}: ${event.data.reason}`;
    case 'ReconsiderationDecided':
      return `reconsideration decided by ${event.data.by}: ${event.data.outcome === 'uphold' ? 'decision upheld' : `decision overturned, back to ${event.data.resumeStage ?? 'its step'}`} — ${event.data.comment}`;
    case 'TitleConferred':
      return `title ${event.data.level} (${event.data.series}) conferred, certificate ${event.data.certificateNumber}${event.data.decisionRef ? `, decision ${event.data.decisionRef}` : ''}`;
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
