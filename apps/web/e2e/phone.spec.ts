import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { actAndConfirm, applicationId, expectAccessible, expectNoSideScroll, fillSkillSubsidyForm, login, loginAsPersona, logout, openTaskFromWorkbench, readmeScreenshot, registeredWorker } from './support/helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

/** The skill subsidy on a phone (390 × 844): nothing scrolls sideways on any screen the applicant sees. */
test('on a phone, an applicant takes a skill subsidy from submission to 已办结', async ({ page }) => {
  const worker = await registeredWorker();
  const applicant = { sub: `phone-${randomUUID().slice(0, 8)}`, role: '申请人' as const, name: '赵六', idNumber: worker.idNumber };

  await page.goto('/login');
  await expectNoSideScroll(page);
  await login(page, applicant);
  await expectNoSideScroll(page);

  await page.getByRole('link', { name: '新建申请' }).first().click();
  await expect(page.getByRole('heading', { name: '新建申请' })).toBeVisible();
  await fillSkillSubsidyForm(page, worker);
  await expectNoSideScroll(page);
  await expectAccessible(page, 'new application (phone)');
  await readmeScreenshot(page, 'applicant-form-phone');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByRole('heading', { name: '申请详情' })).toBeVisible();
  const id = await applicationId(page);
  await expect(page.getByText('提交技能补贴申请（王店镇）')).toBeVisible();
  await expectNoSideScroll(page);
  await expectAccessible(page, 'application page (phone)');
  await readmeScreenshot(page, 'application-page-phone');
  await logout(page);

  await loginAsPersona(page, '技能审核员 · 人社局');
  await openTaskFromWorkbench(page, id, '审核');
  await expectNoSideScroll(page);
  await page.getByLabel('审核意见').fill('符合条件');
  await actAndConfirm(page, '通过');
  await expect(page.getByTestId('application-status')).toHaveText('拨付中');
  await logout(page);

  await loginAsPersona(page, '财务人员');
  await openTaskFromWorkbench(page, id, '确认支付');
  await page.getByLabel('支付凭证号').fill('ICBC-PHONE-0001');
  await actAndConfirm(page, '确认支付');
  await expect(page.getByTestId('application-status')).toHaveText('已办结');
  await logout(page);

  await login(page, applicant);
  await expect(page.getByRole('heading', { name: '我的申请' })).toBeVisible();
  await expectNoSideScroll(page);
  await expectAccessible(page, 'my applications (phone)');
  await page.getByRole('link', { name: '技能补贴 · 王店镇' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('已办结');
  await expect(page.getByText('2,000.00 元 · 已支付')).toBeVisible();
  await expectNoSideScroll(page);
  await page.getByRole('link', { name: '公示' }).click();
  await expect(page.getByRole('heading', { name: '公示' })).toBeVisible();
  await expectNoSideScroll(page);
  await expectAccessible(page, 'notices (phone)');
});
