import type { CalendarBasis } from '../calendar/calendar-basis';
import type { ClawbackClaim, ProgramEvent } from '../application/application.events';
import type { ApplicationState } from '../application/application.state';
import { assertOpen } from '../application/open-application';
import { DomainError } from '../shared/domain-error';

/** 硕博倍增: the yearly re-verification found the person gone from the district. */
export type DegreeDoublingCommand =
  | {
      type: 'StopForLeavingDistrict';
      instalment: number;
      /** The pro-rata claim on the settling subsidy (degree-doubling.rules.ts, clawbackFen), if any. */
      clawback: { amountFen: number; monthsServed: number; monthsRequired: number } | null;
    }
  /** 陈述申辩: the finding is put to the applicant, who may reply until `statementDueAt`; nothing stops yet. */
  | { type: 'ProposeStop'; reason: string; detail?: string; statementDueAt: string; calendarBasis: CalendarBasis }
  | { type: 'SubmitStatement'; text: string; by: string; now: string }
  | { type: 'DecideStopProposal'; outcome: 'stop' | 'continue'; by: string; comment?: string }
  | { type: 'RecordClawbackRepayment'; claimId: string; amountFen: number; reference: string };

export function decideDegreeDoubling(command: DegreeDoublingCommand, state: ApplicationState): ProgramEvent[] {
  switch (command.type) {
    case 'ProposeStop': {
      assertOpen(state);
      const { type: _type, ...data } = command;
      return [{ type: 'StopProposed', data }];
    }
    case 'SubmitStatement': {
      const p = state.stopProposal;
      if (!p || p.outcome || p.statement !== undefined) {
        throw new DomainError('STATEMENT.NOT_OPEN', p?.statement !== undefined ? 'a statement was already made' : 'no stop of the benefit is proposed');
      }
      if (Date.parse(command.now) >= Date.parse(p.statementDueAt)) {
        throw new DomainError('STATEMENT.NOT_OPEN', `a statement could be made until ${p.statementDueAt}`, { dueAt: p.statementDueAt });
      }
      return [{ type: 'StatementSubmitted', data: { text: command.text, by: command.by } }];
    }
    case 'DecideStopProposal':
      if (!state.stopProposal || state.stopProposal.outcome) throw new DomainError('STATEMENT.NOT_OPEN', 'no stop of the benefit is awaiting a decision');
      return [{ type: 'StopProposalDecided', data: { outcome: command.outcome, by: command.by, ...(command.comment ? { comment: command.comment } : {}) } }];
    case 'RecordClawbackRepayment': {
      const claim = state.clawbacks?.find((c) => c.claimId === command.claimId);
      const outstanding = claim ? claim.amountFen - (claim.repaidFen ?? 0) : 0;
      if (!claim || command.amountFen <= 0 || command.amountFen > outstanding) {
        throw new DomainError('TASK.INVALID_FIELDS', `repaidFen must be 1 to ${outstanding} fen (the outstanding amount)`, {
          errors: [{ path: 'repaidFen', message: `must be 1 to ${outstanding} fen, the amount still outstanding` }],
        });
      }
      return [{ type: 'ClawbackRepaid', data: { claimId: command.claimId, amountFen: command.amountFen, reference: command.reference } }];
    }
    case 'StopForLeavingDistrict':
      return stopForLeavingDistrict(command, state);
  }
}

/** The pro-rata claim on the settling subsidy of a graduate who left the district, or nothing. */
export function leavingClawback(claim: { amountFen: number; monthsServed: number; monthsRequired: number } | null): ClawbackClaim | null {
  if (!claim || claim.amountFen <= 0) return null;
  return { claimId: 'settling-subsidy', amountFen: claim.amountFen, basis: `pro rata: ${claim.monthsServed} of ${claim.monthsRequired} months served` };
}

function stopForLeavingDistrict(command: Extract<DegreeDoublingCommand, { type: 'StopForLeavingDistrict' }>, state: ApplicationState): ProgramEvent[] {
  assertOpen(state);
  const claim = leavingClawback(command.clawback);
  return [
    { type: 'BenefitStopped', data: { reason: 'left-district', detail: `re-verification before instalment ${command.instalment}` } },
    ...(claim ? [{ type: 'ClawbackClaimed' as const, data: claim }] : []),
  ];
}
