import path from 'node:path';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { dataConverter } from '#temporal';
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

/**
 * Workflow code imports the domain as `#domain` (package.json `imports`). The bundle takes the domain from beside
 * the workflows it bundles: the TypeScript sources under jest, the compiled files under dist/ (the Docker image).
 */
export const WORKFLOW_BUNDLER_OPTIONS: NonNullable<WorkerOptions['bundlerOptions']> = {
  webpackConfigHook: (config) => ({
    ...config,
    resolve: { ...config.resolve, alias: { ...config.resolve?.alias, '#domain': path.join(path.dirname(require.resolve(WORKFLOWS_PATH)), '../libs/domain/src/index') } },
  }),
};

export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: buildActivities(setup.dataSource),
    ...(setup.workflowBundle ? { workflowBundle: setup.workflowBundle } : { workflowsPath: require.resolve(WORKFLOWS_PATH), bundlerOptions: WORKFLOW_BUNDLER_OPTIONS }),
    maxCachedWorkflows: setup.maxCachedWorkflows ?? Number(process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 1000),
    shutdownGraceTime: '10 seconds',
    // Payloads leave the process encrypted (AES-256-GCM): the server and its UI see ciphertext.
    dataConverter: dataConverter(),
  });
}
