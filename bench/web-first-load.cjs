/* eslint-disable @typescript-eslint/no-require-imports */
// First load of the web application as an applicant on a phone meets it, against a running `npm start`:
// `node bench/web-first-load.cjs [base-url]` (default http://127.0.0.1:3000). Five fresh browser contexts (empty
// cache) on Debian's Chromium; prints JSON: time until the 登录 button shows, navigation timings, and the
// 新建申请 form after signing in as the demo applicant.
const { chromium } = require('@playwright/test');

async function main() {
  const base = process.argv[2] ?? 'http://127.0.0.1:3000';
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium' });
  const runs = [];
  try {
    for (let i = 0; i < 5; i += 1) {
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`${base}/login`);
      await page.getByRole('button', { name: '登录', exact: true }).waitFor();
      const loginVisibleMs = Date.now() - t0;
      const nav = await page.evaluate(() => {
        // eslint-disable-next-line no-undef -- runs in the page
        const n = performance.getEntriesByType('navigation')[0];
        return { domContentLoadedMs: Math.round(n.domContentLoadedEventEnd), loadMs: Math.round(n.loadEventEnd) };
      });
      await page.getByRole('button', { name: /张三/ }).first().click();
      await page.getByRole('button', { name: '退出' }).waitFor();
      const t1 = Date.now();
      await page.goto(`${base}/applications/new`);
      await page.getByRole('button', { name: '提交申请' }).waitFor();
      runs.push({ loginVisibleMs, ...nav, newApplicationFormMs: Date.now() - t1 });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const summary = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(k)]));
  process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), base, median: summary, runs }, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack ?? err}\n`);
  process.exit(1);
});
