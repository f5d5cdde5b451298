import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { SKILL_SUBSIDY_POLICY_V1 } from '#domain';
import { createDataSource } from '#event-store';
import { LocalSkillCertificateRegistry, LocalSocialInsuranceRegistry } from '#registries';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '../../test/support/fixtures';
import { eventually, requiredEnv, testWorker, timeSkippingEnvironment } from '../../test/support/workflow-env';
import { ApplicationInput, completeTaskUpdate } from '../skill-subsidy/skill-subsidy.messages';
import { skillSubsidyWorkflow } from '../skill-subsidy/skill-subsidy.workflow';
import { dataConverter } from '#temporal';

/**
 * The drill's false 404: a worker stores a task (the read model shows it, a reviewer acts on it) and dies before
 * its workflow task completes. The next worker replays a run that has not stored the task yet when the
 * reviewer's completion arrives; the update must wait for the task, not answer TASK.NOT_FOUND.
 */
describe('a task update that arrives while a crashed worker\'s run is replayed', () => {
  let env: TestWorkflowEnvironment;
  let client: Client;
  let ds: DataSource;
  const taskQueue = `crash-${randomUUID()}`;

  beforeAll(async () => {
    ds = await createDataSource({ url: requiredEnv('TEST_DATABASE_URL'), poolSize: 4 }).initialize();
    env = await timeSkippingEnvironment();
    client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: dataConverter() });
  });

  afterAll(async () => {
    await env?.teardown();
    await ds?.destroy();
  });

  async function input(): Promise<ApplicationInput> {
    const idNumber = makeIdNumber();
    const certificateNumber = uniqueCertificateNumber();
    await new LocalSkillCertificateRegistry(ds).importCertificates([{ certificateNumber, idNumber, level: 3, occupation: '电工', issuedOn: daysAgo(30) }]);
    await new LocalSocialInsuranceRegistry(ds).importRecords([{ idNumber, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: new Date().toISOString().slice(0, 7) }]);
    const applicationId = randomUUID();
    return {
      applicationId,
      program: 'skill-subsidy',
      town: 'wangdian',
      form: { certificateNumber, level: 3, occupation: '电工', issuedOn: daysAgo(30), bankAccount: { bankName: '嘉兴银行', accountNumber: '6222000011112222' } },
      applicant: { sub: `applicant-${applicationId}`, name: '张三', idNumber },
      requestHash: 'test',
      requestId: randomUUID(),
      policy: { program: 'skill-subsidy', version: 1, publishedAt: '2026-01-01T00:00:00.000Z', policy: SKILL_SUBSIDY_POLICY_V1 },
      submittedBy: { id: `applicant-${applicationId}`, role: 'applicant' },
      searchAttributes: false,
    };
  }

  it('waits for the task to be stored again and completes it', async () => {
    // Worker A, a process of its own, commits the review task's append and hangs; then it is killed with SIGKILL.
    const workerA = spawn(
      process.execPath,
      [path.join(__dirname, '../../test/support/dying-worker.cjs'), env.address, env.namespace ?? 'default', taskQueue, requiredEnv('WORKFLOW_BUNDLE_PATH'), requiredEnv('TEST_DATABASE_URL')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    workerA.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await eventually(async () => out.includes('ready'), 'the dying worker to poll');
    const i = await input();
    const handle = await client.workflow.start(skillSubsidyWorkflow, { taskQueue, workflowId: `application-${i.applicationId}`, args: [i] });
    await eventually(async () => out.includes('committed'), 'the review task committed by worker A');
    const [review] = (await ds.query(`SELECT task_id FROM tasks WHERE application_id = $1 AND kind = 'review'`, [i.applicationId])) as { task_id: string }[];
    expect(review).toBeDefined(); // the reviewer sees it in the list
    workerA.kill('SIGKILL');
    await new Promise((r) => workerA.once('exit', r));

    const completion = handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: review.task_id, actor: { id: 'reviewer-1', roles: ['reviewer'], queues: ['hrss-skill'] }, role: 'reviewer', outcome: 'approve', fields: {} }],
    });
    const workerB = await testWorker(env, ds, taskQueue);
    const runningB = workerB.run();
    try {
      await env.sleep(15_000); // past the dead worker's workflow-task timeout: B replays the run with the update waiting
      const answer = await completion;
      expect(answer.status).toBe('in-payment');
      const events = (await ds.query(`SELECT type, data->>'kind' AS kind FROM events WHERE stream_id = $1 ORDER BY version`, [`application-${i.applicationId}`])) as {
        type: string;
        kind: string | null;
      }[];
      expect(events.filter((e) => e.type === 'TaskCreated').map((e) => e.kind)).toEqual(['review', 'payment-confirmation']); // none twice
      expect(events.filter((e) => e.type === 'TaskCompleted')).toHaveLength(1);
    } finally {
      workerB.shutdown();
      await runningB;
    }
  });
});
