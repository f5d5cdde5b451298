import { given } from '#test/support/decider-spec';
import { ApplicationEvent } from '../application/application.events';

const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: {
    applicationId: 'tt-1',
    program: 'top-talent',
    town: 'hitech-zone',
    policyVersion: 1,
    applicant: { sub: 'sponsor', name: '示例单位联系人', idNumber: '11010519491231002X', orgCode: '914403001922038216' },
    form: {},
    requestHash: 'h',
  },
};
const pkg = { totalFundingFen: 500_000_00, milestones: [{ title: '样机', amountFen: 200_000_00, dueOn: '2027-06-30' }, { title: '量产', amountFen: 300_000_00, dueOn: '2028-06-30' }] };
const approved: ApplicationEvent = { type: 'ApplicationApproved', data: { amountFen: pkg.totalFundingFen } };
const paid = (id: string, amountFen: number): ApplicationEvent[] => [
  { type: 'PaymentInstructed', data: { paymentId: id, amountFen, purpose: 'm', payeeAccountMasked: '***1', gatewayReference: 'g' } },
  { type: 'PaymentConfirmed', data: { paymentId: id, reference: `bank-${id}` } },
];

describe('top-talent decider', () => {
  it('records the leadership decision with its package, or a rejection without one', () => {
    given(submitted)
      .when({ type: 'DecideLeadership', decision: 'approve', package: pkg, comment: '一事一议通过' })
      .then([{ type: 'LeadershipDecided', data: { decision: 'approve', package: pkg, comment: '一事一议通过' } }]);
    given(submitted)
      .when({ type: 'DecideLeadership', decision: 'reject', package: pkg })
      .then([{ type: 'LeadershipDecided', data: { decision: 'reject' } }]);
  });

  it('terminates with a clawback of the policy\'s share of what was confirmed paid, not of what was only instructed', () => {
    const history = [
      submitted,
      approved,
      ...paid('m-1', 200_000_00),
      { type: 'PaymentInstructed', data: { paymentId: 'm-2', amountFen: 300_000_00, purpose: 'm', payeeAccountMasked: '***1', gatewayReference: 'g' } },
    ] as ApplicationEvent[];
    given(...history)
      .when({ type: 'TerminateBenefit', detail: 'MILESTONE_FAILED at m-2', clawbackPercentOfPaid: 50 })
      .then([
        { type: 'BenefitStopped', data: { reason: 'terminated-by-leadership', detail: 'MILESTONE_FAILED at m-2' } },
        { type: 'ClawbackClaimed', data: { claimId: 'termination', amountFen: 100_000_00, basis: '50% of 20000000 fen paid' } },
      ]);
  });

  it('terminates without a claim when nothing was paid', () => {
    given(submitted, approved)
      .when({ type: 'TerminateBenefit', detail: 'MILESTONE_OVERDUE at m-1', clawbackPercentOfPaid: 100 })
      .then([{ type: 'BenefitStopped', data: { reason: 'terminated-by-leadership', detail: 'MILESTONE_OVERDUE at m-1' } }]);
  });

  it('signs, verifies, suspends and resumes, and lapses an unsigned agreement', () => {
    given(submitted, approved).when({ type: 'SignAgreement', by: 'sponsor' }).then([{ type: 'AgreementSigned', data: { by: 'sponsor' } }]);
    given(submitted, approved).when({ type: 'LapseAgreement' }).then([{ type: 'BenefitStopped', data: { reason: 'agreement-not-signed' } }]);
    given(submitted, approved).when({ type: 'VerifyMilestone', key: 'm-1', passed: false, comment: '未达标' }).then([{ type: 'MilestoneVerified', data: { key: 'm-1', passed: false, comment: '未达标' } }]);
    given(submitted, approved).when({ type: 'SuspendBenefit', reason: 'MILESTONE_FAILED', key: 'm-1' }).then([{ type: 'BenefitSuspended', data: { reason: 'MILESTONE_FAILED', key: 'm-1' } }]);
    given(submitted, approved).when({ type: 'ResumeBenefit', decision: 'continue' }).then([{ type: 'BenefitResumed', data: { decision: 'continue' } }]);
  });

  it('refuses every fact once the application is closed', () => {
    given(submitted, { type: 'ApplicationWithdrawn', data: { reason: '不再申请' } })
      .when({ type: 'SignAgreement', by: 'sponsor' })
      .thenFails('APPLICATION.CLOSED');
  });
});
