import type { ProgramEvent } from '../application/application.events';
import type { ApplicationState } from '../application/application.state';
import { assertOpen } from '../application/open-application';

/** 硕博倍增: the yearly re-verification found the person gone from the district. */
export type DegreeDoublingCommand = {
  type: 'StopForLeavingDistrict';
  instalment: number;
  /** The pro-rata claim on the settling subsidy (degree-doubling.rules.ts, clawbackFen), if any. */
  clawback: { amountFen: number; monthsServed: number; monthsRequired: number } | null;
};

export function decideDegreeDoubling(command: DegreeDoublingCommand, state: ApplicationState): ProgramEvent[] {
  assertOpen(state);
  const claim = command.clawback;
  return [
    { type: 'BenefitStopped', data: { reason: 'left-district', detail: `re-verification before instalment ${command.instalment}` } },
    ...(claim && claim.amountFen > 0
      ? [
          {
            type: 'ClawbackClaimed' as const,
            data: { claimId: 'settling-subsidy', amountFen: claim.amountFen, basis: `pro rata: ${claim.monthsServed} of ${claim.monthsRequired} months served` },
          },
        ]
      : []),
  ];
}
