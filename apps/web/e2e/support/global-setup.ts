import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '#infra/net';

/**
 * Starts the real system (support/system.cjs) for the whole run and returns the teardown. The API listens on
 * WEB_TEST_PORT, a free port unless set; the workers inherit it (baseURL in playwright.config.ts).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
  if (!fs.existsSync(chromium)) {
    throw new Error(`No Chromium at ${chromium}: install it with "apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei" or set CHROMIUM_PATH`);
  }
  if (!process.env.WEB_TEST_PORT) process.env.WEB_TEST_PORT = String(await freePort());
  const child = spawn(process.execPath, [path.join(__dirname, 'system.cjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const ready = /READY (\{.*\})\n/.exec(buffer);
      if (ready) {
        // For specs that start a system part of their own (a second API in jwt mode): the same database, Temporal
        // and PII keys.
        const system = JSON.parse(ready[1]) as { databaseUrl: string; temporalAddress: string; piiKeys: string };
        process.env.WEB_TEST_DATABASE_URL = system.databaseUrl;
        process.env.WEB_TEST_TEMPORAL_ADDRESS = system.temporalAddress;
        process.env.WEB_TEST_PII_KEYS = system.piiKeys;
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
