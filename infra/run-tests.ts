import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from './project-root';

/**
 * `npm test` after build and lint: every jest level, then the browser tests (Playwright on Debian's Chromium),
 * then one closing line `tests: N passed, N failed, N skipped` over both. Extra arguments go to jest. Both run
 * even when the first fails, and the exit code is non-zero if either failed. TEST_SUMMARY_FILE, when set,
 * receives the counts as JSON (for .ci/run).
 */
interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env, cwd: projectRoot() });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talentflow-tests-'));
  const bin = (name: string) => path.join(projectRoot(), 'node_modules', '.bin', name);
  const jestFile = path.join(dir, 'jest.json');
  const jestCode = await run(bin('jest'), ['--ci', '--json', `--outputFile=${jestFile}`, ...process.argv.slice(2)]);
  const webFile = path.join(dir, 'web.json');
  const webCode = await run(bin('playwright'), ['test', '--reporter=list,json'], { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: webFile });

  const jest = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number }>(jestFile);
  const web = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(webFile);
  const counts: Counts = {
    passed: (jest?.numPassedTests ?? 0) + (web ? web.stats.expected + web.stats.flaky : 0),
    failed: (jest?.numFailedTests ?? 0) + (web?.stats.unexpected ?? 0),
    skipped: (jest?.numPendingTests ?? 0) + (web?.stats.skipped ?? 0),
  };
  process.stdout.write(
    `\njest: ${jest ? `${jest.numPassedTests} passed, ${jest.numFailedTests} failed` : 'no report'} (exit ${jestCode}); ` +
      `browser: ${web ? `${web.stats.expected + web.stats.flaky} passed, ${web.stats.unexpected} failed` : 'no report'} (exit ${webCode})\n`,
  );
  process.stdout.write(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify(counts));
  fs.rmSync(dir, { recursive: true, force: true });
  return jestCode !== 0 || webCode !== 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
