import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { TaskActor, SKILL_SUBSIDY_POLICY_V1 } from '#domain';
import { createDataSource, EventStore } from '#event-store';
import { LocalSkillCertificateRegistry, LocalSocialInsuranceRegistry } from '#registries';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../../test/support/fixtures';
import { recordHistory } from '../../test/support/histories';
import { eventually, requiredEnv, testWorker, timeSkippingEnvironment } from '../../test/support/workflow-env';
import { afterReconsiderationWindow } from '../../test/support/workflow-bed';
import {
  ApplicationInput,
  completeTaskUpdate,
  requestReconsiderationUpdate,
  supplementUpdate,
  withdrawUpdate,
} from './skill-subsidy.messages';
import { skillSubsidyWorkflow } from './skill-subsidy.workflow';
import { dataConverter } from '#temporal';

const DAY = 86_400_000;
const reviewer: TaskActor = { id: 'reviewer-1', roles: ['reviewer'], queues: ['hrss-skill'] };
const lead: TaskActor = { id: 'lead-1', roles: ['reviewer'], queues: ['hrss-skill-lead'] };
const finance: TaskActor = { id: 'finance-1', roles: ['finance'], queues: ['finance'] };

describe('skill-subsidy workflow (time-skipping server, real PostgreSQL)', () => {
  let env: TestWorkflowEnvironment;
  // Results are awaited with a plain client: time moves only by env.sleep (see test/support/workflow-bed.ts).
  let client: Client;
  let ds: DataSource;
  let worker: Worker;
  let running: Promise<void>;
  let store: EventStore;
  const taskQueue = `skill-${randomUUID()}`;

  beforeAll(async () => {
    ds = await createDataSource({ url: requiredEnv('TEST_DATABASE_URL'), poolSize: 4 }).initialize();
    store = new EventStore(ds);
    env = await timeSkippingEnvironment();
    client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: dataConverter() });
    worker = await testWorker(env, ds, taskQueue);
    running = worker.run();
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await ds?.destroy();
  });

  /** A person with a fresh level-`level` certificate and 24 months of insurance, unless told otherwise. */
  async function applicant(opts: { level?: number; insuranceMonths?: number; certificateAgeDays?: number } = {}) {
    const idNumber = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    const level = opts.level ?? 3;
    await new LocalSkillCertificateRegistry(ds).importCertificates([
      { certificateNumber, idNumber, level, occupation: '电工', issuedOn: daysAgo(opts.certificateAgeDays ?? 30) },
    ]);
    await new LocalSocialInsuranceRegistry(ds).importRecords([
      { idNumber, orgCode: makeUscc(), town: 'wangdian', months: opts.insuranceMonths ?? 24, lastPaidMonth: '2026-10' },
    ]);
    return { idNumber, certificateNumber, level };
  }

  function input(person: { idNumber: string; certificateNumber: string; level: number }): ApplicationInput {
    const applicationId = randomUUID();
    return {
      applicationId,
      program: 'skill-subsidy',
      town: 'wangdian',
      form: {
        certificateNumber: person.certificateNumber,
        level: person.level,
        occupation: '电工',
        issuedOn: daysAgo(30),
        bankAccount: { bankName: '嘉兴银行', accountNumber: '6222000011112222' },
      },
      applicant: { sub: `applicant-${applicationId}`, name: '张三', idNumber: person.idNumber },
      requestHash: 'test',
      requestId: randomUUID(),
      policy: { program: 'skill-subsidy', version: 1, publishedAt: '2026-01-01T00:00:00.000Z', policy: SKILL_SUBSIDY_POLICY_V1 },
      submittedBy: { id: `applicant-${applicationId}`, role: 'applicant' },
      searchAttributes: false,
    };
  }

  async function start(i: ApplicationInput) {
    return client.workflow.start(skillSubsidyWorkflow, { taskQueue, workflowId: `application-${i.applicationId}`, args: [i] });
  }

  async function openTask(applicationId: string, kind: string): Promise<{ task_id: string; queue: string; escalated: boolean }> {
    return eventually(async () => {
      const rows = (await ds.query(
        `SELECT task_id, queue, escalated FROM tasks WHERE application_id = $1 AND kind = $2 AND status IN ('open', 'claimed')`,
        [applicationId, kind],
      )) as { task_id: string; queue: string; escalated: boolean }[];
      return rows[0];
    }, `an open ${kind} task`);
  }

  async function types(applicationId: string): Promise<string[]> {
    return (await store.readStream(`application-${applicationId}`)).map((e) => e.type);
  }

  it('approves, pays and completes, with a verifiable chain and evidence for every check', async () => {
    const i = input(await applicant());
    const handle = await start(i);
    const review = await openTask(i.applicationId, 'review');
    const afterReview = await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: review.task_id, actor: reviewer, role: 'reviewer', outcome: 'approve', comment: '材料齐全', fields: {} }],
    });
    expect(afterReview.status).toBe('in-payment');

    const payment = await openTask(i.applicationId, 'payment-confirmation');
    expect(payment.queue).toBe('finance');
    const done = await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: payment.task_id, actor: finance, role: 'finance', outcome: 'approve', fields: { paymentReference: 'BANK-1' } }],
    });
    expect(done.status).toBe('completed');
    expect((await handle.result()).status).toBe('completed');

    const events = await store.readStream(`application-${i.applicationId}`);
    expect(events.map((e) => e.type)).toEqual([
      'ApplicationSubmitted',
      'AutomaticCheckRecorded',
      'AutomaticCheckRecorded',
      'AutomaticCheckRecorded',
      'TaskCreated',
      'TaskCompleted',
      'ApplicationApproved',
      'PaymentInstructed',
      'TaskCreated',
      'TaskCompleted',
      'PaymentConfirmed',
      'ApplicationCompleted',
    ]);
    const approved = events.find((e) => e.type === 'ApplicationApproved')!;
    expect((approved.data as { amountFen: number }).amountFen).toBe(200000);
    const checks = events.filter((e) => e.type === 'AutomaticCheckRecorded').map((e) => e.data as { check: string; responseHash: string });
    expect(checks.map((c) => c.check)).toEqual(['certificate-registry', 'social-insurance', 'duplicate-claims']);
    for (const c of checks) expect(c.responseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.verifyStream(`application-${i.applicationId}`)).toMatchObject({ valid: true, eventCount: 12 });
    await recordHistory('skill-subsidy-completed', handle);
  });

  it('rejects automatically, with the reason, when insurance months fall short', async () => {
    const i = input(await applicant({ insuranceMonths: 6 }));
    const handle = await start(i);
    expect((await afterReconsiderationWindow(env, handle)).status).toBe('rejected');
    const events = await store.readStream(`application-${i.applicationId}`);
    const rejected = events.find((e) => e.type === 'ApplicationRejected')!;
    // Final once the 复核 window passed with no request.
    expect(events.slice(-2).map((e) => e.type)).toEqual(['ReconsiderationWindowOpened', 'ReconsiderationWindowClosed']);
    expect(rejected.data).toMatchObject({ reason: 'INSUFFICIENT_INSURANCE_MONTHS', automatic: true });
    expect(events.some((e) => e.type === 'TaskCreated')).toBe(false);
  });

  it('escalates an overdue review to hrss-skill-lead, where the lead can decide it', async () => {
    const i = input(await applicant());
    const handle = await start(i);
    const review = await openTask(i.applicationId, 'review');
    expect(review.escalated).toBe(false);
    await env.sleep(20 * DAY); // past 5 working days whatever the holidays
    const escalated = await eventually(async () => {
      const [row] = (await ds.query(`SELECT queue, escalated FROM tasks WHERE task_id = $1`, [review.task_id])) as {
        queue: string;
        escalated: boolean;
      }[];
      return row.escalated ? row : undefined;
    }, 'the escalation');
    expect(escalated.queue).toBe('hrss-skill-lead');
    expect(await types(i.applicationId)).toContain('TaskEscalated');
    const answer = await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: review.task_id, actor: lead, role: 'reviewer', outcome: 'reject', comment: '不符合条件', fields: {} }],
    });
    expect(answer.status).toBe('rejected');
  });

  describe('复核 (reconsideration)', () => {
    const otherLead: TaskActor = { id: 'lead-2', roles: ['reviewer'], queues: ['hrss-skill-lead'] };
    const ask = (i: ApplicationInput, reason = '我的社保在外地补缴，现已转入') =>
      client.workflow.getHandle(`application-${i.applicationId}`).executeUpdate(requestReconsiderationUpdate, { args: [{ actor: { id: i.applicant.sub, role: 'applicant' }, reason }] });

    it('an automatic rejection set aside by the lead goes on to review, approval and payment', async () => {
      const i = input(await applicant({ insuranceMonths: 6 }));
      const handle = await start(i);
      await eventually(async () => (await types(i.applicationId)).includes('ReconsiderationWindowOpened'), 'the window');
      const asked = await ask(i);
      expect(asked).toMatchObject({ status: 'reconsidering', stage: 'reconsideration' });
      const task = await openTask(i.applicationId, 'reconsideration');
      expect(task.queue).toBe('hrss-skill-lead');
      await expect(ask(i)).rejects.toMatchObject({ cause: { type: 'RECONSIDERATION.ALREADY_REQUESTED' } });
      const overturned = await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.task_id, actor: lead, role: 'reviewer', outcome: 'overturn', comment: '外地补缴月数应计入', fields: {} }],
      });
      expect(overturned.status).toBe('in-review');
      // The checks run again and still find 6 months; the verdict set aside no longer stops the file.
      const review = await openTask(i.applicationId, 'review');
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: review.task_id, actor: reviewer, role: 'reviewer', outcome: 'approve', fields: {} }] });
      const payment = await openTask(i.applicationId, 'payment-confirmation');
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: payment.task_id, actor: finance, role: 'finance', outcome: 'approve', fields: { paymentReference: 'BANK-R' } }] });
      expect((await handle.result()).status).toBe('completed');
      const events = await store.readStream(`application-${i.applicationId}`);
      const decided = events.find((e) => e.type === 'ReconsiderationDecided')!;
      expect(decided.data).toMatchObject({ outcome: 'overturn', by: 'lead-1', resumeStage: 'automatic-checks' });
      const opened = events.find((e) => e.type === 'ReconsiderationWindowOpened')!;
      expect(opened.data).toMatchObject({ decision: { status: 'rejected', reason: 'INSUFFICIENT_INSURANCE_MONTHS', automatic: true, deciders: [] } });
      expect(events.filter((e) => e.type === 'AutomaticCheckRecorded')).toHaveLength(6);
      expect(await store.verifyStream(`application-${i.applicationId}`)).toMatchObject({ valid: true });
      await recordHistory('skill-subsidy-reconsidered-overturned', handle);
    });

    it('the reviewer who rejected is recused; another lead upholds, with the rights statement, once', async () => {
      const i = input(await applicant());
      const handle = await start(i);
      const review = await openTask(i.applicationId, 'review');
      const bothQueues: TaskActor = { id: 'reviewer-1', roles: ['reviewer'], queues: ['hrss-skill', 'hrss-skill-lead'] };
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: review.task_id, actor: bothQueues, role: 'reviewer', outcome: 'reject', comment: '证书与职业不符', fields: {} }] });
      await eventually(async () => (await types(i.applicationId)).includes('ReconsiderationWindowOpened'), 'the window');
      await ask(i);
      const task = await openTask(i.applicationId, 'reconsideration');
      await expect(
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.task_id, actor: bothQueues, role: 'reviewer', outcome: 'overturn', comment: '我改主意了', fields: {} }] }),
      ).rejects.toMatchObject({ cause: { type: 'TASK.RECUSED' } });
      const upheld = await handle.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.task_id, actor: otherLead, role: 'reviewer', outcome: 'uphold', comment: '原决定事实清楚', fields: {} }],
      });
      expect(upheld.status).toBe('rejected');
      expect((await handle.result()).status).toBe('rejected');
      const decided = (await store.readStream(`application-${i.applicationId}`)).find((e) => e.type === 'ReconsiderationDecided')!;
      expect(decided.data).toMatchObject({ outcome: 'uphold', by: 'lead-2', rights: expect.stringContaining('行政复议') });
      expect((decided.data as { rights: string }).rights).toContain('行政诉讼');
      await recordHistory('skill-subsidy-reconsidered-upheld', handle);
    });
  });

  it('一次性告知: at most two returns for supplement; a third answers RETURN.LIMIT_REACHED', async () => {
    const i = input(await applicant());
    const handle = await start(i);
    const items = [{ document: '职业资格证书', reason: '扫描件不清晰' }];
    for (let round = 1; round <= 2; round += 1) {
      const review = await openTask(i.applicationId, 'review');
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: review.task_id, actor: reviewer, role: 'reviewer', outcome: 'return', comment: `第${round}次`, fields: { items } }] });
      await handle.executeUpdate(supplementUpdate, { args: [{ actor: { id: i.applicant.sub, role: 'applicant' }, message: '已重新上传', answers: [0] }] });
    }
    const third = await openTask(i.applicationId, 'review');
    await expect(
      handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: third.task_id, actor: reviewer, role: 'reviewer', outcome: 'return', comment: '第3次', fields: { items } }] }),
    ).rejects.toMatchObject({ cause: { type: 'RETURN.LIMIT_REACHED' } });
    const events = await store.readStream(`application-${i.applicationId}`);
    expect(events.filter((e) => e.type === 'SupplementRequested').map((e) => (e.data as { items: unknown }).items)).toEqual([items, items]);
    expect(events.filter((e) => e.type === 'SupplementProvided').map((e) => (e.data as { answers: number[] }).answers)).toEqual([[0], [0]]);
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: third.task_id, actor: reviewer, role: 'reviewer', outcome: 'reject', comment: '材料仍不符合', fields: {} }] });
    await recordHistory('skill-subsidy-return-limit', handle);
  });

  it('lapses when a returned application gets no supplement within the window', async () => {
    const i = input(await applicant());
    const handle = await start(i);
    const review = await openTask(i.applicationId, 'review');
    const returned = await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: review.task_id, actor: reviewer, role: 'reviewer', outcome: 'return', comment: '请补充证书扫描件', fields: { items: [{ document: '职业资格证书', reason: '请补充证书扫描件' }] } }],
    });
    expect(returned.status).toBe('awaiting-supplement');
    await env.sleep(30 * DAY);
    expect((await handle.result()).status).toBe('lapsed');
    const t = await types(i.applicationId);
    expect(t).toEqual(expect.arrayContaining(['SupplementRequested', 'DeadlineClockPaused', 'ApplicationLapsed']));
    await recordHistory('skill-subsidy-lapsed', handle);
  });

  it('re-checks a supplemented form and goes back to review; the clock pause is recorded', async () => {
    const person = await applicant({ level: 4 });
    const i = input({ ...person, level: 3 }); // claims the wrong level at first
    const handle = await start(i);
    expect((await afterReconsiderationWindow(env, handle)).status).toBe('rejected'); // LEVEL_MISMATCH is a hard failure

    const j = input(person);
    const h2 = await start(j);
    const review = await openTask(j.applicationId, 'review');
    await h2.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: review.task_id, actor: reviewer, role: 'reviewer', outcome: 'return', comment: '职业名称有误', fields: { items: [{ field: 'occupation', reason: '职业名称与证书不一致' }] } }],
    });
    const after = await h2.executeUpdate(supplementUpdate, {
      args: [{ actor: { id: j.applicant.sub, role: 'applicant' }, message: '已更正', form: { ...j.form, occupation: '维修电工' } }],
    });
    expect(after.status).toBe('in-review');
    const second = await openTask(j.applicationId, 'review');
    expect(second.task_id).not.toBe(review.task_id);
    const t = await types(j.applicationId);
    expect(t.filter((x) => x === 'AutomaticCheckRecorded')).toHaveLength(6);
    expect(t).toEqual(expect.arrayContaining(['SupplementProvided', 'DeadlineClockResumed']));
    const withdrawn = await h2.executeUpdate(withdrawUpdate, { args: [{ actor: { id: j.applicant.sub, role: 'applicant' }, reason: '不再申请' }] });
    expect(withdrawn.status).toBe('withdrawn');
    expect((await h2.result()).status).toBe('withdrawn');
    const [task] = (await ds.query(`SELECT status FROM tasks WHERE task_id = $1`, [second.task_id])) as { status: string }[];
    expect(task.status).toBe('cancelled');
    await recordHistory('skill-subsidy-supplement-withdrawn', h2);
  });

  it('answers a second completion of the same task with TASK.NOT_OPEN', async () => {
    const i = input(await applicant());
    const handle = await start(i);
    const review = await openTask(i.applicationId, 'review');
    const args = { taskId: review.task_id, actor: reviewer, role: 'reviewer' as const, outcome: 'reject' as const, comment: 'no', fields: {} };
    const results = await Promise.allSettled([
      handle.executeUpdate(completeTaskUpdate, { args: [args] }),
      handle.executeUpdate(completeTaskUpdate, { args: [{ ...args, actor: { ...reviewer, id: 'reviewer-2' } }] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(JSON.stringify(failed.reason.cause?.type ?? failed.reason.cause)).toMatch(/TASK\.(NOT_OPEN|CLAIMED_BY_OTHER)/);
  });
});
