import type { ClawbackClaim, FundingPackage, MeetingRecord, ProgramEvent } from '../application/application.events';
import type { ApplicationState } from '../application/application.state';
import { assertOpen } from '../application/open-application';

/** 顶尖人才 "一事一议": the leadership's decision, the agreement, milestones, suspension and termination. */
export type TopTalentCommand =
  | { type: 'DecideLeadership'; decision: 'approve' | 'reject'; package?: FundingPackage; comment?: string; meeting?: MeetingRecord }
  | { type: 'SignAgreement'; by: string }
  | { type: 'LapseAgreement' }
  | { type: 'VerifyMilestone'; key: string; passed: boolean; comment?: string }
  | { type: 'SuspendBenefit'; reason: string; key: string }
  | { type: 'ResumeBenefit'; decision: 'continue' | 'adjust'; comment?: string }
  /** The leadership ends the award: the clawback is the policy's share of what has been paid (confirmed). */
  /** `deferClawback`: the clawback is claimed once the termination is final (ClaimClawback), not with it. */
  | { type: 'TerminateBenefit'; detail: string; clawbackPercentOfPaid: number; deferClawback?: boolean };

/** Money paid out so far on this application: confirmed payments only. */
export function paidFen(state: ApplicationState): number {
  return state.payments.filter((p) => p.status === 'confirmed').reduce((sum, p) => sum + p.amountFen, 0);
}

/** What a terminated sponsor repays: the policy's share of the money paid so far, or nothing. */
export function terminationClawback(state: ApplicationState, clawbackPercentOfPaid: number): ClawbackClaim | null {
  const paid = paidFen(state);
  const amountFen = Math.round((paid * clawbackPercentOfPaid) / 100);
  return amountFen > 0 ? { claimId: 'termination', amountFen, basis: `${clawbackPercentOfPaid}% of ${paid} fen paid` } : null;
}

export function decideTopTalent(command: TopTalentCommand, state: ApplicationState): ProgramEvent[] {
  assertOpen(state);
  const comment = (c?: string) => (c ? { comment: c } : {});
  switch (command.type) {
    case 'DecideLeadership':
      return [
        {
          type: 'LeadershipDecided',
          data: {
            decision: command.decision,
            ...(command.decision === 'approve' && command.package ? { package: command.package } : {}),
            ...comment(command.comment),
            ...(command.meeting ? { meeting: command.meeting } : {}),
          },
        },
      ];
    case 'SignAgreement':
      return [{ type: 'AgreementSigned', data: { by: command.by } }];
    case 'LapseAgreement':
      return [{ type: 'BenefitStopped', data: { reason: 'agreement-not-signed' } }];
    case 'VerifyMilestone':
      return [{ type: 'MilestoneVerified', data: { key: command.key, passed: command.passed, ...comment(command.comment) } }];
    case 'SuspendBenefit':
      return [{ type: 'BenefitSuspended', data: { reason: command.reason, key: command.key } }];
    case 'ResumeBenefit':
      return [{ type: 'BenefitResumed', data: { decision: command.decision, ...comment(command.comment) } }];
    case 'TerminateBenefit': {
      const claim = command.deferClawback ? null : terminationClawback(state, command.clawbackPercentOfPaid);
      return [
        { type: 'BenefitStopped', data: { reason: 'terminated-by-leadership', detail: command.detail } },
        ...(claim ? [{ type: 'ClawbackClaimed' as const, data: claim }] : []),
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown top-talent command ${(unknown as { type: string }).type}`);
    }
  }
}
