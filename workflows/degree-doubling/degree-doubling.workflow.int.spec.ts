import { randomUUID } from 'node:crypto';
import { TaskActor, DEGREE_DOUBLING_POLICY_V1 as policy } from '#domain';
import { BenefitClaims, LocalSocialInsuranceRegistry } from '#registries';
import { personOf } from '#event-store';
import { degreeDoublingForm, makeIdNumber, makeUscc } from '../../test/support/fixtures';
import { recordHistory } from '../../test/support/histories';
import { DAY, WorkflowBed, employerActor } from '../../test/support/workflow-bed';
import { eventually } from '../../test/support/workflow-env';
import { requestReconsiderationUpdate, submitStatementUpdate, supplementUpdate, withdrawUpdate } from '../shared/application.messages';
import { degreeDoublingWorkflow } from './degree-doubling.workflow';

const office: TaskActor = { id: 'officer-1', roles: ['reviewer'], queues: ['talent-office'] };
const lead: TaskActor = { id: 'lead-1', roles: ['reviewer'], queues: ['talent-office-lead'] };
const finance: TaskActor = { id: 'finance-1', roles: ['finance'], queues: ['finance'] };
const YEAR = 366 * DAY;

describe('degree-doubling workflow (time-skipping server, real PostgreSQL)', () => {
  let bed: WorkflowBed;
  beforeAll(async () => {
    bed = await WorkflowBed.start();
  });
  afterAll(async () => {
    await bed?.stop();
  });

  /** A master's graduate born in 1996, insured by `employer` in 王店镇 (paid well into the future). */
  async function graduate(opts: { birth?: string; degree?: 'master' | 'phd' } = {}) {
    const idNumber = makeIdNumber(opts.birth ?? '1996-03-01');
    const employer = makeUscc();
    await new LocalSocialInsuranceRegistry(bed.ds).importRecords([{ idNumber, orgCode: employer, town: 'wangdian', months: 4, lastPaidMonth: '2035-12' }]);
    const form = degreeDoublingForm(employer, { degree: opts.degree ?? 'master' });
    const input = bed.input('degree-doubling', policy, form, { sub: `grad-${randomUUID()}`, name: '陈硕', idNumber });
    return { input, idNumber, employer };
  }

  /** Employer confirms, the talent office approves, finance confirms the settling subsidy. */
  async function throughSettling(g: Awaited<ReturnType<typeof graduate>>) {
    const handle = await bed.start(degreeDoublingWorkflow, g.input);
    const id = g.input.applicationId;
    const confirm = await bed.openTask(id, 'employment-confirmation');
    expect(confirm.assignee_value).toBe(g.employer);
    await bed.complete(handle, confirm.task_id, employerActor(g.employer), 'employer', 'approve');
    const review = await bed.openTask(id, 'review');
    expect(review.queue).toBe('talent-office');
    expect((await bed.complete(handle, review.task_id, office, 'reviewer', 'approve')).status).toBe('in-payment');
    const pay = await bed.openTask(id, 'payment-confirmation');
    await bed.complete(handle, pay.task_id, finance, 'finance', 'approve', { paymentReference: 'SETTLE-1' });
    return handle;
  }

  it('pays the settling subsidy and three yearly instalments, one run per instalment, each history small', async () => {
    const g = await graduate();
    const handle = await throughSettling(g);
    const id = g.input.applicationId;
    for (let year = 1; year <= 3; year += 1) {
      await bed.env.sleep(YEAR);
      const pay = await bed.openTask(id, 'payment-confirmation');
      await bed.complete(bed.client.workflow.getHandle(handle.workflowId), pay.task_id, finance, 'finance', 'approve', { paymentReference: `LIVING-${year}` });
    }
    const result = await bed.client.workflow.getHandle(handle.workflowId).result();
    expect(result.status).toBe('completed');

    const events = await bed.events(id);
    const approved = events.find((e) => e.type === 'ApplicationApproved')!;
    expect(approved.data).toMatchObject({ amountFen: 3_000_000 + 3 * 2_000_000 });
    const confirmed = events.filter((e) => e.type === 'PaymentConfirmed').map((e) => (e.data as { paymentId: string }).paymentId);
    expect(confirmed).toEqual(['settling-1', 'living-1-1', 'living-2-1', 'living-3-1']);
    // Every instalment, also those of runs continued from the stored events, goes to the account in clear (masked).
    const payees = events.filter((e) => e.type === 'PaymentInstructed').map((e) => (e.data as { payeeAccountMasked: string }).payeeAccountMasked);
    expect(new Set(payees).size).toBe(1);
    expect(payees[0]).toMatch(/^\*+\d{4}$/);
    expect(events.filter((e) => e.type === 'AutomaticCheckRecorded').map((e) => (e.data as { check: string }).check)).toEqual([
      'eligibility',
      'employment',
      'no-double-benefit',
      'annual-reverification',
      'annual-reverification',
      'annual-reverification',
    ]);
    expect(await bed.store.verifyStream(`application-${id}`)).toMatchObject({ valid: true });

    const runs = await bed.runs(handle);
    expect(runs).toHaveLength(4); // approval run + one per instalment
    for (const run of runs) expect(run.events).toBeLessThan(120);
    await recordHistory('degree-doubling-completed-run1', bed.client.workflow.getHandle(handle.workflowId, runs[0].runId));
    await recordHistory('degree-doubling-completed-run2', bed.client.workflow.getHandle(handle.workflowId, runs[1].runId));
  });

  /**
   * Moves time to the first anniversary (a year after the approval's recorded time, which is the database's clock,
   * not the skipped one), and no further, so the 5-working-day statement window is still open.
   */
  async function untilAnniversaryFinding(id: string): Promise<void> {
    const [row] = (await bed.ds.query(`SELECT decided_at FROM applications WHERE id = $1`, [id])) as { decided_at: Date }[];
    const anniversary = new Date(row.decided_at);
    anniversary.setUTCFullYear(anniversary.getUTCFullYear() + 1);
    const now = await bed.env.currentTimeMs();
    // Always some time: the test server moves its clock only when asked, even for a timer already due.
    await bed.env.sleep(Math.max(0, anniversary.getTime() - now) + DAY);
    await bed.untilStatus(id, 'suspended');
  }

  it('陈述申辩: a failed re-verification is put to the graduate; only the office stops it; the clawback is recovered in parts', async () => {
    const g = await graduate();
    const handle = await throughSettling(g);
    const id = g.input.applicationId;
    // Moves to 南湖区 (outside the district) before the first anniversary.
    await new LocalSocialInsuranceRegistry(bed.ds).importRecords([{ idNumber: g.idNumber, orgCode: g.employer, town: 'jiaxing-nanhu', months: 8, lastPaidMonth: '2035-12' }]);
    await untilAnniversaryFinding(id); // the finding is proposed, nothing stopped yet
    const current = bed.client.workflow.getHandle(handle.workflowId);
    const stated = await current.executeUpdate(submitStatementUpdate, { args: [{ actor: { id: g.input.applicant.sub, role: 'applicant' }, text: '本人仍在区内企业工作，社保转移在办理中' }] });
    expect(stated.status).toBe('suspended');
    await expect(current.executeUpdate(submitStatementUpdate, { args: [{ actor: { id: g.input.applicant.sub, role: 'applicant' }, text: '再次' }] })).rejects.toMatchObject({
      cause: { type: 'STATEMENT.NOT_OPEN' },
    });
    const review = await bed.openTask(id, 'stop-review');
    expect(review.queue).toBe('talent-office');
    await bed.complete(current, review.task_id, office, 'reviewer', 'approve', {}, '核实已离开本区，停止发放');
    // The stop may be reconsidered (复核) for 15 working days; only then is the clawback claimed.
    await bed.untilStatus(id, 'terminated');
    expect((await bed.events(id)).some((e) => e.type === 'ClawbackClaimed')).toBe(false);
    await bed.env.sleep(30 * DAY);
    // Finance recovers the pro-rata claim: 1,000,000 fen first, too much refused, then the rest.
    const first = await bed.openTask(id, 'clawback-recovery');
    await bed.complete(current, first.task_id, finance, 'finance', 'approve', { repaidFen: 1_000_000, paymentReference: 'BACK-1' });
    const second = await bed.openTask(id, 'clawback-recovery');
    await expect(bed.complete(current, second.task_id, finance, 'finance', 'approve', { repaidFen: 2_000_001, paymentReference: 'BACK-2' })).rejects.toMatchObject({
      cause: { type: 'TASK.INVALID_FIELDS' },
    });
    await bed.complete(current, second.task_id, finance, 'finance', 'approve', { repaidFen: 2_000_000, paymentReference: 'BACK-2' });
    const result = await current.result();
    expect(result.status).toBe('terminated');
    const events = await bed.events(id);
    const types = events.map((e) => e.type);
    expect(types.slice(types.indexOf('StopProposed'))).toEqual(
      expect.arrayContaining(['StopProposed', 'StatementSubmitted', 'StopProposalDecided', 'BenefitStopped', 'ReconsiderationWindowOpened', 'ReconsiderationWindowClosed', 'ClawbackClaimed', 'ClawbackRepaid', 'ClawbackRepaid']),
    );
    expect(events.find((e) => e.type === 'BenefitStopped')!.data).toMatchObject({ reason: 'left-district' });
    expect(events.find((e) => e.type === 'ClawbackClaimed')!.data).toMatchObject({ amountFen: 3_000_000, basis: 'pro rata: 0 of 36 months served' });
    expect(events.filter((e) => e.type === 'ClawbackRepaid').map((e) => (e.data as { amountFen: number }).amountFen)).toEqual([1_000_000, 2_000_000]);
    expect(events.some((e) => e.type === 'PaymentInstructed' && (e.data as { purpose: string }).purpose === 'living-1')).toBe(false);
    await recordHistory('degree-doubling-stop-final-run2', current);
  });

  it('复核 of a stop: the officer who stopped it is recused, another lead sets it aside, the instalment is paid and nothing is clawed back', async () => {
    const g = await graduate();
    const handle = await throughSettling(g);
    const id = g.input.applicationId;
    await new LocalSocialInsuranceRegistry(bed.ds).importRecords([{ idNumber: g.idNumber, orgCode: g.employer, town: 'jiaxing-nanhu', months: 8, lastPaidMonth: '2035-12' }]);
    await untilAnniversaryFinding(id);
    await bed.env.sleep(10 * DAY); // no statement: the office decides once the window has passed
    const current = bed.client.workflow.getHandle(handle.workflowId);
    const review = await bed.openTask(id, 'stop-review');
    await bed.complete(current, review.task_id, office, 'reviewer', 'approve', {}, '核实已离开本区，停止发放');
    await bed.untilStatus(id, 'terminated');
    const asked = await current.executeUpdate(requestReconsiderationUpdate, { args: [{ actor: { id: g.input.applicant.sub, role: 'applicant' }, reason: '社保已转回本区，附转移单' }] });
    expect(asked.status).toBe('reconsidering');
    const task = await bed.openTask(id, 'reconsideration');
    expect(task.queue).toBe('talent-office-lead');
    const officeAsLead: TaskActor = { ...office, queues: ['talent-office', 'talent-office-lead'] };
    await expect(bed.complete(current, task.task_id, officeAsLead, 'reviewer', 'overturn', {}, '撤销')).rejects.toMatchObject({ cause: { type: 'TASK.RECUSED' } });
    expect((await bed.complete(current, task.task_id, lead, 'reviewer', 'overturn', {}, '社保记录滞后，撤销停发')).status).toBe('in-payment');
    const payment = await bed.openTask(id, 'payment-confirmation');
    await bed.complete(current, payment.task_id, finance, 'finance', 'approve', { paymentReference: 'LIV-1' });
    await eventually(async () => (await bed.events(id)).some((e) => e.type === 'PaymentConfirmed' && (e.data as { paymentId: string }).paymentId.startsWith('living-1')), 'living-1 paid');
    const events = await bed.events(id);
    expect(events.find((e) => e.type === 'ReconsiderationWindowOpened')!.data).toMatchObject({ decision: { status: 'terminated', reason: 'left-district', deciders: [office.id] } });
    expect(events.find((e) => e.type === 'ReconsiderationDecided')!.data).toMatchObject({ outcome: 'overturn', resumeStage: 'instalments' });
    expect(events.some((e) => e.type === 'ClawbackClaimed')).toBe(false);
    const runs = await eventually(async () => {
      const all = await bed.runs(handle);
      return all.length >= 3 ? all : undefined;
    }, 'the next instalment run');
    await recordHistory('degree-doubling-stop-overturned-run2', bed.client.workflow.getHandle(handle.workflowId, runs[1].runId));
  });

  it('陈述申辩: the office, having read the statement, keeps the benefit and the instalment is paid', async () => {
    const g = await graduate();
    const handle = await throughSettling(g);
    const id = g.input.applicationId;
    await new LocalSocialInsuranceRegistry(bed.ds).importRecords([{ idNumber: g.idNumber, orgCode: g.employer, town: 'jiaxing-nanhu', months: 8, lastPaidMonth: '2035-12' }]);
    await untilAnniversaryFinding(id);
    await bed.env.sleep(10 * DAY); // no statement within the window: the office decides anyway
    const review = await bed.openTask(id, 'stop-review');
    const current = bed.client.workflow.getHandle(handle.workflowId);
    await bed.complete(current, review.task_id, office, 'reviewer', 'reject', {}, '登记有误，继续发放');
    const payment = await bed.openTask(id, 'payment-confirmation');
    await bed.complete(current, payment.task_id, finance, 'finance', 'approve', { paymentReference: 'LIV-1' });
    await bed.untilStatus(id, 'in-payment');
    const events = await bed.events(id);
    expect(events.find((e) => e.type === 'StopProposalDecided')!.data).toMatchObject({ outcome: 'continue' });
    expect(events.some((e) => e.type === 'BenefitStopped')).toBe(false);
  });

  it('rejects automatically, with evidence, a master over the age limit', async () => {
    const g = await graduate({ birth: '1980-01-01' });
    const handle = await bed.start(degreeDoublingWorkflow, g.input);
    expect((await bed.afterReconsiderationWindow(handle)).status).toBe('rejected');
    const events = await bed.events(g.input.applicationId);
    expect(events.find((e) => e.type === 'ApplicationRejected')!.data).toMatchObject({ reason: 'AGE_LIMIT_EXCEEDED', automatic: true });
    expect(events.some((e) => e.type === 'TaskCreated')).toBe(false);
  });

  it('rejects when the employer denies the employment', async () => {
    const g = await graduate();
    const handle = await bed.start(degreeDoublingWorkflow, g.input);
    const confirm = await bed.openTask(g.input.applicationId, 'employment-confirmation');
    // Another organisation's staff are not candidates.
    await expect(bed.complete(handle, confirm.task_id, employerActor(makeUscc()), 'employer', 'approve')).rejects.toThrow();
    expect((await bed.complete(handle, confirm.task_id, employerActor(g.employer), 'employer', 'reject', {}, '无此员工')).status).toBe('rejected');
    const events = await bed.events(g.input.applicationId);
    expect(events.find((e) => e.type === 'ApplicationRejected')!.data).toMatchObject({ reason: 'EMPLOYER_DID_NOT_CONFIRM' });
  });

  it('returns a silent employer case to the applicant, and asks the corrected employer after the supplement', async () => {
    const g = await graduate();
    const handle = await bed.start(degreeDoublingWorkflow, g.input);
    const id = g.input.applicationId;
    const first = await bed.openTask(id, 'employment-confirmation');
    await bed.env.sleep(20 * DAY);
    await bed.untilStatus(id, 'awaiting-supplement');
    const corrected = makeUscc();
    await new LocalSocialInsuranceRegistry(bed.ds).importRecords([{ idNumber: g.idNumber, orgCode: corrected, town: 'wangdian', months: 4, lastPaidMonth: '2035-12' }]);
    await handle.executeUpdate(supplementUpdate, {
      args: [{ actor: { id: g.input.applicant.sub, role: 'applicant' }, message: '单位代码有误', form: { ...g.input.form, employerOrgCode: corrected } }],
    });
    const second = await bed.openTask(id, 'employment-confirmation');
    expect(second.task_id).not.toBe(first.task_id);
    expect(second.assignee_value).toBe(corrected);
    const types = await bed.types(id);
    expect(types).toEqual(expect.arrayContaining(['TaskCancelled', 'SupplementRequested', 'DeadlineClockPaused', 'SupplementProvided', 'DeadlineClockResumed']));
    await handle.executeUpdate(withdrawUpdate, { args: [{ actor: { id: g.input.applicant.sub, role: 'applicant' }, reason: '已在外地就业' }] });
    expect((await handle.result()).status).toBe('withdrawn');
    await recordHistory('degree-doubling-employer-silent-withdrawn', handle);
  });

  it('escalates an overdue talent-office review to its lead, who may reject it', async () => {
    const g = await graduate();
    const handle = await bed.start(degreeDoublingWorkflow, g.input);
    const id = g.input.applicationId;
    const confirm = await bed.openTask(id, 'employment-confirmation');
    await bed.complete(handle, confirm.task_id, employerActor(g.employer), 'employer', 'approve');
    const review = await bed.openTask(id, 'review');
    await bed.env.sleep(30 * DAY);
    const escalated = await bed.openTasks(id, 'review').then(async (rows) => {
      for (;;) {
        const [row] = (await bed.ds.query(`SELECT queue, escalated FROM tasks WHERE task_id = $1`, [rows[0].task_id])) as { queue: string; escalated: boolean }[];
        if (row.escalated) return row;
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    expect(escalated.queue).toBe('talent-office-lead');
    expect((await bed.complete(handle, review.task_id, lead, 'reviewer', 'reject', {}, '合同不符合要求')).status).toBe('rejected');
  });

  it('refuses a second benefit: an active top-talent award of the same person rejects at approval', async () => {
    const g = await graduate();
    // An approved top-talent application naming the same person as the talent (stored as events, like any).
    const otherId = randomUUID();
    await bed.store.append(`application-${otherId}`, 0, [
      {
        eventId: randomUUID(),
        type: 'ApplicationSubmitted',
        data: {
          applicationId: otherId,
          program: 'top-talent',
          town: 'hitech-zone',
          policyVersion: 1,
          applicant: { sub: 'sponsor-1', name: '某公司联系人', idNumber: makeIdNumber('1980-01-01'), orgCode: makeUscc() },
          form: { talent: { name: '陈硕', category: 'team', honours: [], idNumber: g.idNumber } },
          requestHash: 'x',
        },
        metadata: { actor: { id: 'sponsor-1', role: 'applicant' }, workflowId: `application-${otherId}`, policyVersion: 1 },
      },
      {
        eventId: randomUUID(),
        type: 'ApplicationApproved',
        data: { amountFen: 100_000_000 },
        metadata: { actor: { id: 'talentflow', role: 'system' }, workflowId: `application-${otherId}`, policyVersion: 1 },
      },
    ]);
    // …which claimed its award when it was approved, as the top-talent workflow does.
    expect((await new BenefitClaims(bed.ds, personOf).claim(otherId, 'top-talent', g.idNumber, ['degree-doubling'])).granted).toBe(true);
    const handle = await bed.start(degreeDoublingWorkflow, g.input);
    const id = g.input.applicationId;
    const confirm = await bed.openTask(id, 'employment-confirmation');
    await bed.complete(handle, confirm.task_id, employerActor(g.employer), 'employer', 'approve');
    const review = await bed.openTask(id, 'review');
    expect((await bed.complete(handle, review.task_id, office, 'reviewer', 'approve')).status).toBe('rejected');
    const events = await bed.events(id);
    const check = events.find((e) => e.type === 'AutomaticCheckRecorded' && (e.data as { check: string }).check === 'no-double-benefit')!;
    expect(check.data).toMatchObject({ passed: false, reason: 'DOUBLE_BENEFIT', details: { activeAwards: [{ applicationId: otherId, program: 'top-talent' }] } });
    expect(events.find((e) => e.type === 'ApplicationRejected')!.data).toMatchObject({ reason: 'DOUBLE_BENEFIT', automatic: true });

    // 复核: the lead finds the other award was never paid out and sets the rejection aside. The file goes back to
    // where it was stopped — after the talent office's approval, which is not asked again — and is approved.
    await eventually(async () => (await bed.types(id)).includes('ReconsiderationWindowOpened'), 'the window');
    const asked = await handle.executeUpdate(requestReconsiderationUpdate, { args: [{ actor: { id: g.input.applicant.sub, role: 'applicant' }, reason: '顶尖人才项目未实际享受' }] });
    expect(asked.status).toBe('reconsidering');
    const reconsideration = await bed.openTask(id, 'reconsideration');
    expect(reconsideration.queue).toBe('talent-office-lead');
    const overturned = await bed.complete(handle, reconsideration.task_id, lead, 'reviewer', 'overturn', {}, '经核实未重复享受');
    expect(overturned.status).toBe('in-payment');
    const after = await bed.types(id);
    expect(after.filter((t) => t === 'TaskCreated')).toHaveLength(4); // confirmation, review, reconsideration, settling payment
    expect(after.slice(after.indexOf('ReconsiderationDecided'))).toEqual(expect.arrayContaining(['AutomaticCheckRecorded', 'ApplicationApproved', 'PaymentScheduleSet']));
    await recordHistory('degree-doubling-double-benefit-overturned', handle);
  });
});
