import { given } from '#test/support/decider-spec';
import { ApplicationEvent } from './application.events';
import { TaskActor, decide } from './application.decider';

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
const items = [{ field: 'certificateNumber', reason: '证书编号与证书不一致' }, { document: '职业资格证书', reason: '扫描件不清晰' }];
const returned = (taskId: string): ApplicationEvent => ({ type: 'TaskCompleted', data: { taskId, outcome: 'return', comment: 'c', by: 'alice', fields: { items } } });

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
    given(submitted, reviewTask).when({ type: 'CompleteTask', taskId: 't1', actor: alice, outcome: 'uphold', comment: 'x', fields: {} }).thenFails('TASK.INVALID_OUTCOME');
    given(submitted, reviewTask)
      .when({ type: 'CompleteTask', taskId: 't1', actor: alice, outcome: 'return', comment: '补充材料', fields: { items } })
      .then([{ type: 'TaskCompleted', data: { taskId: 't1', outcome: 'return', comment: '补充材料', by: 'alice', fields: { items } } }]);
  });

  it('一次性告知: a return lists every missing item, at most maxReturns times per application', () => {
    given(submitted, reviewTask).when({ type: 'CompleteTask', taskId: 't1', actor: alice, outcome: 'return', comment: '补充材料', fields: {}, maxReturns: 2 }).thenFails('TASK.INVALID_FIELDS');
    given(submitted, reviewTask)
      .when({ type: 'CompleteTask', taskId: 't1', actor: alice, outcome: 'return', comment: 'c', fields: { items: [{ field: 'level' }] }, maxReturns: 2 })
      .thenFails('TASK.INVALID_FIELDS');
    // Runs that began before the rule (no maxReturns on their commands) replay their item-less returns.
    given(submitted, reviewTask)
      .when({ type: 'CompleteTask', taskId: 't1', actor: alice, outcome: 'return', comment: 'c', fields: {} })
      .then([{ type: 'TaskCompleted', data: { taskId: 't1', outcome: 'return', comment: 'c', by: 'alice', fields: {} } }]);
    const returnedTwice = given(submitted, reviewTask, returned('t1'), { ...reviewTask, data: { ...reviewTask.data, taskId: 't2' } }, returned('t2'), {
      ...reviewTask,
      data: { ...reviewTask.data, taskId: 't3' },
    });
    const third = { type: 'CompleteTask', taskId: 't3', actor: alice, outcome: 'return', comment: 'c', fields: { items } } as const;
    returnedTwice.when({ ...third, maxReturns: 2 }).thenFails('RETURN.LIMIT_REACHED');
    returnedTwice.when({ ...third, maxReturns: 3 }).then([{ type: 'TaskCompleted', data: { taskId: 't3', outcome: 'return', comment: 'c', by: 'alice', fields: { items } } }]);
    returnedTwice.when({ type: 'CompleteTask', taskId: 't3', actor: alice, outcome: 'approve', fields: {}, maxReturns: 2 }).then([
      { type: 'TaskCompleted', data: { taskId: 't3', outcome: 'approve', by: 'alice', fields: {} } },
    ]);
  });

  it('一次性告知: the supplement says which listed items it answers, and only those', () => {
    const awaiting = given(submitted, reviewTask, returned('t1'), {
      type: 'SupplementRequested',
      data: { taskId: 't1', comment: 'c', dueAt: 'x', calendarBasis: 'chinese-days', items },
    });
    expect(awaiting.state().supplement?.items).toEqual(items);
    awaiting.when({ type: 'ProvideSupplement', message: 'm', now: '2026-03-03T00:00:00.000Z', answers: [1, 0, 1] }).then([
      { type: 'SupplementProvided', data: { message: 'm', formChanged: false, answers: [0, 1] } },
      { type: 'DeadlineClockResumed', data: { pausedMs: 0 } },
    ]);
    awaiting.when({ type: 'ProvideSupplement', message: 'm', now: '2026-03-03T00:00:00.000Z', answers: [2] }).thenFails('SUPPLEMENT.UNKNOWN_ITEM');
  });

  describe('复核 (reconsideration)', () => {
    const rejectedByAlice = [
      submitted,
      reviewTask,
      { type: 'TaskCompleted', data: { taskId: 't1', outcome: 'reject', comment: '不符合', by: 'alice', fields: {} } },
      { type: 'TaskCancelled', data: { taskId: 'none', reason: 'rejected' } },
      { type: 'ApplicationRejected', data: { reason: 'REVIEW_REJECTED', automatic: false, comment: '不符合' } },
    ] as ApplicationEvent[];
    const windowOpen: ApplicationEvent = {
      type: 'ReconsiderationWindowOpened',
      data: { decision: { status: 'rejected', reason: 'REVIEW_REJECTED', stage: 'review', automatic: false, deciders: ['alice'] }, dueAt: '2026-03-20T16:00:00.000Z', calendarBasis: 'chinese-days' },
    };
    const request = { type: 'RequestReconsideration', reason: '我有新证据', by: 'u1', now: '2026-03-10T00:00:00.000Z' } as const;
    const reconsiderationTask: ApplicationEvent = {
      type: 'TaskCreated',
      data: {
        taskId: 'r1',
        kind: 'reconsideration',
        stage: 'reconsideration',
        candidates: { role: 'reviewer', queues: ['hrss-skill-lead'] },
        outcomes: ['uphold', 'overturn'],
        priority: 0,
        dueAt: 'x',
        calendarBasis: 'chinese-days',
        recused: ['alice'],
      },
    };

    it('opens a window naming the decision, its step and who took it; once per decision', () => {
      given(...rejectedByAlice).when({ type: 'OpenReconsiderationWindow', dueAt: '2026-03-20T16:00:00.000Z', calendarBasis: 'chinese-days' }).then([windowOpen]);
      given(...rejectedByAlice, windowOpen).when({ type: 'OpenReconsiderationWindow', dueAt: 'y', calendarBasis: 'chinese-days' }).then([]);
      given(submitted, reviewTask).when({ type: 'OpenReconsiderationWindow', dueAt: 'y', calendarBasis: 'chinese-days' }).thenFails('RECONSIDERATION.NOT_AVAILABLE');
      const automatic = given(submitted, { type: 'ApplicationRejected', data: { reason: 'CERTIFICATE_NOT_FOUND', automatic: true } });
      automatic.when({ type: 'OpenReconsiderationWindow', dueAt: 'd', calendarBasis: 'chinese-days' }).then([
        { type: 'ReconsiderationWindowOpened', data: { decision: { status: 'rejected', reason: 'CERTIFICATE_NOT_FOUND', stage: 'submitted', automatic: true, deciders: [] }, dueAt: 'd', calendarBasis: 'chinese-days' } },
      ]);
    });

    it('takes one request within the window; a second, a late one, or one after the window closed is refused', () => {
      const open = given(...rejectedByAlice, windowOpen);
      open.when(request).then([{ type: 'ReconsiderationRequested', data: { reason: '我有新证据', by: 'u1' } }]);
      open.when({ ...request, now: '2026-03-20T16:00:00.000Z' }).thenFails('RECONSIDERATION.WINDOW_CLOSED');
      given(...rejectedByAlice, windowOpen, { type: 'ReconsiderationWindowClosed', data: { reason: 'not-requested' } }).when(request).thenFails('RECONSIDERATION.WINDOW_CLOSED');
      const requested = given(...rejectedByAlice, windowOpen, { type: 'ReconsiderationRequested', data: { reason: 'r', by: 'u1' } });
      expect(requested.state()).toMatchObject({ status: 'reconsidering', stage: 'reconsideration' });
      requested.when(request).thenFails('RECONSIDERATION.ALREADY_REQUESTED');
      requested.when({ type: 'Withdraw', reason: 'r' }).thenFails('APPLICATION.ALREADY_DECIDED');
      given(...rejectedByAlice).when(request).thenFails('RECONSIDERATION.NOT_AVAILABLE');
    });

    it('recuses whoever took the decision; another lead decides', () => {
      const g = given(...rejectedByAlice, windowOpen, { type: 'ReconsiderationRequested', data: { reason: 'r', by: 'u1' } }, reconsiderationTask);
      const aliceAsLead: TaskActor = { id: 'alice', roles: ['reviewer'], queues: ['hrss-skill', 'hrss-skill-lead'] };
      const carol: TaskActor = { id: 'carol', roles: ['reviewer'], queues: ['hrss-skill-lead'] };
      g.when({ type: 'CompleteTask', taskId: 'r1', actor: aliceAsLead, outcome: 'overturn', comment: 'x', fields: {} }).thenFails('TASK.RECUSED');
      g.when({ type: 'ClaimTask', taskId: 'r1', actor: aliceAsLead }).thenFails('TASK.RECUSED');
      g.when({ type: 'CompleteTask', taskId: 'r1', actor: carol, outcome: 'overturn', comment: '证书有效', fields: {} }).then([
        { type: 'TaskCompleted', data: { taskId: 'r1', outcome: 'overturn', comment: '证书有效', by: 'carol', fields: {} } },
      ]);
    });

    it('upheld: final, with the rights statement; overturned: undecided again, back at the step it was stopped at', () => {
      const decided = (data: Extract<ApplicationEvent, { type: 'ReconsiderationDecided' }>['data']) =>
        given(...rejectedByAlice, windowOpen, { type: 'ReconsiderationRequested', data: { reason: 'r', by: 'u1' } }, { type: 'ReconsiderationDecided', data });
      const upheld = decided({ outcome: 'uphold', by: 'carol', comment: '维持', rights: '可申请行政复议' }).state();
      expect(upheld).toMatchObject({ status: 'rejected', reconsideration: { status: 'upheld', rights: '可申请行政复议', outcome: 'uphold' } });
      const overturned = decided({ outcome: 'overturn', by: 'carol', comment: '撤销', resumeStage: 'review' });
      expect(overturned.state()).toMatchObject({ status: 'in-review', stage: 'review', reconsideration: { status: 'overturned' } });
      expect(overturned.state().decidedAt).toBeUndefined();
      overturned.when({ type: 'Approve', amountFen: 1 }).then([{ type: 'ApplicationApproved', data: { amountFen: 1 } }]);
      given(...rejectedByAlice, windowOpen).when({ type: 'DecideReconsideration', outcome: 'uphold', by: 'c', comment: 'x' }).thenFails('RECONSIDERATION.NOT_AVAILABLE');
    });
  });

  describe('复核 of a stop, and the clawback once the stop is final', () => {
    const paying = [
      submitted,
      { type: 'ApplicationApproved', data: { amountFen: 9_000_000 } },
      { type: 'PaymentInstructed', data: { paymentId: 'p1', amountFen: 3_000_000, purpose: 'settling', payeeAccountMasked: '****', gatewayReference: 'g' } },
      { type: 'PaymentConfirmed', data: { paymentId: 'p1', reference: 'r' } },
      { type: 'StopProposed', data: { reason: 'left-district', statementDueAt: '2027-03-09T16:00:00.000Z', calendarBasis: 'chinese-days' } },
      {
        type: 'TaskCreated',
        data: { ...reviewTask.data, taskId: 's1', kind: 'stop-review', stage: 'stop-review', outcomes: ['approve', 'reject'], candidates: { role: 'reviewer', queues: ['talent-office'] } },
      },
      { type: 'TaskCompleted', data: { taskId: 's1', outcome: 'approve', by: 'officer', fields: {} } },
      { type: 'StopProposalDecided', data: { outcome: 'stop', by: 'officer' } },
      { type: 'BenefitStopped', data: { reason: 'left-district' } },
    ] as ApplicationEvent[];
    const claim = { claimId: 'settling-subsidy', amountFen: 3_000_000, basis: 'pro rata: 0 of 36 months served' };
    const open = { type: 'OpenReconsiderationWindow', dueAt: '2027-04-01T16:00:00.000Z', calendarBasis: 'chinese-days' } as const;

    it('opens a window on the stop, naming the officer who decided it (recused)', () => {
      given(...paying).when(open).then([
        {
          type: 'ReconsiderationWindowOpened',
          data: { decision: { status: 'terminated', reason: 'left-district', stage: 'stop-review', automatic: false, deciders: ['officer'] }, dueAt: open.dueAt, calendarBasis: 'chinese-days' },
        },
      ]);
    });

    it('claims the clawback only once the stop is final: not while it may still be reconsidered, once, never on a running benefit', () => {
      const windowOpen = given(...paying, ...(decide(open, given(...paying).state()) as ApplicationEvent[]));
      windowOpen.when({ type: 'ClaimClawback', claim }).thenFails('CLAWBACK.NOT_FINAL');
      const closed = given(...paying, ...(decide(open, given(...paying).state()) as ApplicationEvent[]), { type: 'ReconsiderationWindowClosed', data: { reason: 'not-requested' } });
      closed.when({ type: 'ClaimClawback', claim }).then([{ type: 'ClawbackClaimed', data: claim }]);
      given(...paying, { type: 'ClawbackClaimed', data: claim }).when({ type: 'ClaimClawback', claim }).then([]);
      given(...paying).when({ type: 'ClaimClawback', claim: { ...claim, amountFen: 0 } }).then([]);
      given(...paying.slice(0, 4)).when({ type: 'ClaimClawback', claim }).thenFails('CLAWBACK.NOT_FINAL');
    });

    it('a stop set aside: the benefit runs on from the step named', () => {
      const overturned = given(
        ...paying,
        ...(decide(open, given(...paying).state()) as ApplicationEvent[]),
        { type: 'ReconsiderationRequested', data: { reason: '仍在区内工作', by: 'u1' } },
        { type: 'ReconsiderationDecided', data: { outcome: 'overturn', by: 'lead', comment: '社保记录有误', resumeStage: 'instalments' } },
      );
      expect(overturned.state()).toMatchObject({ status: 'in-payment', stage: 'instalments', reconsideration: { status: 'overturned' } });
      overturned.when({ type: 'ClaimClawback', claim }).thenFails('CLAWBACK.NOT_FINAL');
    });
  });

  describe('硕博倍增: the employer confirms the labour contract', () => {
    const ddSubmitted: ApplicationEvent = { ...submitted, data: { ...(submitted as Extract<ApplicationEvent, { type: 'ApplicationSubmitted' }>).data, program: 'degree-doubling', form: { contractStart: '2026-07-01', contractEnd: '2029-06-30' } } };
    const confirmation: ApplicationEvent = {
      type: 'TaskCreated',
      data: { ...reviewTask.data, taskId: 'e1', kind: 'employment-confirmation', stage: 'employer-confirmation', candidates: { role: 'employer', queues: ['employers'], assignee: { kind: 'orgCode', value: 'ORG' } } },
    };
    const employer: TaskActor = { id: 'hr', roles: ['employer'], queues: [], orgCode: 'ORG' };
    const approve = { type: 'CompleteTask', taskId: 'e1', actor: employer, outcome: 'approve', confirmContract: true } as const;
    const term = { start: '2026-07-01', end: '2029-06-30' };

    it('records the contract it confirmed; dates other than the application declares are refused field by field', () => {
      given(ddSubmitted, confirmation).when({ ...approve, fields: { contract: term } }).then([{ type: 'TaskCompleted', data: { taskId: 'e1', outcome: 'approve', by: 'hr', fields: { contract: term } } }]);
      given(ddSubmitted, confirmation).when({ ...approve, fields: {} }).then([{ type: 'TaskCompleted', data: { taskId: 'e1', outcome: 'approve', by: 'hr', fields: { contract: term } } }]);
      expect(() => decide({ ...approve, fields: { contract: { start: '2026-07-02', end: '2030-06-30' } } }, given(ddSubmitted, confirmation).state())).toThrow(
        expect.objectContaining({ code: 'TASK.INVALID_FIELDS', details: { errors: [expect.objectContaining({ path: 'contract.start' }), expect.objectContaining({ path: 'contract.end' })] } }),
      );
      // Runs of before (no confirmContract) record the completion as it came, and cannot check a contract sent to them.
      given(ddSubmitted, confirmation).when({ ...approve, confirmContract: undefined, fields: {} }).then([{ type: 'TaskCompleted', data: { taskId: 'e1', outcome: 'approve', by: 'hr', fields: {} } }]);
      given(ddSubmitted, confirmation).when({ ...approve, confirmContract: undefined, fields: { contract: term } }).thenFails('TASK.INVALID_FIELDS');
    });
  });

  it('一次性告知 on a milestone: returns count per milestone, not against the application', () => {
    const verification = (taskId: string): ApplicationEvent => ({
      type: 'TaskCreated',
      data: { ...reviewTask.data, taskId, kind: 'milestone-verification', stage: 'milestones', candidates: { role: 'reviewer', queues: ['hrss-skill'] } },
    });
    const twice = [submitted, verification('m1'), returned('m1'), verification('m2'), returned('m2'), verification('m3')] as ApplicationEvent[];
    const third = { type: 'CompleteTask', taskId: 'm3', actor: alice, outcome: 'return', comment: 'c', fields: { items }, maxReturns: 2 } as const;
    given(...twice).when(third).thenFails('RETURN.LIMIT_REACHED');
    expect(given(...twice).state().milestoneReturns).toBe(2);
    // A verified milestone starts the count again, and milestone returns leave the application's own count alone.
    const next = given(...twice.slice(0, 5), { type: 'MilestoneVerified', data: { key: 'm-1', passed: true } }, verification('m3'), reviewTask);
    next.when(third).then([{ type: 'TaskCompleted', data: { taskId: 'm3', outcome: 'return', comment: 'c', by: 'alice', fields: { items } } }]);
    next.when({ ...third, taskId: 't1' }).then([{ type: 'TaskCompleted', data: { taskId: 't1', outcome: 'return', comment: 'c', by: 'alice', fields: { items } } }]);
    // A schedule set anew (the leadership adjusted the package) starts the count again too.
    expect(given(...twice, { type: 'PaymentScheduleSet', data: { items: [], reason: 'adjusted by the leadership' } }).state().milestoneReturns).toBe(0);
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
