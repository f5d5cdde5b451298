import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '#infra/net';
import { OidcProvider, startOidcProvider } from '#test/support/oidc';
import { expectAccessible, makeIdNumber } from './support/helpers';

/**
 * AUTH_MODE=jwt: 统一身份认证登录 through a real OpenID provider (oidc-provider, started here) with the
 * authorization code flow and PKCE; the API verifies the provider's tokens through its keys. Sign-in, logout
 * at the provider, and a session that expires.
 */
test.describe('统一身份认证 (OpenID Connect)', () => {
  let provider: OidcProvider;
  let api: ChildProcess;
  let base: string;
  const person = { name: '张伟', idNumber: makeIdNumber() };

  test.beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      redirectUris: [`${base}/auth/callback`],
      postLogoutRedirectUris: [`${base}/login`],
      accounts: { 'zhang-wei': { roles: ['applicant'], ...person } },
      accessTokenTtlSeconds: 15,
    });
    const root = path.resolve(__dirname, '../../..');
    api = spawn(process.execPath, [path.join(root, 'dist/apps/api/src/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        AUTH_MODE: 'jwt',
        JWT_SECRET: '',
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: 'talentflow-web',
        OIDC_SCOPE: 'openid profile talentflow',
        OIDC_RESOURCE: 'urn:talentflow:api',
        DATABASE_URL: process.env.WEB_TEST_DATABASE_URL,
        TEMPORAL_ADDRESS: process.env.WEB_TEST_TEMPORAL_ADDRESS,
        PII_KEYS: process.env.WEB_TEST_PII_KEYS,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: 'ignore',
    });
    await expect.poll(async () => fetch(`${base}/api/v1/health`).then((r) => r.status, () => 0), { timeout: 60_000 }).toBe(200);
  });

  test.afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((r) => api.once('exit', r));
      api.kill('SIGTERM');
      await exited;
    }
    await provider?.stop();
  });

  test('signs in at the provider, works, signs out there, and is asked again when the session expires', async ({ page }) => {
    await page.goto(`${base}/login`);
    await expect(page.getByLabel('用户标识')).toHaveCount(0); // no dev form in jwt mode
    await expectAccessible(page, 'login (统一身份认证)');
    await page.getByRole('button', { name: '统一身份认证登录' }).click();

    // The provider's own sign-in page (its development interaction accepts any password).
    await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/`));
    await page.locator('input[name="login"]').fill('zhang-wei');
    await page.locator('input[name="password"]').fill('any-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();

    await expect(page).toHaveURL(`${base}/applications`);
    await expect(page.getByRole('heading', { name: '我的申请', exact: true })).toBeVisible();
    await expect(page.getByText('张伟（申请人）')).toBeVisible();
    const stored = await page.evaluate(() => sessionStorage.getItem('talentflow.token'));
    expect(stored).toMatch(/^ey/); // the provider's JWT access token, in session storage
    expect(page.url()).not.toContain('token');

    // 退出: ends the session here and at the provider, which sends the browser back to the login page.
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await expect(page).toHaveURL(new RegExp(`^${base}/login`));
    await expect(page.getByRole('button', { name: '统一身份认证登录' })).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.getItem('talentflow.token'))).toBeNull();

    // Again, then let the token expire (15 s here): the next request is refused and the page says so.
    await page.getByRole('button', { name: '统一身份认证登录' }).click();
    await page.locator('input[name="login"]').fill('zhang-wei');
    await page.locator('input[name="password"]').fill('any-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await expect(page.getByRole('heading', { name: '我的申请', exact: true })).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByText('登录已过期，请重新登录')).toBeVisible({ timeout: 2000 });
    }).toPass({ timeout: 60_000 });
    await expect(page).toHaveURL(/\/login\?/);
    await expect(page.getByRole('button', { name: '统一身份认证登录' })).toBeVisible();
  });
});
