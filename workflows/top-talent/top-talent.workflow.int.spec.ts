import { randomUUID } from 'node:crypto';
import { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TaskActor, drawMembers, TOP_TALENT_POLICY_V1 as policy } from '#domain';
import { ExpertPool } from '#registries';
import { isolatedDatabase } from '../../test/support/database';
import { makeIdNumber, makeUscc } from '../../test/support/fixtures';
import { recordHistory } from '../../test/support/histories';
import { DAY, WorkflowBed, expertActor } from '../../test/support/workflow-bed';
import { eventually } from '../../test/support/workflow-env';
import { fileObjectionUpdate, requestReconsiderationUpdate, submitStatementUpdate, withdrawUpdate } from '../shared/application.messages';
import { topTalentWorkflow } from './top-talent.workflow';

const office: TaskActor = { id: 'officer-1', roles: ['reviewer'], queues: ['talent-office'] };
const leader: TaskActor = { id: 'leader-1', roles: ['leadership'], queues: ['leadership'] };
const lead: TaskActor = { id: 'lead-1', roles: ['reviewer'], queues: ['talent-office-lead'] };
const finance: TaskActor = { id: 'finance-1', roles: ['finance'], queues: ['finance'] };
// This suite's experts share a field no other suite uses, so draws here take only them.
const FIELD = 'knitwear';
const score = (x: number) => ({ conflictOfInterest: false, scores: { innovation: x, team: x, industryFit: x, feasibility: x } });

const meeting = { body: '区人才工作领导小组会议', date: '2026-11-20', minutesRef: '秀人才〔2026〕3号纪要' };

