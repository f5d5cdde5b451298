import { given } from '#test/support/decider-spec';
import { ApplicationEvent } from './application.events';
import { TaskActor } from './application.decider';

const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: {
    applicationId: 'a1',
    program: 'skill-subsidy',
    town: 'wangdian',
    policyVersion: 1,
    applicant: { sub: 'u1', name: '张三', idNumber: '11010519491231002X' },
    form: { level: 3 },
    requestHash: 'h',
  },
};
const reviewTask: ApplicationEvent = {
  type: 'TaskCreated',
  data: {
    taskId: 't1',
    kind: 'review',
    stage: 'review',
    candidates: { role: 'reviewer', queues: ['hrss-skill'] },
    outcomes: ['approve', 'reject', 'return'],
    priority: 0,
    dueAt: '2026-03-09T16:00:00.000Z',
    calendarBasis: 'chinese-days',
    escalationQueue: 'hrss-skill-lead',
  },
};
const alice: TaskActor = { id: 'alice', roles: ['reviewer'], queues: ['hrss-skill'] };
const bob: TaskActor = { id: 'bob', roles: ['reviewer'], queues: ['hrss-skill'] };
const outsider: TaskActor = { id: 'eve', roles: ['reviewer'], queues: ['hrss-title'] };

describe('application decider', () => {
  it('claims an open task for a candidate, and claiming it again changes nothing', () => {
    given(submitted, reviewTask).when({ type: 'ClaimTask', taskId: 't1', actor: alice }).then([{ type: 'TaskClaimed', data: { taskId: 't1', by: 'alice' } }]);
    given(submitted, reviewTask, { type: 'TaskClaimed', data: { taskId: 't1', by: 'alice' } })
      .when({ type: 'ClaimTask', taskId: 't1', actor: alice })
      .then([]);
  });

  it('refuses a task claimed by someone else, a closed task, a non-candidate and an unknown task', () => {
    const claimed = given(submitted, reviewTask, { type: 'TaskClaimed', data: { taskId: 't1', by: 'alice' } });
    claimed.when({ type: 'CompleteTask', taskId: 't1', actor: bob, outcome: 'approve', fields: {} }).thenFails('TASK.CLAIMED_BY_OTHER');
    claimed.when({ type: 'ReleaseTask', taskId: 't1', actor: bob }).thenFails('TASK.CLAIMED_BY_OTHER');
    given(submitted, reviewTask, { type: 'TaskCompleted', data: { taskId: 't1', outcome: 'approve', by: 'alice', fields: {} } })
      .when({ type: 'CompleteTask', taskId: 't1', actor: alice, outcome: 'approve', fields: {} })
      .thenFails('TASK.NOT_OPEN');
    given(submitted, reviewTask).when({ type: 'ClaimTask', taskId: 't1', actor: outsider }).thenFails('TASK.NOT_CANDIDATE');
    given(submitted, reviewTask).when({ type: 'ClaimTask', taskId: 'nope', actor: alice }).thenFails('TASK.NOT_FOUND');
  });

  it('needs a comment to reject or return, and only the outcomes the task allows', () => {
    given(submitted, reviewTask).when({ type: 'CompleteTask', taskId: 't1', actor: alice, outcome: 'reject', fields: {} }).thenFails('TASK.INVALID_OUTCOME');
    given(submitted, reviewTask)
      .when({ type: 'CompleteTask', taskId: 't1', actor: alice, outcome: 'return', comment: '补充材料', fields: {} })
      .then([{ type: 'TaskCompleted', data: { taskId: 't1', outcome: 'return', comment: '补充材料', by: 'alice', fields: {} } }]);
  });

  it('escalates an overdue task once, to its escalation queue, and the lead becomes a candidate', () => {
    const g = given(submitted, reviewTask);
    g.when({ type: 'EscalateTask', taskId: 't1' }).then([
      { type: 'TaskEscalated', data: { taskId: 't1', fromQueue: 'hrss-skill', toQueue: 'hrss-skill-lead', overdueSince: '2026-03-09T16:00:00.000Z' } },
    ]);
    const escalated = given(submitted, reviewTask, {
      type: 'TaskEscalated',
      data: { taskId: 't1', fromQueue: 'hrss-skill', toQueue: 'hrss-skill-lead', overdueSince: 'x' },
    });
    escalated.when({ type: 'EscalateTask', taskId: 't1' }).then([]);
    expect(escalated.state().tasks.t1).toMatchObject({ queue: 'hrss-skill-lead', escalated: true });
    escalated
      .when({ type: 'ClaimTask', taskId: 't1', actor: { id: 'lead', roles: ['reviewer'], queues: ['hrss-skill-lead'] } })
      .then([{ type: 'TaskClaimed', data: { taskId: 't1', by: 'lead' } }]);
  });

  it('withdraws an undecided application and cancels its open tasks; a decided one is refused', () => {
    given(submitted, reviewTask).when({ type: 'Withdraw', reason: 'r' }).then([
      { type: 'TaskCancelled', data: { taskId: 't1', reason: 'withdrawn' } },
      { type: 'ApplicationWithdrawn', data: { reason: 'r' } },
    ]);
    given(submitted, { type: 'ApplicationApproved', data: { amountFen: 1 } }).when({ type: 'Withdraw', reason: 'r' }).thenFails('APPLICATION.ALREADY_DECIDED');
  });

  it('pauses the deadline clock for a supplement and resumes it with the paused time', () => {
    const g = given(submitted, reviewTask, {
      type: 'SupplementRequested',
      data: { taskId: 't1', comment: 'c', dueAt: 'x', calendarBasis: 'chinese-days' },
    }, { type: 'DeadlineClockPaused', data: { reason: 'awaiting-supplement' } });
    expect(g.state()).toMatchObject({ status: 'awaiting-supplement', clock: { running: false } });
    const pausedAt = g.state().clock.pausedAt!;
    const now = new Date(Date.parse(pausedAt) + 3_600_000).toISOString();
    g.when({ type: 'ProvideSupplement', message: 'm', now }).then([
      { type: 'SupplementProvided', data: { message: 'm', formChanged: false } },
      { type: 'DeadlineClockResumed', data: { pausedMs: 3_600_000 } },
    ]);
    given(submitted, reviewTask).when({ type: 'ProvideSupplement', message: 'm', now }).thenFails('APPLICATION.NOT_AWAITING_SUPPLEMENT');
  });

  it('moves status through approval, payment and completion', () => {
    const g = given(
      submitted,
      reviewTask,
      { type: 'TaskCompleted', data: { taskId: 't1', outcome: 'approve', by: 'alice', fields: {} } },
      { type: 'ApplicationApproved', data: { amountFen: 200000 } },
      { type: 'PaymentInstructed', data: { paymentId: 'p1', amountFen: 200000, purpose: 'skill-subsidy', payeeAccountMasked: '***1', gatewayReference: 'g' } },
      { type: 'PaymentConfirmed', data: { paymentId: 'p1', reference: 'r' } },
    );
    expect(g.state()).toMatchObject({ status: 'in-payment', approvedAmountFen: 200000, payments: [{ status: 'confirmed', reference: 'r' }] });
    g.when({ type: 'Complete' }).then([{ type: 'ApplicationCompleted', data: {} }]);
  });
});
