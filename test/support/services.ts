import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { dropDatabase, migrate } from '#event-store';
import { FAILURE_CONVERTER_PATH } from '#temporal';
import { DATABASE_MODE_ENV, openDatabaseServer } from '../../infra/database';
import { startDevServer } from '../../infra/temporal-dev-server';
import { WORKFLOW_BUNDLER_OPTIONS, WORKFLOWS_PATH } from '../../apps/worker/src/worker.factory';

/** The test runs' payload-codec key: not a secret (it encrypts only test data), fixed so recorded histories replay. */
export const TEST_CODEC_KEYS = `test-1:${createHash('sha256').update('talentflow test payload codec key').digest('base64')}`;

/** The test runs' keys for sealed personal fields (not secret: test data only). */
export const TEST_PII_KEYS = JSON.stringify({
  master: [{ id: 'test-master-1', key: createHash('sha256').update('talentflow test master key').digest('base64') }],
  hmac: createHash('sha256').update('talentflow test hmac key').digest('base64'),
});

export interface TestServices {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Real services for one test run: its own database (migrated) on the project's PostgreSQL (the embedded server
 * unless DATABASE_URL names another), a workflow bundle, a Temporal dev server.
 */
export async function startTestServices(databaseName: string): Promise<TestServices> {
  const database = await openDatabaseServer((line) => process.stderr.write(`[database] ${line}\n`));
  const databaseUrl = database.url(databaseName);
  // The run's PII keys from the start: the migrations record their fingerprint and hash with them.
  process.env.PII_KEYS = TEST_PII_KEYS;
  await migrate(databaseUrl);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talentflow-test-'));
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_PATH), ...WORKFLOW_BUNDLER_OPTIONS, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietLogger });
  fs.writeFileSync(bundlePath, code);

  const server = await startDevServer({ headless: true, logFile: path.join(dir, 'temporal.log') });
  return {
    env: {
      TEST_DATABASE_URL: databaseUrl,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      TEMPORAL_TEST_ADDRESS: server.address,
      TEST_TMP_DIR: dir,
      // One fixed codec key for every client and worker of the run (and for histories recorded by it).
      TEMPORAL_CODEC_KEYS: TEST_CODEC_KEYS,
      PII_KEYS: TEST_PII_KEYS,
      [DATABASE_MODE_ENV]: database.mode,
    },
    async stop() {
      await server.stop();
      if (process.env.KEEP_TEST_DATABASE !== '1') await dropDatabase(databaseUrl);
      await database.release();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
  error: (message: string) => process.stderr.write(`[bundler] ${message}\n`),
};
