import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/histories';
import { requiredEnv } from '../support/workflow-env';

/**
 * Every recorded history must replay on today's workflow code: a change that would break running
 * applications (a new activity call, a reordered step without patched()) fails here.
 */
describe('recorded workflow histories replay deterministically', () => {
  const files = fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

  it('has recorded histories of every workflow type', () => {
    const types = new Set(files.map((f) => f.split('-').slice(0, 2).join('-')));
    expect([...types]).toEqual(expect.arrayContaining(['skill-subsidy']));
  });

  it.each(files)('%s', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
    await Worker.runReplayHistory({ workflowBundle: { codePath: requiredEnv('WORKFLOW_BUNDLE_PATH') } }, history, file);
  });
});
