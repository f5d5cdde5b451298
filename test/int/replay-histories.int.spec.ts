import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { PROGRAMS } from '#domain';
import { HISTORIES_DIR } from '../support/histories';
import { requiredEnv } from '../support/workflow-env';
import { dataConverter } from '#temporal';

/**
 * Every recorded history must replay on today's workflow code: a change that would break running
 * applications (a new activity call, a reordered step without patched()) fails here.
 */
const WORKFLOW_TYPES = {
  'skill-subsidy': 'skillSubsidyWorkflow',
  'degree-doubling': 'degreeDoublingWorkflow',
  'top-talent': 'topTalentWorkflow',
  'title-fast-track': 'titleFastTrackWorkflow',
} as const;

describe('recorded workflow histories replay deterministically', () => {
  const files = fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

  it('has recorded histories of every workflow type', () => {
    for (const program of PROGRAMS) expect(files.filter((f) => f.startsWith(`${program}-`)).length).toBeGreaterThan(0);
    // Each workflow type's histories replay against the workflow its program runs today.
    for (const file of files) {
      const json = JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as { events: { workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }[] };
      const type = json.events[0].workflowExecutionStartedEventAttributes?.workflowType?.name;
      const program = PROGRAMS.find((p) => file.startsWith(`${p}-`));
      expect(type).toBe(WORKFLOW_TYPES[program!]);
    }
  });

  it.each(files)('%s', async (file) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
    // Histories recorded since payloads are encrypted decrypt with the test key (older ones are in clear and pass through).
    await Worker.runReplayHistory({ workflowBundle: { codePath: requiredEnv('WORKFLOW_BUNDLE_PATH') }, dataConverter: dataConverter() }, history, file);
  });
});