describe('top-talent workflow (time-skipping server, real PostgreSQL)', () => {
  let bed: WorkflowBed;
  const sponsorOrg = makeUscc();
  const experts = Array.from({ length: 8 }, (_, i) => ({ id: `tt-int-expert-${i}`, name: `专家${i}`, fields: [FIELD], ...(i === 7 ? { orgCode: sponsorOrg } : {}) }));

  beforeAll(async () => {
    bed = await WorkflowBed.start();
    await new ExpertPool(bed.ds).register(experts);
  });
  afterAll(async () => {
    await bed?.stop();
  });

  function application() {
    const sub = `sponsor-${randomUUID()}`;
    return bed.input(
      'top-talent',
      policy,
      {
        talent: { name: '欧阳明', category: 'team', honours: ['国家级人才计划'], idNumber: makeIdNumber('1975-05-05') },
        project: { title: '高性能纬编面料', industry: FIELD, summary: '纬编智能制造' },
        requestedSupport: { fundingFen: 500_000_000 },
      },
      { sub, name: '联系人', idNumber: makeIdNumber('1985-01-01'), orgCode: sponsorOrg },
    );
  }
  const sponsor = (i: ReturnType<typeof application>): TaskActor => ({ id: i.applicant.sub, roles: ['applicant'], queues: [] });
  // Milestones fall due a year and two years after the test server's clock, which earlier tests move on.
  let pkg: { totalFundingFen: number; milestones: { title: string; amountFen: number; dueOn: string }[] };
  beforeEach(async () => {
    const now = await bed.env.currentTimeMs();
    const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
    pkg = {
      totalFundingFen: 300_000_000,
      milestones: [
        { title: '中试线建成', amountFen: 100_000_000, dueOn: day(365) },
        { title: '量产', amountFen: 200_000_000, dueOn: day(730) },
      ],
    };
  });

  async function prescreened(i: ReturnType<typeof application>): Promise<WorkflowHandleWithFirstExecutionRunId> {
    const handle = await bed.start(topTalentWorkflow, i);
    const pre = await bed.openTask(i.applicationId, 'prescreen');
    await bed.complete(handle, pre.task_id, office, 'reviewer', 'approve');
    return handle;
  }

  /** Every member of the panel scores `x`; returns the panel's tasks. */
  async function panelScores(handle: WorkflowHandle, applicationId: string, x: number) {
    const tasks = await bed.openTasks(applicationId, 'expert-scoring', 5);
    for (const t of tasks) await bed.complete(handle, t.task_id, expertActor(t.assignee_value!), 'expert', 'approve', score(x));
    return tasks;
  }

  async function toLeadershipApproval(i: ReturnType<typeof application>) {
    const handle = await prescreened(i);
    await panelScores(handle, i.applicationId, 80);
    const decision = await bed.openTask(i.applicationId, 'leadership-decision');
    await bed.complete(handle, decision.task_id, leader, 'leadership', 'approve', { meeting, package: pkg }, '一事一议通过');
    return handle;
  }

  /** Approved by the leadership, the public notice passed without objections, the agreement signed by the sponsor. */
  async function toSignedAgreement(i: ReturnType<typeof application>) {
    const handle = await toLeadershipApproval(i);
    await bed.untilStage(i.applicationId, 'public-notice');
    await bed.env.sleep(10 * DAY);
    const sign = await bed.openTask(i.applicationId, 'agreement-signing');
    await bed.complete(handle, sign.task_id, sponsor(i), 'applicant', 'approve');
    return handle;
  }

  it('runs from pre-screening to the last milestone: seeded draw, conflict redraw, package, notice, agreement, instalments', async () => {
    const i = application();
    const id = i.applicationId;
    const handle = await prescreened(i);
    const tasks = await bed.openTasks(id, 'expert-scoring', 5);
    const members = tasks.map((t) => t.assignee_value!);
    expect(members).not.toContain('tt-int-expert-7'); // the sponsor's own expert is excluded (回避)

    // The first member declares a conflict: a replacement is drawn with a new recorded seed.
    await bed.complete(handle, tasks[0].task_id, expertActor(members[0]), 'expert', 'approve', { conflictOfInterest: true });
    const after = await bed.openTasks(id, 'expert-scoring', 5);
    const replacement = after.find((t) => !members.includes(t.assignee_value!))!;
    expect(replacement).toBeDefined();
    for (const t of after) await bed.complete(handle, t.task_id, expertActor(t.assignee_value!), 'expert', 'approve', score(t === after[0] ? 60 : 80));

    const events = await bed.events(id);
    const drawn = events.find((e) => e.type === 'PanelDrawn')!.data as { seed: string; poolIds: string[]; excluded: { id: string; reason: string }[]; members: string[] };
    // Anyone can repeat the draw from what was recorded.
    const pool = (await new ExpertPool(bed.ds).active()).filter((e) => drawn.poolIds.includes(e.id));
    expect(pool).toHaveLength(drawn.poolIds.length);
    expect(drawMembers({ pool, size: 5, seed: drawn.seed, excludeIds: new Map(), excludeOrgs: [sponsorOrg], field: FIELD }).members).toEqual(drawn.members);
    expect(drawn.excluded).toEqual([{ id: 'tt-int-expert-7', reason: 'same-organisation' }]);
    expect(events.find((e) => e.type === 'PanelMemberReplaced')!.data).toMatchObject({ memberId: members[0], reason: 'conflict-of-interest', replacementId: replacement.assignee_value });
    expect(events.find((e) => e.type === 'PanelConcluded')!.data).toMatchObject({ result: 'passed', responses: 5, meanScore: 7600 });

    const decision = await bed.openTask(id, 'leadership-decision');
    // A package whose milestones do not add up is refused with the failing field; so is a decision with no meeting.
    await expect(
      bed.complete(handle, decision.task_id, leader, 'leadership', 'approve', { meeting, package: { ...pkg, totalFundingFen: 1 } }),
    ).rejects.toMatchObject({ cause: { type: 'TASK.INVALID_FIELDS' } });
    await expect(bed.complete(handle, decision.task_id, leader, 'leadership', 'approve', { package: pkg })).rejects.toMatchObject({
      cause: { type: 'TASK.INVALID_FIELDS', message: expect.stringContaining('meeting') },
    });
    await bed.complete(handle, decision.task_id, leader, 'leadership', 'approve', { meeting, package: { ...pkg, spaceSqm: 800, housing: '人才公寓两套' } });
    expect((await bed.events(id)).find((e) => e.type === 'LeadershipDecided')!.data).toMatchObject({ meeting, package: { spaceSqm: 800, housing: '人才公寓两套' } });
    await bed.untilStatus(id, 'in-review');
    await bed.env.sleep(10 * DAY); // the 5-working-day notice closes without objections
    const sign = await bed.openTask(id, 'agreement-signing');
    await bed.complete(handle, sign.task_id, sponsor(i), 'applicant', 'approve');

    for (const [n, milestone] of pkg.milestones.entries()) {
      const report = await bed.openTask(id, 'milestone-report');
      await bed.complete(bed.client.workflow.getHandle(handle.workflowId), report.task_id, sponsor(i), 'applicant', 'approve', { evidence: { summary: `${milestone.title}完成` } });
      const verify = await bed.openTask(id, 'milestone-verification');
      await bed.complete(bed.client.workflow.getHandle(handle.workflowId), verify.task_id, office, 'reviewer', 'approve');
      const pay = await bed.openTask(id, 'payment-confirmation');
      await bed.complete(bed.client.workflow.getHandle(handle.workflowId), pay.task_id, finance, 'finance', 'approve', { paymentReference: `M${n + 1}` });
    }
    expect((await bed.client.workflow.getHandle(handle.workflowId).result()).status).toBe('completed');
    const all = await bed.types(id);
    expect(all).toEqual(expect.arrayContaining(['LeadershipDecided', 'PublicNoticeOpened', 'PublicNoticeClosed', 'ApplicationApproved', 'AgreementSigned', 'PaymentScheduleSet']));
    expect(all.filter((t) => t === 'MilestoneVerified')).toHaveLength(2);
    expect(all.filter((t) => t === 'PaymentConfirmed')).toHaveLength(2);
    const runs = await bed.runs(handle as unknown as { workflowId: string; firstExecutionRunId: string });
    expect(runs).toHaveLength(2); // continue-as-new after the first paid milestone
    await recordHistory('top-talent-meeting-recorded-run1', bed.client.workflow.getHandle(handle.workflowId, runs[0].runId));
    await recordHistory('top-talent-meeting-recorded-run2', bed.client.workflow.getHandle(handle.workflowId, runs[1].runId));
  });

  it('rejects at pre-screening with the comment', async () => {
    const i = application();
    const handle = await bed.start(topTalentWorkflow, i);
    const pre = await bed.openTask(i.applicationId, 'prescreen');
    expect((await bed.complete(handle, pre.task_id, office, 'reviewer', 'reject', {}, '不符合产业方向')).status).toBe('rejected');
  });

  it("rejects automatically a project outside the policy's industries (a policy version that narrowed them)", async () => {
    const narrowed = { ...policy, industries: ['digital'] };
    const i = bed.input('top-talent', narrowed, application().form, application().applicant, 2);
    const handle = await bed.start(topTalentWorkflow, i);
    expect((await bed.afterReconsiderationWindow(handle)).status).toBe('rejected');
    const events = await bed.events(i.applicationId);
    expect(events.find((e) => e.type === 'AutomaticCheckRecorded')!.data).toMatchObject({ check: 'industry-fit', passed: false });
    expect(events.find((e) => e.type === 'ApplicationRejected')!.data).toMatchObject({ reason: 'INDUSTRY_NOT_IN_DISTRICT_FOCUS', automatic: true });
    for (const e of events) expect(e.metadata.policyVersion).toBe(2);
  });

  it('rejects when the objection review finds the application itself wrong', async () => {
    const i = application();
    const handle = await toLeadershipApproval(i);
    await bed.untilStage(i.applicationId, 'public-notice');
    await handle.executeUpdate(fileObjectionUpdate, { args: [{ actor: { id: 'citizen-3', role: 'applicant' }, text: '人才未实际到岗' }] });
    await bed.env.sleep(10 * DAY);
    const review = await bed.openTask(i.applicationId, 'objection-review');
    expect((await bed.complete(handle, review.task_id, office, 'reviewer', 'reject', {}, '核实属实，不予支持')).status).toBe('rejected');
    const events = await bed.events(i.applicationId);
    expect(events.find((e) => e.type === 'ApplicationRejected')!.data).toMatchObject({ reason: 'OBJECTION_UPHELD' });
  });

  it('rejects when the panel mean is below 70', async () => {
    const i = application();
    const handle = await prescreened(i);
    await panelScores(handle, i.applicationId, 65);
    expect((await bed.afterReconsiderationWindow(handle)).status).toBe('rejected');
    const events = await bed.events(i.applicationId);
    expect(events.find((e) => e.type === 'PanelConcluded')!.data).toMatchObject({ result: 'failed', meanScore: 6500 });
    expect(events.find((e) => e.type === 'ApplicationRejected')!.data).toMatchObject({ reason: 'PANEL_NOT_PASSED' });
  });

  it('replaces an expert who does not score within 7 working days', async () => {
    const i = application();
    const handle = await prescreened(i);
    const tasks = await bed.openTasks(i.applicationId, 'expert-scoring', 5);
    for (const t of tasks.slice(1)) await bed.complete(handle, t.task_id, expertActor(t.assignee_value!), 'expert', 'approve', score(90));
    await bed.env.sleep(15 * DAY);
    const replaced = await bed.openTasks(i.applicationId, 'expert-scoring');
    expect(replaced[0].assignee_value).not.toBe(tasks[0].assignee_value);
    const events = await bed.events(i.applicationId);
    expect(events.find((e) => e.type === 'PanelMemberReplaced')!.data).toMatchObject({ memberId: tasks[0].assignee_value, reason: 'no-response' });
    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: { id: i.applicant.sub, role: 'applicant' }, reason: '人才另有安排' }] });
    expect((await handle.result()).status).toBe('withdrawn');
  });

  it('rejects when the leadership says no', async () => {
    const i = application();
    const handle = await prescreened(i);
    await panelScores(handle, i.applicationId, 85);
    const decision = await bed.openTask(i.applicationId, 'leadership-decision');
    expect((await bed.complete(handle, decision.task_id, leader, 'leadership', 'reject', { meeting }, '暂不引进')).status).toBe('rejected');
  });

  it('returns the case to the leadership when an objection is upheld, then proceeds when dismissed', async () => {
    const i = application();
    const handle = await toLeadershipApproval(i);
    await bed.untilStatus(i.applicationId, 'in-review');
    await bed.untilStage(i.applicationId, 'public-notice');
    await handle.executeUpdate(fileObjectionUpdate, { args: [{ actor: { id: 'citizen-1', role: 'applicant' }, text: '荣誉材料存疑' }] });
    await bed.env.sleep(10 * DAY);
    const review = await bed.openTask(i.applicationId, 'objection-review');
    await bed.complete(handle, review.task_id, office, 'reviewer', 'return', {}, '异议成立，请领导小组复议');
    const again = await bed.openTask(i.applicationId, 'leadership-decision');
    await bed.complete(handle, again.task_id, leader, 'leadership', 'approve', { meeting, package: { ...pkg, totalFundingFen: 200_000_000, milestones: [{ title: '量产', amountFen: 200_000_000, dueOn: pkg.milestones[1].dueOn }] } });
    await bed.env.sleep(10 * DAY);
    await bed.openTask(i.applicationId, 'agreement-signing');
    const events = await bed.events(i.applicationId);
    expect(events.filter((e) => e.type === 'LeadershipDecided')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'PublicNoticeOpened')).toHaveLength(2);
    expect(events.find((e) => e.type === 'ObjectionFiled')!.data).toMatchObject({ by: 'citizen-1', text: '荣誉材料存疑' });
    expect(events.find((e) => e.type === 'ApplicationApproved')!.data).toMatchObject({ amountFen: 200_000_000 });
    await recordHistory('top-talent-objection-upheld', handle);
  });

  it('refuses an objection once the notice has closed', async () => {
    const i = application();
    const handle = await toLeadershipApproval(i);
    await bed.untilStage(i.applicationId, 'public-notice');
    await bed.env.sleep(10 * DAY);
    await bed.openTask(i.applicationId, 'agreement-signing');
    await expect(handle.executeUpdate(fileObjectionUpdate, { args: [{ actor: { id: 'late', role: 'applicant' }, text: '迟到的异议' }] })).rejects.toMatchObject({
      cause: { type: 'NOTICE.NOT_OPEN' },
    });
  });

  it('stops the benefit when the sponsor does not sign the agreement in time', async () => {
    const i = application();
    const handle = await toLeadershipApproval(i);
    await bed.untilStage(i.applicationId, 'public-notice');
    await bed.env.sleep(10 * DAY);
    await bed.openTask(i.applicationId, 'agreement-signing');
    await bed.env.sleep(40 * DAY);
    expect((await handle.result()).status).toBe('terminated');
    const events = await bed.events(i.applicationId);
    expect(events[events.length - 1].data).toMatchObject({ reason: 'agreement-not-signed' });
  });

  it('suspends on a failed milestone and an overdue one; the sponsor is heard; the leadership continues once, then terminates; the clawback is claimed once final', async () => {
    const i = application();
    const handle = await toSignedAgreement(i);
    const id = i.applicationId;

    // Milestone 1 fails verification → suspended → the sponsor replies (陈述申辩) → leadership continues → reported again, verified, paid.
    let report = await bed.openTask(id, 'milestone-report');
    await bed.complete(handle, report.task_id, sponsor(i), 'applicant', 'approve', { evidence: { summary: '部分完成' } });
    const verify = await bed.openTask(id, 'milestone-verification');
    expect((await bed.complete(handle, verify.task_id, office, 'reviewer', 'reject', {}, '未达到验收标准')).status).toBe('suspended');
    await handle.executeUpdate(submitStatementUpdate, { args: [{ actor: { id: i.applicant.sub, role: 'applicant' }, text: '设备延期到货，三个月内整改完成' }] });
    const resume = await bed.openTask(id, 'suspension-decision');
    await bed.complete(handle, resume.task_id, leader, 'leadership', 'approve', {}, '给予整改期');
    report = await bed.openTask(id, 'milestone-report');
    await bed.complete(handle, report.task_id, sponsor(i), 'applicant', 'approve', { evidence: { summary: '整改完成' } });
    const verify2 = await bed.openTask(id, 'milestone-verification');
    await bed.complete(handle, verify2.task_id, office, 'reviewer', 'approve');
    const pay = await bed.openTask(id, 'payment-confirmation');
    await bed.complete(handle, pay.task_id, finance, 'finance', 'approve');

    // Milestone 2 is never reported: overdue → suspended, no statement within the window → leadership terminates.
    await bed.openTask(id, 'milestone-report');
    await bed.env.sleep(800 * DAY);
    const current = bed.client.workflow.getHandle(handle.workflowId);
    const stop = await bed.openTask(id, 'suspension-decision');
    await bed.complete(current, stop.task_id, leader, 'leadership', 'reject', {}, '终止协议');
    await bed.untilStatus(id, 'terminated');
    expect((await bed.events(id)).some((e) => e.type === 'ClawbackClaimed')).toBe(false); // not while 复核 may be asked for
    await bed.env.sleep(30 * DAY);
    const recovery = await bed.openTask(id, 'clawback-recovery');
    await bed.complete(current, recovery.task_id, finance, 'finance', 'approve', { repaidFen: 100_000_000, paymentReference: 'BACK-TT-1' });
    expect((await current.result()).status).toBe('terminated');
    const events = await bed.events(id);
    expect(events.filter((e) => e.type === 'BenefitSuspended').map((e) => (e.data as { reason: string }).reason)).toEqual(['MILESTONE_FAILED', 'MILESTONE_OVERDUE']);
    expect(events.filter((e) => e.type === 'StopProposed').map((e) => (e.data as { reason: string }).reason)).toEqual(['MILESTONE_FAILED', 'MILESTONE_OVERDUE']);
    expect(events.filter((e) => e.type === 'StatementSubmitted')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'StopProposalDecided').map((e) => (e.data as { outcome: string }).outcome)).toEqual(['continue', 'stop']);
    expect(events.find((e) => e.type === 'BenefitResumed')!.data).toMatchObject({ decision: 'continue' });
    const types = events.map((e) => e.type);
    const afterStop = types.slice(types.indexOf('BenefitStopped')).filter((t) => !t.startsWith('Task'));
    expect(afterStop).toEqual(['BenefitStopped', 'ReconsiderationWindowOpened', 'ReconsiderationWindowClosed', 'ClawbackClaimed', 'ClawbackRepaid']);
    expect(events.find((e) => e.type === 'BenefitStopped')!.data).toMatchObject({ reason: 'terminated-by-leadership' });
    expect(events.find((e) => e.type === 'ClawbackClaimed')!.data).toMatchObject({ claimId: 'termination', amountFen: 100_000_000 });
    await recordHistory('top-talent-terminated-heard-run2', current);
  });

  it('一次性告知 on a milestone: the office returns it with what is missing, the sponsor reports again; a termination set aside by 复核 asks for the milestone again', async () => {
    const i = application();
    const handle = await toSignedAgreement(i);
    const id = i.applicationId;

    let report = await bed.openTask(id, 'milestone-report');
    await bed.complete(handle, report.task_id, sponsor(i), 'applicant', 'approve', { evidence: { summary: '中试线建成' } });
    const verify = await bed.openTask(id, 'milestone-verification');
    await expect(bed.complete(handle, verify.task_id, office, 'reviewer', 'return', {}, '请补充验收材料')).rejects.toMatchObject({ cause: { type: 'TASK.INVALID_FIELDS' } });
    const items = [{ document: '第三方验收报告', reason: '未附验收报告' }];
    expect((await bed.complete(handle, verify.task_id, office, 'reviewer', 'return', { items }, '请补充验收材料')).status).toBe('approved'); // nothing paid yet; the file is not suspended
    report = await bed.openTask(id, 'milestone-report');
    await bed.complete(handle, report.task_id, sponsor(i), 'applicant', 'approve', { evidence: { summary: '已附第三方验收报告' } });
    const again = await bed.openTask(id, 'milestone-verification');
    await bed.complete(handle, again.task_id, office, 'reviewer', 'approve');
    const pay = await bed.openTask(id, 'payment-confirmation');
    await bed.complete(handle, pay.task_id, finance, 'finance', 'approve');
    const run1 = (await eventually(async () => {
      const all = await bed.runs(handle);
      return all.length >= 2 ? all : undefined;
    }, 'the second milestone run'))[0];

    // Milestone 2 overdue → terminated → the sponsor asks for 复核 → a lead sets it aside → the milestone is reported again.
    await bed.openTask(id, 'milestone-report');
    await bed.env.sleep(800 * DAY);
    const current = bed.client.workflow.getHandle(handle.workflowId);
    const stop = await bed.openTask(id, 'suspension-decision');
    await bed.complete(current, stop.task_id, leader, 'leadership', 'reject', {}, '终止协议');
    await bed.untilStatus(id, 'terminated');
    await current.executeUpdate(requestReconsiderationUpdate, { args: [{ actor: { id: i.applicant.sub, role: 'applicant' }, reason: '量产已完成，报告系统故障未能提交' }] });
    const task = await bed.openTask(id, 'reconsideration');
    expect(task.queue).toBe('talent-office-lead');
    await bed.complete(current, task.task_id, lead, 'reviewer', 'overturn', {}, '情况属实，恢复资助');
    report = await bed.openTask(id, 'milestone-report');
    await bed.complete(current, report.task_id, sponsor(i), 'applicant', 'approve', { evidence: { summary: '量产完成' } });
    const verify2 = await bed.openTask(id, 'milestone-verification');
    await bed.complete(current, verify2.task_id, office, 'reviewer', 'approve');
    const pay2 = await bed.openTask(id, 'payment-confirmation');
    await bed.complete(current, pay2.task_id, finance, 'finance', 'approve');
    expect((await current.result()).status).toBe('completed');
    const events = await bed.events(id);
    const returned = events.find((e) => e.type === 'TaskCompleted' && (e.data as { outcome: string }).outcome === 'return')!;
    expect(returned.data).toMatchObject({ fields: { items } });
    expect(events.filter((e) => e.type === 'MilestoneVerified').map((e) => (e.data as { passed: boolean }).passed)).toEqual([true, true]);
    expect(events.find((e) => e.type === 'ReconsiderationDecided')!.data).toMatchObject({ outcome: 'overturn', resumeStage: 'milestones' });
    expect(events.some((e) => e.type === 'ClawbackClaimed')).toBe(false);
    expect(events.filter((e) => e.type === 'PaymentConfirmed')).toHaveLength(2);
    await recordHistory('top-talent-milestone-returned-run1', bed.client.workflow.getHandle(handle.workflowId, run1.runId));
    await recordHistory('top-talent-termination-overturned-run2', current);
  });

  it('adjusts the package after an overdue milestone: the leadership replaces the remaining milestones', async () => {
    const i = application();
    const handle = await toSignedAgreement(i);
    const id = i.applicationId;
    await bed.openTask(id, 'milestone-report');
    await bed.env.sleep(400 * DAY); // milestone 1 falls due unreported
    const decision = await bed.openTask(id, 'suspension-decision');
    const now = await bed.env.currentTimeMs();
    const adjusted = { totalFundingFen: 150_000_000, milestones: [{ title: '调整后：样机', amountFen: 150_000_000, dueOn: new Date(now + 200 * DAY).toISOString().slice(0, 10) }] };
    await bed.complete(handle, decision.task_id, leader, 'leadership', 'approve', { package: adjusted }, '调整里程碑');
    const report = await bed.openTask(id, 'milestone-report');
    await bed.complete(handle, report.task_id, sponsor(i), 'applicant', 'approve', { evidence: { summary: '样机完成' } });
    const verify = await bed.openTask(id, 'milestone-verification');
    await bed.complete(handle, verify.task_id, office, 'reviewer', 'approve');
    const pay = await bed.openTask(id, 'payment-confirmation');
    await bed.complete(handle, pay.task_id, finance, 'finance', 'approve');
    expect((await bed.client.workflow.getHandle(handle.workflowId).result()).status).toBe('completed');
    const events = await bed.events(id);
    expect(events.find((e) => e.type === 'BenefitResumed')!.data).toMatchObject({ decision: 'adjust' });
    const schedules = events.filter((e) => e.type === 'PaymentScheduleSet').map((e) => e.data as { reason: string; items: { amountFen: number }[] });
    expect(schedules.map((x) => x.reason)).toEqual(['agreement signed', 'adjusted by the leadership']);
    expect(schedules[1].items.map((x) => x.amountFen)).toEqual([150_000_000]);
    expect(events.filter((e) => e.type === 'PaymentConfirmed')).toHaveLength(1);
  });
});

