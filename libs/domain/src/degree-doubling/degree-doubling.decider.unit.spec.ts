import { given } from '#test/support/decider-spec';
import { ApplicationEvent } from '../application/application.events';

const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: { applicationId: 'd-1', program: 'degree-doubling', town: 'wangdian', policyVersion: 1, applicant: { sub: 'u', name: '王五', idNumber: '11010519491231002X' }, form: {}, requestHash: 'h' },
};
const approved: ApplicationEvent = { type: 'ApplicationApproved', data: { amountFen: 9_000_000 } };

describe('degree-doubling decider', () => {
  it('stops the schedule for a person who left the district, with the pro-rata claim on the settling subsidy', () => {
    given(submitted, approved)
      .when({ type: 'StopForLeavingDistrict', instalment: 2, clawback: { amountFen: 1_000_000, monthsServed: 24, monthsRequired: 36 } })
      .then([
        { type: 'BenefitStopped', data: { reason: 'left-district', detail: 're-verification before instalment 2' } },
        { type: 'ClawbackClaimed', data: { claimId: 'settling-subsidy', amountFen: 1_000_000, basis: 'pro rata: 24 of 36 months served' } },
      ]);
  });

  it('claims nothing when nothing is owed', () => {
    given(submitted, approved)
      .when({ type: 'StopForLeavingDistrict', instalment: 3, clawback: { amountFen: 0, monthsServed: 36, monthsRequired: 36 } })
      .then([{ type: 'BenefitStopped', data: { reason: 'left-district', detail: 're-verification before instalment 3' } }]);
  });
});
