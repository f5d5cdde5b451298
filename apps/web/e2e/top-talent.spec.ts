import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
  actAndConfirm,
  applicationId,
  drawnMembers,
  expectAccessible,
  login,
  loginAsPersona,
  logout,
  makeIdNumber,
  makeUscc,
  openMyApplication,
  openOwnTask,
  openTaskFromWorkbench,
} from './support/helpers';

/** 顶尖人才一事一议 in the browser (drill: 公示 25 s): panel, leadership package, objection, agreement, milestone. */
test('a top-talent case: prescreen, expert panel, leadership package, 公示 with an objection, agreement, milestone, 已办结', async ({ page }) => {
  const sponsorOrg = makeUscc();
  const sponsor = { sub: `sponsor-${randomUUID().slice(0, 8)}`, role: '申请人' as const, name: '张联络', idNumber: makeIdNumber('1985-03-03'), orgCode: sponsorOrg };

  await login(page, sponsor);
  await page.getByRole('link', { name: '新建申请' }).first().click();
  await page.getByLabel('申请项目').selectOption({ label: '顶尖人才一事一议' });
  await page.getByLabel('所在镇街').selectOption({ label: '秀洲国家高新区' });
  await page.getByLabel('人才姓名').fill('司马光明');
  await page.getByLabel('人才类别').selectOption({ label: '国家级人才' });
  await page.getByLabel('荣誉称号').fill('国家杰出青年科学基金');
  await page.getByLabel('项目名称').fill('数字健康平台');
  await page.getByLabel('所属产业').selectOption({ label: '健康经济' });
  await page.getByLabel('项目简介').fill('慢病管理的数字化平台');
  await page.getByLabel('申请资助金额（元）').fill('8000000.001');
  await page.getByLabel('场地面积（平方米）').fill('2000');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('请填写金额（元），最多两位小数')).toBeVisible();
  await page.getByLabel('申请资助金额（元）').fill('8000000');
  await expectAccessible(page, 'top-talent form');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByRole('heading', { name: '申请详情' })).toBeVisible();
  await expect(page.getByText('8,000,000.00')).toBeVisible();
  const id = await applicationId(page);
  await logout(page);

  await loginAsPersona(page, '人才办审核员');
  await openTaskFromWorkbench(page, id, '预审');
  await page.getByLabel('审核意见').fill('符合"3+3"产业方向');
  await actAndConfirm(page, '通过');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  const experts = Array.from({ length: 7 }, (_, i) => `demo-expert-${i + 1}`);
  const panel = await drawnMembers(id, experts, ['expert'], 5);
  for (const [n, sub] of panel.entries()) {
    await loginAsPersona(page, `示例专家${sub.split('-').pop()}`);
    await openTaskFromWorkbench(page, id, '专家评分');
    if (n === 0) {
      await page.getByRole('button', { name: '提交评分' }).click();
      await expect(page.getByText('请先勾选“无利益冲突”，或声明回避')).toBeVisible();
    }
    await page.getByRole('checkbox', { name: '无利益冲突' }).check();
    await page.getByLabel('创新性（0-100）').fill('85');
    await page.getByLabel('团队实力（0-100）').fill('80');
    await page.getByLabel('产业契合度（0-100）').fill('90');
    await page.getByLabel('可行性（0-100）').fill('75');
    if (n === 0) await expectAccessible(page, 'expert scoring');
    await actAndConfirm(page, '提交评分');
    await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
    await logout(page);
  }

  await loginAsPersona(page, '领导小组成员');
  await openTaskFromWorkbench(page, id, '一事一议决策');
  const dueOn = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('会议日期').fill('2026-11-20');
  await page.getByLabel('会议纪要编号').fill('秀人才〔2026〕3号纪要');
  await page.getByLabel('场地面积（平方米）').fill('500');
  await page.getByLabel('住房安排').fill('人才公寓一套');
  await page.getByLabel('资助总额（元）').fill('6000000');
  await page.getByLabel('里程碑1名称').fill('平台上线');
  await page.getByLabel('里程碑1金额（元）').fill('5000000');
  await page.getByLabel('里程碑1到期日').fill(dueOn);
  await page.getByRole('button', { name: '通过', exact: true }).click();
  await expect(page.getByText('各里程碑金额之和为 5,000,000.00 元，须等于资助总额')).toBeVisible();
  await page.getByLabel('里程碑1金额（元）').fill('6000000');
  await page.getByLabel('审核意见').fill('一事一议：给予定制支持');
  await expectAccessible(page, 'leadership decision');
  await actAndConfirm(page, '通过');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  // Anyone signed in sees the 公示 (masked name) and may object while it is open.
  await login(page, { sub: `citizen-${randomUUID().slice(0, 8)}`, role: '申请人', name: '路人', idNumber: makeIdNumber('1970-01-01') });
  await page.getByRole('link', { name: '公示' }).click();
  const notice = page.getByRole('listitem').filter({ hasText: '司***' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('资助金额 6,000,000.00 元');
  await expectAccessible(page, 'notices');
  await notice.getByRole('button', { name: '提出异议' }).click();
  await page.getByLabel('异议内容').fill('项目已在他区获得支持');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('异议已提交，将由主管部门核查')).toBeVisible();
  await logout(page);

  await loginAsPersona(page, '人才办审核员');
  await openTaskFromWorkbench(page, id, '异议核查');
  await page.getByLabel('审核意见').fill('经核实，异议不成立');
  await actAndConfirm(page, '通过');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  await login(page, sponsor);
  await openMyApplication(page, '顶尖人才一事一议 · 秀洲国家高新区');
  await openOwnTask(page, '签署协议');
  await expectAccessible(page, 'agreement signing');
  await actAndConfirm(page, '签署协议');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await openMyApplication(page, '顶尖人才一事一议 · 秀洲国家高新区');
  await openOwnTask(page, '里程碑报告');
  await page.getByLabel('完成情况').fill('平台已上线运行');
  await page.getByLabel('证明材料').fill('验收报告.pdf');
  await expectAccessible(page, 'milestone report');
  await actAndConfirm(page, '提交报告');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  // 一次性告知 on a milestone: the office returns the report with what is missing; the sponsor reports again.
  await loginAsPersona(page, '人才办审核员');
  await openTaskFromWorkbench(page, id, '里程碑核验');
  await page.getByLabel('审核意见').fill('请补充第三方验收报告');
  await page.getByLabel('补正事项（退回补正时填写，一次性告知，每行一项）').fill('未附第三方验收报告');
  await actAndConfirm(page, '退回补正');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);
  await login(page, sponsor);
  await openMyApplication(page, '顶尖人才一事一议 · 秀洲国家高新区');
  await openOwnTask(page, '里程碑报告');
  await expect(page.getByText('里程碑核验退回，请一并补充：')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '未附第三方验收报告' })).toBeVisible();
  await page.getByLabel('完成情况').fill('平台已上线运行，已补充第三方验收报告');
  await actAndConfirm(page, '提交报告');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  await loginAsPersona(page, '人才办审核员');
  await openTaskFromWorkbench(page, id, '里程碑核验');
  await page.getByLabel('审核意见').fill('验收通过');
  await actAndConfirm(page, '通过');
  await expect(page.getByText('此任务已办理完毕或已关闭')).toBeVisible();
  await logout(page);

  await loginAsPersona(page, '财务人员');
  await openTaskFromWorkbench(page, id, '确认支付');
  await page.getByLabel('支付凭证号').fill('TREASURY-001');
  await actAndConfirm(page, '确认支付');
  await expect(page.getByTestId('application-status')).toHaveText('已办结');
  await logout(page);

  await login(page, sponsor);
  await openMyApplication(page, '顶尖人才一事一议 · 秀洲国家高新区');
  await expect(page.getByTestId('application-status')).toHaveText('已办结');
  await expect(page.getByText('6,000,000.00 元 · 已支付')).toBeVisible();
});