describe('top-talent panel with too few experts (an expert pool of its own)', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let bed: WorkflowBed;
  const sponsorOrg = makeUscc();
  beforeAll(async () => {
    db = await isolatedDatabase('tt_pool');
    bed = await WorkflowBed.start(db.url);
  });
  afterAll(async () => {
    await bed?.stop();
    await db?.drop();
  });

  it('asks the talent office when fewer than 3 experts could score, and redraws once the pool has grown', async () => {
    const pool = new ExpertPool(bed.ds);
    await pool.register([0, 1].map((n) => ({ id: `small-${n}`, name: `专家${n}`, fields: [FIELD] })));
    const i = bed.input(
      'top-talent',
      policy,
      {
        talent: { name: '欧阳明', category: 'team', honours: [] },
        project: { title: '纬编', industry: FIELD, summary: '纬编' },
        requestedSupport: { fundingFen: 1_000_000 },
      },
      { sub: `sponsor-${randomUUID()}`, name: '联系人', idNumber: makeIdNumber('1985-01-01'), orgCode: sponsorOrg },
    );
    const handle = await bed.start(topTalentWorkflow, i);
    const pre = await bed.openTask(i.applicationId, 'prescreen');
    await bed.complete(handle, pre.task_id, office, 'reviewer', 'approve');
    const small = await bed.openTasks(i.applicationId, 'expert-scoring', 2);
    for (const t of small) await bed.complete(handle, t.task_id, expertActor(t.assignee_value!), 'expert', 'approve', score(90));
    const ask = await bed.openTask(i.applicationId, 'panel-inconclusive');
    expect(ask.queue).toBe('talent-office');
    await pool.register([2, 3, 4].map((n) => ({ id: `small-${n}`, name: `专家${n}`, fields: [FIELD] })));
    await bed.complete(handle, ask.task_id, office, 'reviewer', 'approve', {}, '已补充专家，重新抽取');
    const full = await bed.openTasks(i.applicationId, 'expert-scoring', 5);
    for (const t of full) await bed.complete(handle, t.task_id, expertActor(t.assignee_value!), 'expert', 'approve', score(75));
    await bed.openTask(i.applicationId, 'leadership-decision');
    const events = await bed.events(i.applicationId);
    expect(events.filter((e) => e.type === 'PanelConcluded').map((e) => (e.data as { result: string }).result)).toEqual(['inconclusive', 'passed']);
    expect(events.filter((e) => e.type === 'PanelDrawn').map((e) => (e.data as { members: string[] }).members.length)).toEqual([2, 5]);
  });
});
