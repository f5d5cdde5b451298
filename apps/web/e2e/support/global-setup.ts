import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Starts the real system (support/system.cjs) for the whole run and returns the teardown. The system's
 * address is fixed by WEB_TEST_PORT (default 3199) so that the config's baseURL knows it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
  if (!fs.existsSync(chromium)) {
    throw new Error(`No Chromium at ${chromium}: install it with "apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei" or set CHROMIUM_PATH`);
  }
  const child = spawn(process.execPath, [path.join(__dirname, 'system.cjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const ready = /READY (\{.*\})\n/.exec(buffer);
      if (ready) {
        // The run's database, for tests that act as a rogue administrator would (tampering through SQL).
        process.env.WEB_TEST_DATABASE_URL = (JSON.parse(ready[1]) as { databaseUrl: string }).databaseUrl;
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the test system exited with code ${code} before it was ready`)));
  });
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
}
