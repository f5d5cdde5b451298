import { randomUUID } from 'node:crypto';
import { ActivityFailure, ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { makeIdNumber } from '#test/support/fixtures';
import { timeSkippingEnvironment } from '#test/support/workflow-env';
import { dataConverter } from './payload-codec';
import { failingWorkflow } from './testing/failing.workflow';

/**
 * Failure messages and stack traces reach the server encrypted: an activity that fails with an ID number in its
 * message, and the workflow failing with it, leave nothing readable in the history the server keeps; a client
 * with the codec reads the message as it was thrown.
 */
describe('failure converter (messages and stack traces encrypted)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await timeSkippingEnvironment();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('keeps an ID number in a failure message out of the server and gives it back to a client with the codec', async () => {
    const idNumber = makeIdNumber();
    const taskQueue = `failures-${randomUUID()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      workflowsPath: require.resolve('./testing/failing.workflow'),
      activities: {
        refuse: async (n: string) => {
          throw ApplicationFailure.nonRetryable(`证件号码 ${n} 与登记信息不一致`, 'REGISTRY.MISMATCH');
        },
      },
      dataConverter: dataConverter(),
    });
    const workflowId = `failing-${randomUUID()}`;
    const outcome = await worker.runUntil(env.client.workflow.execute(failingWorkflow, { taskQueue, workflowId, args: [idNumber] }).catch((err: unknown) => err));

    // Through the client (codec and failure converter): the message as thrown.
    expect(outcome).toBeInstanceOf(WorkflowFailedError);
    const cause = (outcome as WorkflowFailedError).cause as ActivityFailure;
    expect(cause).toBeInstanceOf(ActivityFailure);
    expect(cause.cause?.message).toBe(`证件号码 ${idNumber} 与登记信息不一致`);

    // What the server keeps: "Encoded failure" and encrypted attributes; the number nowhere in the raw history.
    const raw = await env.client.workflowService.getWorkflowExecutionHistory({ namespace: env.namespace ?? 'default', execution: { workflowId } });
    const events = raw.history?.events ?? [];
    const failures = events.flatMap((e) => [e.activityTaskFailedEventAttributes?.failure, e.workflowExecutionFailedEventAttributes?.failure].filter((f) => !!f));
    expect(failures).toHaveLength(2);
    for (const failure of failures) {
      expect(failure!.message).toBe('Encoded failure');
      expect(Buffer.from(failure!.encodedAttributes!.metadata!.encoding!).toString()).toBe('binary/encrypted');
    }
    const text = JSON.stringify(events, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('登记信息');
  });
});
