import fs from 'node:fs';
import path from 'node:path';
import { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = path.join(__dirname, '..', 'histories');

/**
 * With RECORD_HISTORIES=1, saves a workflow's history under test/histories/ for the replay suite, unless a
 * history of that name is already there: recorded histories stand for applications still running, so they are
 * kept. RECORD_HISTORIES=overwrite replaces them (after a deliberate change of code that never ran in
 * production); never re-record to make a failing replay pass.
 */
export async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  const mode = process.env.RECORD_HISTORIES;
  if (mode !== '1' && mode !== 'overwrite') return;
  const file = path.join(HISTORIES_DIR, `${name}.json`);
  if (mode === '1' && fs.existsSync(file)) return;
  const history = await handle.fetchHistory();
  fs.writeFileSync(file, historyToJSON(history));
}
