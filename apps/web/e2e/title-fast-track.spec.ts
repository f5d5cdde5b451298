import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { actAndConfirm, applicationId, expectAccessible, login, loginAsPersona, logout, makeIdNumber, makeUscc, openMyApplication, openTaskFromWorkbench } from './support/helpers';

/** 职称直通车 in the browser: employer recommendation, 资格审查, a committee of the seven demo experts, title. */
test('a senior title: employer recommends, 人社局 qualifies, the committee votes, the title is conferred', async ({ page }) => {
  const employerOrg = makeUscc();
  const applicant = { sub: `eng-${randomUUID().slice(0, 8)}`, role: '申请人' as const, name: '刘工', idNumber: makeIdNumber('1982-08-08') };

  await login(page, applicant);
  await page.getByRole('link', { name: '新建申请' }).first().click();
  await page.getByLabel('申请项目').selectOption({ label: '职称直通车' });
  await page.getByLabel('所在镇街').selectOption({ label: '新城街道' });
  await page.getByLabel('职称系列').selectOption({ label: '工程技术' });
  await page.getByLabel('申报等级').selectOption({ label: '正高级' });
  await page.getByLabel('用人单位统一社会信用代码').fill(employerOrg);
  await page.getByLabel('类型').selectOption({ label: '获奖' });
  await page.getByLabel('名称').fill('省科技进步一等奖');
  await page.getByLabel('年份').fill('2025');
  await page.getByRole('button', { name: '添加业绩成果' }).click();
  await page.getByLabel('类型').nth(1).selectOption({ label: '专利' });
  await page.getByLabel('名称').nth(1).fill('一种高效换热器');
  await page.getByLabel('年份').nth(1).fill('20');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('请填写四位年份')).toBeVisible();
  await expectAccessible(page, 'title form with errors');
  await page.getByLabel('年份').nth(1).fill('2024');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByRole('heading', { name: '申请详情' })).toBeVisible();
  const id = await applicationId(page);
  await logout(page);

  await login(page, { sub: `hr-${randomUUID().slice(0, 8)}`, role: '用人单位', orgCode: employerOrg });
  await openTaskFromWorkbench(page, id, '单位推荐');
  await page.getByLabel('审核意见').fill('同意推荐，单位内部公示5个工作日');
  await actAndConfirm(page, '通过');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  await loginAsPersona(page, '职称审核员 · 人社局');
  await openTaskFromWorkbench(page, id, '资格审查');
  await actAndConfirm(page, '通过');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  const votes = ['赞成', '赞成', '赞成', '赞成', '赞成', '反对', '弃权'];
  for (const [i, vote] of votes.entries()) {
    await loginAsPersona(page, `示例专家${i + 1}`);
    await openTaskFromWorkbench(page, id, '评委会表决');
    if (i === 0) await expectAccessible(page, 'committee vote');
    await actAndConfirm(page, vote);
    await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
    await logout(page);
  }

  // The lead signs the conferral off with the decision's document number (文号).
  await loginAsPersona(page, '职称审核负责人 · 人社局');
  await openTaskFromWorkbench(page, id, '职称签发');
  await expectAccessible(page, 'title sign-off');
  await page.getByRole('button', { name: '签发', exact: true }).click();
  await expect(page.getByText('签发须填写文号')).toBeVisible();
  await page.getByLabel('文号').fill('嘉秀人社〔2026〕12号');
  await actAndConfirm(page, '签发');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  await login(page, applicant);
  await openMyApplication(page, '职称直通车 · 新城街道');
  await expect(page.getByTestId('application-status')).toHaveText('已办结');
  await expect(page.getByText(/^XZZC-\d{4}-/)).toBeVisible();
  await expect(page.getByText(/职称评审通过，证书编号 XZZC-/)).toBeVisible();
});
