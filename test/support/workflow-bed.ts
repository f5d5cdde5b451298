import { randomUUID } from 'node:crypto';
import { Client, WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import type { TaskActor, PolicyBase, Program, Role } from '#domain';
import { createDataSource, EventStore, StoredEvent, ApplicationProjection } from '#event-store';
import { ApplicationInput, ApplicationSummary, completeTaskUpdate } from '#workflows';
import { dataConverter } from '#temporal';
import { eventually, requiredEnv, testWorker, timeSkippingEnvironment } from './workflow-env';

export const DAY = 86_400_000;

export interface TaskRow {
  task_id: string;
  queue: string;
  kind: string;
  escalated: boolean;
  assignee_value: string | null;
}

/** See WorkflowBed.afterReconsiderationWindow. */
export async function afterReconsiderationWindow(env: TestWorkflowEnvironment, handle: WorkflowHandle): Promise<ApplicationSummary> {
  await eventually(async () => {
    if ((await handle.describe()).status.name !== 'RUNNING') return true;
    await env.sleep(5 * DAY);
    // Let a busy worker act on the time that passed before moving the clock again: polling fast would move it months
    // on while the workflow closes, and age what later tests submit (a certificate issued "10 days ago").
    await new Promise((resolve) => setTimeout(resolve, 300));
    return false;
  }, 'the reconsideration window to pass');
  return handle.result();
}

/**
 * A workflow test bed: the time-skipping server, a worker on the run's PostgreSQL, and the reads a test makes
 * (tasks from the read model, events from the store, the runs of a workflow).
 */
export class WorkflowBed {
  env!: TestWorkflowEnvironment;
  /**
   * A plain client on the test server. The environment's own client lets the server skip time freely while a test
   * waits for a result; under load that can race far ahead (to a timeout) before the worker answers, so tests
   * move time only with env.sleep and wait for results with this one.
   */
  client!: Client;
  ds!: DataSource;
  store!: EventStore;
  private worker!: Worker;
  private running!: Promise<void>;
  readonly taskQueue = `bed-${randomUUID()}`;

  /** On the run's database, or on `url` (an isolated database, for a suite that needs the expert pool to itself). */
  static async start(url = requiredEnv('TEST_DATABASE_URL')): Promise<WorkflowBed> {
    const bed = new WorkflowBed();
    bed.ds = await createDataSource({ url, poolSize: 4 }).initialize();
    bed.store = new EventStore(bed.ds, [new ApplicationProjection()]);
    bed.env = await timeSkippingEnvironment();
    bed.client = new Client({ connection: bed.env.connection, namespace: bed.env.namespace ?? 'default', dataConverter: dataConverter() });
    bed.worker = await testWorker(bed.env, bed.ds, bed.taskQueue);
    bed.running = bed.worker.run();
    return bed;
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    await this.env?.teardown();
    await this.ds?.destroy();
  }

  input(program: Program, policy: PolicyBase, form: Record<string, unknown>, applicant: ApplicationInput['applicant'], version = 1): ApplicationInput {
    const applicationId = randomUUID();
    return {
      applicationId,
      program,
      town: 'wangdian',
      form,
      applicant,
      requestHash: 'test',
      requestId: randomUUID(),
      policy: { program, version, publishedAt: '2026-01-01T00:00:00.000Z', policy },
      submittedBy: { id: applicant.sub, role: 'applicant' },
      searchAttributes: false,
    };
  }

  async start(workflow: (input: ApplicationInput) => Promise<ApplicationSummary>, input: ApplicationInput) {
    return this.client.workflow.start(workflow, { taskQueue: this.taskQueue, workflowId: `application-${input.applicationId}`, args: [input] });
  }

  /** The open tasks of a kind on an application, once there are at least `count` of them. */
  async openTasks(applicationId: string, kind: string, count = 1): Promise<TaskRow[]> {
    return eventually(async () => {
      const rows = (await this.ds.query(
        `SELECT task_id, queue, kind, escalated, assignee_value FROM tasks
         WHERE application_id = $1 AND kind = $2 AND status IN ('open', 'claimed') ORDER BY created_at, task_id`,
        [applicationId, kind],
      )) as TaskRow[];
      return rows.length >= count ? rows : undefined;
    }, `${count} open ${kind} task(s)`);
  }

  async openTask(applicationId: string, kind: string): Promise<TaskRow> {
    return (await this.openTasks(applicationId, kind))[0];
  }

  async complete(
    handle: WorkflowHandle,
    taskId: string,
    actor: TaskActor,
    role: Role,
    outcome: 'approve' | 'reject' | 'return' | 'uphold' | 'overturn',
    fields: Record<string, unknown> = {},
    comment?: string,
  ): Promise<ApplicationSummary> {
    const text = comment ?? (outcome === 'approve' ? undefined : 'test comment');
    return handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, actor, role, outcome, fields, ...(text ? { comment: text } : {}) }] });
  }

  /**
   * A rejected (or stopped) file's workflow stays open for 复核 until the window passes; this lets it pass with no
   * request — moving time a few days at a step — and answers the workflow's result.
   */
  async afterReconsiderationWindow(handle: WorkflowHandle): Promise<ApplicationSummary> {
    return afterReconsiderationWindow(this.env, handle);
  }

  /** The application's events, personal fields opened (they are stored sealed). */
  async events(applicationId: string): Promise<StoredEvent[]> {
    return this.store.open(await this.store.readStream(`application-${applicationId}`));
  }

  async types(applicationId: string): Promise<string[]> {
    return (await this.events(applicationId)).map((e) => e.type);
  }

  async status(applicationId: string): Promise<string> {
    const [row] = (await this.ds.query(`SELECT status FROM applications WHERE id = $1`, [applicationId])) as { status: string }[];
    return row?.status;
  }

  /** Waits (advancing time in steps when asked) until the application's read model shows `status`. */
  async untilStatus(applicationId: string, status: string): Promise<void> {
    await eventually(async () => (await this.status(applicationId)) === status, `status ${status}`);
  }

  /** Waits until the application's read model shows `stage` (a notice opened, a committee sitting). */
  async untilStage(applicationId: string, stage: string): Promise<void> {
    await eventually(async () => {
      const [row] = (await this.ds.query(`SELECT stage FROM applications WHERE id = $1`, [applicationId])) as { stage: string }[];
      return row?.stage === stage;
    }, `stage ${stage}`);
  }

  /** Every run of a workflow, first to last, with its history length (follows continue-as-new). */
  async runs(handle: { workflowId: string; firstExecutionRunId: string }): Promise<{ runId: string; events: number }[]> {
    const workflowId = handle.workflowId;
    let runId: string | undefined = handle.firstExecutionRunId;
    const out: { runId: string; events: number }[] = [];
    while (runId) {
      const history: temporal.api.history.v1.IHistory = await this.client.workflow.getHandle(workflowId, runId).fetchHistory();
      const events: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
      out.push({ runId, events: events.length });
      const last: temporal.api.history.v1.IHistoryEvent | undefined = events[events.length - 1];
      runId = last?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
    }
    return out;
  }
}

export function expertActor(id: string): TaskActor {
  return { id, roles: ['expert'], queues: [] };
}

export function employerActor(orgCode: string): TaskActor {
  return { id: `hr-${orgCode}`, roles: ['employer'], queues: [], orgCode };
}
