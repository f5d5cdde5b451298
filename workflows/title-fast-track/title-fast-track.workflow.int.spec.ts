import { randomUUID } from 'node:crypto';
import { WorkflowHandle } from '@temporalio/client';
import { TaskActor, TITLE_FAST_TRACK_POLICY_V1 as policy } from '#domain';
import { ExpertPool } from '#registries';
import { makeIdNumber, makeUscc } from '../../test/support/fixtures';
import { recordHistory } from '../../test/support/histories';
import { DAY, WorkflowBed, employerActor, expertActor } from '../../test/support/workflow-bed';
import { fileObjectionUpdate, supplementUpdate } from '../shared/application.messages';
import { titleFastTrackWorkflow } from './title-fast-track.workflow';

const hrss: TaskActor = { id: 'hrss-1', roles: ['reviewer'], queues: ['hrss-title'] };
const lead: TaskActor = { id: 'hrss-lead-1', roles: ['reviewer'], queues: ['hrss-title-lead'] };
// This suite's committee members share a series no other suite uses.
const SERIES = 'int-title-engineering';

describe('title-fast-track workflow (time-skipping server, real PostgreSQL)', () => {
  let bed: WorkflowBed;
  const employer = makeUscc();
  const members = Array.from({ length: 9 }, (_, i) => ({ id: `tft-int-member-${i}`, name: `委员${i}`, fields: [SERIES], ...(i === 8 ? { orgCode: employer } : {}) }));

  beforeAll(async () => {
    bed = await WorkflowBed.start();
    await new ExpertPool(bed.ds).register(members);
  });
  afterAll(async () => {
    await bed?.stop();
  });

  function application() {
    return bed.input(
      'title-fast-track',
      policy,
      { series: SERIES, targetLevel: 'senior', employerOrgCode: employer, achievements: [{ kind: 'patent', title: '高效换热器', year: 2025 }] },
      { sub: `eng-${randomUUID()}`, name: '李工', idNumber: makeIdNumber('1980-02-02') },
    );
  }

  /** Employer recommends, its internal notice passes without objections, qualification review approves. */
  async function toCommittee(i: ReturnType<typeof application>): Promise<WorkflowHandle> {
    const handle = await bed.start(titleFastTrackWorkflow, i);
    const rec = await bed.openTask(i.applicationId, 'employer-recommendation');
    await bed.complete(handle, rec.task_id, employerActor(employer), 'employer', 'approve', {}, '推荐');
    await bed.env.sleep(10 * DAY);
    const qualification = await bed.openTask(i.applicationId, 'qualification-review');
    await bed.complete(handle, qualification.task_id, hrss, 'reviewer', 'approve');
    return handle;
  }

  async function vote(handle: WorkflowHandle, applicationId: string, votes: ('yes' | 'no' | 'abstain')[]) {
    const tasks = await bed.openTasks(applicationId, 'committee-vote', 7);
    for (const [n, v] of votes.entries()) await bed.complete(handle, tasks[n].task_id, expertActor(tasks[n].assignee_value!), 'expert', 'approve', { vote: v });
    return tasks;
  }

  it('confers the title with a certificate number after a valid sitting and a quiet notice; only the tally is recorded', async () => {
    const i = application();
    const handle = await toCommittee(i);
    const tasks = await vote(handle, i.applicationId, ['yes', 'yes', 'yes', 'yes', 'yes', 'no']);
    expect(tasks.map((t) => t.assignee_value)).not.toContain('tft-int-member-8'); // the employer's own member is excluded
    await bed.env.sleep(20 * DAY); // the sitting closes; one member never voted
    await bed.env.sleep(10 * DAY); // the public notice closes
    // The lead signs the conferral off with the decision's document number (文号).
    const signOff = await bed.openTask(i.applicationId, 'title-sign-off');
    expect(signOff.queue).toBe('hrss-title-lead');
    await expect(bed.complete(handle, signOff.task_id, lead, 'reviewer', 'approve', {})).rejects.toMatchObject({ cause: { type: 'TASK.INVALID_FIELDS' } });
    await bed.complete(handle, signOff.task_id, lead, 'reviewer', 'approve', { decisionRef: '嘉秀人社〔2026〕12号' });
    const result = await handle.result();
    expect(result.status).toBe('completed');
    const events = await bed.events(i.applicationId);
    const tally = events.find((e) => e.type === 'PanelConcluded')!;
    expect(tally.data).toMatchObject({ purpose: 'committee', result: 'passed', members: 7, responses: 6, yes: 5, no: 1, abstain: 0 });
    expect(JSON.stringify(tally.data)).not.toContain('tft-int-member');
    const conferred = events.find((e) => e.type === 'TitleConferred')!;
    expect(conferred.data).toMatchObject({ decisionRef: '嘉秀人社〔2026〕12号' });
    // The China calendar year of the workflow's own clock (time-skipped here), not the UTC one.
    const chinaYear = new Date((await handle.describe()).closeTime!.getTime() + 8 * 3_600_000).getUTCFullYear();
    expect((conferred.data as { certificateNumber: string }).certificateNumber).toMatch(new RegExp(`^XZZC-${chinaYear}-[0-9A-F]{12}$`));
    expect(events.filter((e) => e.type === 'PublicNoticeOpened').map((e) => (e.data as { scope: string }).scope)).toEqual(['employer-internal', 'public']);
    expect(events.filter((e) => e.type === 'TaskCancelled').map((e) => (e.data as { reason: string }).reason)).toEqual(['sitting-closed']);
    await recordHistory('title-fast-track-signed-off', handle);
  });

  it('rejects when the employer does not recommend', async () => {
    const i = application();
    const handle = await bed.start(titleFastTrackWorkflow, i);
    const rec = await bed.openTask(i.applicationId, 'employer-recommendation');
    expect((await bed.complete(handle, rec.task_id, employerActor(employer), 'employer', 'reject', {}, '不予推荐')).status).toBe('rejected');
  });

  it("rejects when an objection to the employer's internal notice is upheld", async () => {
    const i = application();
    const handle = await bed.start(titleFastTrackWorkflow, i);
    const rec = await bed.openTask(i.applicationId, 'employer-recommendation');
    await bed.complete(handle, rec.task_id, employerActor(employer), 'employer', 'approve');
    await bed.untilStatus(i.applicationId, 'in-review');
    await bed.untilStage(i.applicationId, 'employer-notice');
    await handle.executeUpdate(fileObjectionUpdate, { args: [{ actor: { id: 'colleague-1', role: 'applicant' }, text: '论文署名有争议' }] });
    await bed.env.sleep(10 * DAY);
    // 人社局 looks into objections to the employer's own notice, not the employer objected to.
    const review = await bed.openTask(i.applicationId, 'objection-review');
    expect(review.queue).toBe('hrss-title');
    expect(review.assignee_value).toBeNull();
    await expect(bed.complete(handle, review.task_id, employerActor(employer), 'employer', 'return', {}, '异议属实')).rejects.toMatchObject({ cause: { type: 'TASK.NOT_CANDIDATE' } });
    await bed.complete(handle, review.task_id, hrss, 'reviewer', 'return', {}, '异议属实');
    expect((await bed.afterReconsiderationWindow(handle)).status).toBe('rejected');
    const events = await bed.events(i.applicationId);
    expect(events.find((e) => e.type === 'ApplicationRejected')!.data).toMatchObject({ reason: 'EMPLOYER_NOTICE_OBJECTION_UPHELD' });
  });

  it('a supplement that changes the employer goes back through the new employer\'s recommendation and internal notice', async () => {
    const i = application();
    const handle = await bed.start(titleFastTrackWorkflow, i);
    const rec = await bed.openTask(i.applicationId, 'employer-recommendation');
    await bed.complete(handle, rec.task_id, employerActor(employer), 'employer', 'approve');
    await bed.env.sleep(10 * DAY);
    const q = await bed.openTask(i.applicationId, 'qualification-review');
    await bed.complete(handle, q.task_id, hrss, 'reviewer', 'return', { items: [{ field: 'employerOrgCode', reason: '已调动，请填写现单位' }] }, '请更正单位');
    const newEmployer = makeUscc();
    await handle.executeUpdate(supplementUpdate, { args: [{ actor: { id: i.applicant.sub, role: 'applicant' }, message: '已更正现单位', form: { ...i.form, employerOrgCode: newEmployer }, answers: [0] }] });
    const again = await bed.openTask(i.applicationId, 'employer-recommendation');
    expect(again.assignee_value).toBe(newEmployer);
    await bed.complete(handle, again.task_id, employerActor(newEmployer), 'employer', 'approve');
    await bed.untilStage(i.applicationId, 'employer-notice');
    const notices = (await bed.events(i.applicationId)).filter((e) => e.type === 'PublicNoticeOpened');
    expect(notices.map((e) => (e.data as { scope: string }).scope)).toEqual(['employer-internal', 'employer-internal']);
    await recordHistory('title-fast-track-rerecommended', handle);
  });

  it('rejects at qualification review', async () => {
    const i = application();
    const handle = await bed.start(titleFastTrackWorkflow, i);
    const rec = await bed.openTask(i.applicationId, 'employer-recommendation');
    await bed.complete(handle, rec.task_id, employerActor(employer), 'employer', 'approve');
    await bed.env.sleep(10 * DAY);
    const q = await bed.openTask(i.applicationId, 'qualification-review');
    expect((await bed.complete(handle, q.task_id, hrss, 'reviewer', 'reject', {}, '业绩不足')).status).toBe('rejected');
  });

  it('rejects when fewer than 2/3 of the committee vote in the sitting (no quorum)', async () => {
    const i = application();
    const handle = await toCommittee(i);
    await vote(handle, i.applicationId, ['yes', 'yes', 'yes', 'yes']);
    await bed.env.sleep(20 * DAY);
    expect((await bed.afterReconsiderationWindow(handle)).status).toBe('rejected');
    const events = await bed.events(i.applicationId);
    expect(events.find((e) => e.type === 'PanelConcluded')!.data).toMatchObject({ result: 'inconclusive', reason: 'QUORUM_NOT_MET', responses: 4 });
    expect(events.find((e) => e.type === 'ApplicationRejected')!.data).toMatchObject({ reason: 'COMMITTEE_QUORUM_NOT_MET' });
  });

  it('rejects with fewer than 2/3 yes among the votes cast, and redraws a member who declares a conflict', async () => {
    const i = application();
    const handle = await toCommittee(i);
    const tasks = await bed.openTasks(i.applicationId, 'committee-vote', 7);
    await bed.complete(handle, tasks[0].task_id, expertActor(tasks[0].assignee_value!), 'expert', 'approve', { conflictOfInterest: true });
    const seated = await bed.openTasks(i.applicationId, 'committee-vote', 7);
    const votes: ('yes' | 'no' | 'abstain')[] = ['yes', 'yes', 'yes', 'yes', 'no', 'no', 'abstain'];
    for (const [n, t] of seated.entries()) await bed.complete(handle, t.task_id, expertActor(t.assignee_value!), 'expert', 'approve', { vote: votes[n] });
    expect((await bed.afterReconsiderationWindow(handle)).status).toBe('rejected');
    const events = await bed.events(i.applicationId);
    expect(events.find((e) => e.type === 'PanelMemberReplaced')!.data).toMatchObject({ memberId: tasks[0].assignee_value, reason: 'conflict-of-interest' });
    expect(events.find((e) => e.type === 'PanelConcluded')!.data).toMatchObject({ result: 'failed', yes: 4, no: 2, abstain: 1 });
    expect(events.find((e) => e.type === 'ApplicationRejected')!.data).toMatchObject({ reason: 'COMMITTEE_NOT_PASSED' });
  });

  it('sends the case back to qualification review when a public-notice objection is upheld', async () => {
    const i = application();
    const handle = await toCommittee(i);
    await vote(handle, i.applicationId, ['yes', 'yes', 'yes', 'yes', 'yes', 'yes', 'yes']);
    await bed.untilStage(i.applicationId, 'public-notice');
    await handle.executeUpdate(fileObjectionUpdate, { args: [{ actor: { id: 'citizen-2', role: 'applicant' }, text: '成果非本人完成' }] });
    await bed.env.sleep(10 * DAY);
    const review = await bed.openTask(i.applicationId, 'objection-review');
    await bed.complete(handle, review.task_id, hrss, 'reviewer', 'return', {}, '需重新审核');
    const again = await bed.openTask(i.applicationId, 'qualification-review');
    expect((await bed.complete(handle, again.task_id, hrss, 'reviewer', 'reject', {}, '核实后不符合')).status).toBe('rejected');
    await recordHistory('title-fast-track-objection-requalified', handle);
  });
});
