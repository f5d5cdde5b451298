import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber } from '#test/support/fixtures';

export { daysAgo, makeIdNumber, makeUscc, uniqueCertificateNumber };

export const API = `http://127.0.0.1:${process.env.WEB_TEST_PORT}/api/v1`;

export interface LoginClaims {
  sub: string;
  role: '申请人' | '用人单位' | '审核人员' | '评审专家' | '领导' | '财务' | '审计' | '管理员';
  name?: string;
  idNumber?: string;
  orgCode?: string;
  queues?: string;
  towns?: string;
}

/** Signs in through the dev login form, as a person would. */
export async function login(page: Page, c: LoginClaims): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户标识').fill(c.sub);
  await page.getByLabel('角色').selectOption({ label: c.role });
  if (c.name) await page.getByLabel('姓名').fill(c.name);
  if (c.idNumber) await page.getByLabel('身份证号').fill(c.idNumber);
  if (c.orgCode) await page.getByLabel('单位代码').fill(c.orgCode);
  if (c.queues) await page.getByLabel('队列').fill(c.queues);
  if (c.towns) await page.getByLabel('镇街').fill(c.towns);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
}

/** Signs in with one of the one-click demo personas. */
export async function loginAsPersona(page: Page, label: string): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
}

/** The admin API, for test set-up only (registry rows stand in for other departments' systems). */
export async function adminCall(method: string, path: string, body?: unknown): Promise<any> {
  const token = (await (await fetch(`${API}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub: 'web-e2e-admin', roles: ['admin'] }) })).json()) as {
    accessToken: string;
  };
  const reply = await fetch(`${API}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.accessToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await reply.json();
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(json)}`);
  return json;
}

/** A person with a level-3 certificate and 24 months of insurance in 王店镇. */
export async function registeredWorker(): Promise<{ idNumber: string; certificateNumber: string; issuedOn: string }> {
  const idNumber = makeIdNumber();
  const certificateNumber = uniqueCertificateNumber();
  const issuedOn = daysAgo(40);
  await adminCall('POST', '/admin/registries/skill-certificates', [{ certificateNumber, idNumber, level: 3, occupation: '电工', issuedOn }]);
  await adminCall('POST', '/admin/registries/social-insurance', [{ idNumber, orgCode: makeUscc(), town: 'wangdian', months: 24, lastPaidMonth: new Date().toISOString().slice(0, 7) }]);
  return { idNumber, certificateNumber, issuedOn };
}

/** WCAG 2.1 AA with axe: no serious or critical violation on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Judge the screen at rest: a dialog fading in has blended colours.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(bad, `accessibility of ${screen}`).toEqual([]);
}

/**
 * A picture of the screen for the README: into docs/screenshots/ when README_SCREENSHOTS=1 (so that an ordinary
 * run leaves the working tree clean), otherwise beside the other test output.
 */
export async function readmeScreenshot(target: Page | Locator, name: string): Promise<void> {
  const dir = process.env.README_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/web/screenshots';
  await ('goto' in target ? target.screenshot({ path: `${dir}/${name}.png`, fullPage: true }) : target.screenshot({ path: `${dir}/${name}.png` }));
}

export async function expectNoSideScroll(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** The application id shown on the application page. */
export async function applicationId(page: Page): Promise<string> {
  const id = (await page.getByTestId('application-id').textContent())?.trim() ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

/** Finds the application's open task in the workbench by 申请编号 and opens it. */
export async function openTaskFromWorkbench(page: Page, id: string, taskName: string): Promise<void> {
  await page.getByRole('link', { name: '待办任务', exact: true }).click();
  await expect(page.getByRole('heading', { name: '待办任务', exact: true })).toBeVisible();
  await page.getByLabel('申请编号').fill(id);
  const row = page.getByRole('row').filter({ hasText: id }).filter({ hasText: taskName });
  await expect(async () => {
    await page.getByRole('button', { name: '查询' }).click();
    await expect(row).toHaveCount(1, { timeout: 3000 });
  }).toPass({ timeout: 90_000 });
  // Visible without scrolling the table sideways (on a phone the 操作 column stays at the right edge).
  await expect(row.getByRole('button', { name: '办理' })).toBeInViewport();
  await row.getByRole('button', { name: '办理' }).click();
  await expect(page.getByRole('heading', { name: `办理任务：${taskName}` })).toBeVisible();
}

/** Clicks an action and confirms it in the dialog. */
export async function actAndConfirm(page: Page, button: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
}

/** Which of these people (token subs) have been given a task on the application: panels are drawn at random. */
export async function drawnMembers(applicationId: string, subs: string[], roles: string[], expected: number): Promise<string[]> {
  let found: string[] = [];
  await expect
    .poll(
      async () => {
        found = [];
        for (const sub of subs) {
          const { accessToken } = (await (
            await fetch(`${API}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sub, roles }) })
          ).json()) as { accessToken: string };
          const reply = (await (await fetch(`${API}/tasks?mine=true&pageSize=200`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
            items: { applicationId: string }[];
          };
          if (reply.items.some((t) => t.applicationId === applicationId)) found.push(sub);
        }
        return found.length;
      },
      { timeout: 90_000, message: `${expected} members drawn` },
    )
    .toBe(expected);
  return found;
}

/** The applicant's own step, from the application page's 去办理 link. */
export async function openOwnTask(page: Page, taskName: string): Promise<void> {
  await page.getByRole('link', { name: `去办理：${taskName}` }).click();
  await expect(page.getByRole('heading', { name: `办理任务：${taskName}` })).toBeVisible();
}

/** Opens the first application in 我的申请 whose link text is `linkText`. */
export async function openMyApplication(page: Page, linkText: string): Promise<void> {
  await page.getByRole('link', { name: '我的申请' }).click();
  await page.getByRole('link', { name: linkText }).first().click();
  await expect(page.getByRole('heading', { name: '申请详情' })).toBeVisible();
}

/** Fills the 技能补贴 form (the program already chosen) for a registered worker, as a person types it. */
export async function fillSkillSubsidyForm(page: Page, worker: { certificateNumber: string; issuedOn: string }): Promise<void> {
  await page.getByLabel('所在镇街').selectOption({ label: '王店镇' });
  await page.getByLabel('证书编号').fill(worker.certificateNumber);
  await page.getByLabel('职业等级').selectOption({ label: '三级/高级工' });
  await page.getByLabel('职业（工种）').fill('电工');
  await page.getByLabel('发证日期').fill(worker.issuedOn);
  await page.getByLabel('开户银行').fill('嘉兴银行');
  await page.getByLabel('银行账号').fill('6222021204001234567');
}
