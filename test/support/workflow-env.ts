import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { resolveTemporalBinary } from '../../infra/project-root';
import { createWorker } from '../../apps/worker/src/worker.factory';
import { dataConverter } from '#temporal';

/** The official time-skipping test server, from the project's tools folder. */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const path = resolveTemporalBinary('temporal-test-server');
  return TestWorkflowEnvironment.createTimeSkipping({
    client: { dataConverter: dataConverter() },
    ...(path ? { server: { executable: { type: 'existing-path', path } } } : {}),
  });
}

export async function testWorker(env: TestWorkflowEnvironment, ds: DataSource, taskQueue: string): Promise<Worker> {
  return createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    dataSource: ds,
    workflowBundle: { codePath: requiredEnv('WORKFLOW_BUNDLE_PATH') },
    maxCachedWorkflows: 100,
  });
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through jest's int or e2e project`);
  return value;
}

/** Polls until `probe` returns a value, or fails after the deadline (never a fixed sleep). */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Worker and SDK logs at WARN and above only, so test output shows what matters. */
export function quietTemporalLogs(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process.
  }
}
