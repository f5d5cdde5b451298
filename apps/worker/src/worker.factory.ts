import path from 'node:path';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { buildActivities } from './activities';

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** A prebuilt bundle (tests build one per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxCachedWorkflows?: number;
}

export const WORKFLOWS_PATH = path.join(__dirname, '../../../workflows/index');

export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: buildActivities(setup.dataSource),
    ...(setup.workflowBundle ? { workflowBundle: setup.workflowBundle } : { workflowsPath: require.resolve(WORKFLOWS_PATH) }),
    maxCachedWorkflows: setup.maxCachedWorkflows ?? Number(process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 1000),
    shutdownGraceTime: '10 seconds',
  });
}
