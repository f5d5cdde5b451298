import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectAccessible, loginAsPersona, logout } from './support/helpers';

/** Screens outside the four journeys: the API's field errors at the login form, the unknown page, the keyboard. */
test('the API’s field error appears next to its field in Chinese, keeping what was typed', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户标识').fill(`someone-${randomUUID().slice(0, 6)}`);
  await page.getByLabel('身份证号').fill('110105194912310021'); // wrong check character: the API answers 400 with errors[]
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByText('身份证号不正确（18位，出生日期与校验位须正确）')).toBeVisible();
  await expect(page.getByLabel('身份证号')).toHaveValue('110105194912310021');
  await expectAccessible(page, 'login with a field error');
});

test('an unknown address shows a page in Chinese; a persona signs in with the keyboard alone', async ({ page }) => {
  await page.goto('/no/such/screen');
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
  await expectAccessible(page, 'not found');
  await page.goto('/login');
  const persona = page.getByRole('button', { name: '审计人员', exact: true });
  await persona.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '退出' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '审计', exact: true })).toBeVisible();
  await logout(page);
  await loginAsPersona(page, '领导小组成员');
  await expect(page.getByRole('heading', { name: '待办任务', exact: true })).toBeVisible();
});

test('a reviewer lends a queue to a stand-in in 委托授权 and ends it again', async ({ page }) => {
  await loginAsPersona(page, '人才办审核员');
  await page.getByRole('link', { name: '委托授权' }).click();
  await expect(page.getByRole('heading', { name: '委托授权' })).toBeVisible();
  await expect(page.getByLabel('委托队列')).toHaveValue('talent-office');
  await page.getByLabel('受托人（用户标识）').fill(`stand-in-${randomUUID().slice(0, 6)}`);
  await page.getByLabel('有效期至').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel('委托原因').fill('休假一周');
  await page.getByRole('button', { name: '委托', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('已委托给 stand-in-');
  await expect(page.getByText(/委托给 stand-in-.*人才办/)).toBeVisible();
  await expectAccessible(page, 'delegations');
  await page.getByRole('button', { name: '撤销委托' }).first().click();
  await expect(page.getByRole('status')).toContainText('已撤销对 stand-in-');
});
