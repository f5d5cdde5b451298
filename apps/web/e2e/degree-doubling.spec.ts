import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { actAndConfirm, adminCall, applicationId, expectAccessible, login, loginAsPersona, logout, makeIdNumber, makeUscc, openMyApplication, openTaskFromWorkbench } from './support/helpers';

/** 硕博倍增 in the browser under the drill policy (instalments 3 s apart): employer, 人才办, four payments. */
test('a PhD doubling subsidy: employer confirms, the talent office approves, four payments, 已办结', async ({ page }) => {
  const idNumber = makeIdNumber('1996-04-04');
  const employerOrg = makeUscc();
  await adminCall('POST', '/admin/registries/social-insurance', [{ idNumber, orgCode: employerOrg, town: 'jiabei-jd', months: 5, lastPaidMonth: '2035-12' }]);
  const applicant = { sub: `grad-${randomUUID().slice(0, 8)}`, role: '申请人' as const, name: '周博', idNumber };

  await login(page, applicant);
  await page.getByRole('link', { name: '新建申请' }).first().click();
  await page.getByLabel('申请项目').selectOption({ label: '硕博倍增' });
  await page.getByLabel('所在镇街').selectOption({ label: '嘉北街道' });
  await page.getByLabel('学位').selectOption({ label: '博士' });
  await page.getByLabel('毕业院校').fill('University of Cambridge');
  await page.getByLabel('毕业日期').fill('2026-06-30');
  await page.getByRole('checkbox', { name: '境外学历' }).check();
  await page.getByLabel('用人单位统一社会信用代码').fill('91330411ABCDEFGH12');
  await page.getByLabel('劳动合同起始日').fill('2026-08-01');
  await page.getByLabel('劳动合同终止日').fill('2031-07-31');
  await page.getByLabel('开户银行').fill('嘉兴银行');
  await page.getByLabel('银行账号').fill('6222021204009876543');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('境外学历须填写学历认证编号')).toBeVisible();
  await expect(page.getByText('统一社会信用代码不正确（18位，含校验位）')).toBeVisible();
  await expectAccessible(page, 'degree-doubling form with errors');
  await page.getByLabel('学历认证编号').fill('CSCSE-2026-000123');
  await page.getByLabel('用人单位统一社会信用代码').fill(employerOrg);
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByRole('heading', { name: '申请详情' })).toBeVisible();
  const id = await applicationId(page);
  await logout(page);

  await login(page, { sub: `hr-${randomUUID().slice(0, 8)}`, role: '用人单位', name: '人事专员', orgCode: employerOrg });
  await openTaskFromWorkbench(page, id, '在职确认');
  await expectAccessible(page, 'employment confirmation');
  await page.getByLabel('审核意见').fill('在职，合同期三年以上');
  // The employer confirms the labour contract as declared (2026-08-01 to 2031-07-31) before it may approve.
  await expect(page.getByText('申请表填写的合同期限：2026-08-01 至 2031-07-31')).toBeVisible();
  await page.getByRole('button', { name: '通过', exact: true }).click();
  await expect(page.getByText('请先核对劳动合同')).toBeVisible();
  await page.getByRole('checkbox', { name: '已核对劳动合同，确认申请人在本单位在职，合同起止日期与上述一致' }).check();
  await actAndConfirm(page, '通过');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  await loginAsPersona(page, '人才办审核员');
  await openTaskFromWorkbench(page, id, '审核');
  await actAndConfirm(page, '通过');
  await expect(page.getByTestId('application-status')).toHaveText('拨付中');
  await logout(page);

  await loginAsPersona(page, '财务人员');
  for (const n of [1, 2, 3, 4]) {
    await openTaskFromWorkbench(page, id, '确认支付');
    await page.getByLabel('支付凭证号').fill(`BANK-DD-${n}`);
    await actAndConfirm(page, '确认支付');
    await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  }
  await logout(page);

  await login(page, applicant);
  await openMyApplication(page, '硕博倍增 · 嘉北街道');
  await expect(page.getByTestId('application-status')).toHaveText('已办结');
  await expect(page.getByText('安家补贴：100,000.00 元 · 已拨付')).toBeVisible();
  await expect(page.getByText('生活补贴第3年：50,000.00 元', { exact: false }).last()).toBeVisible();
  await expectAccessible(page, 'degree-doubling application page');
});
