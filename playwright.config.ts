import { defineConfig } from '@playwright/test';

/**
 * Browser tests of the web application on Debian's Chromium (never a downloaded browser), against the real
 * system started by apps/web/e2e/support/global-setup.ts. One worker: the machine has two cores and the
 * system under test runs beside the browser.
 */
// The global setup picks a free port (unless WEB_TEST_PORT names one) and sets WEB_TEST_PORT before the workers
// start; they read this file again and so see it.
const port = process.env.WEB_TEST_PORT;

export default defineConfig({
  testDir: 'apps/web/e2e',
  testMatch: '*.spec.ts',
  tsconfig: './apps/web/e2e/tsconfig.json',
  outputDir: 'test-results/web',
  globalSetup: './apps/web/e2e/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    ...(port ? { baseURL: `http://127.0.0.1:${port}` } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    video: 'off',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium' },
  },
  projects: [
    { name: 'chromium', use: { viewport: { width: 1366, height: 900 } } },
  ],
});
