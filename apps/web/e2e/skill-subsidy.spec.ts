import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { daysAgo, makeIdNumber, uniqueCertificateNumber } from '#test/support/fixtures';
import { actAndConfirm, applicationId, expectAccessible, fillSkillSubsidyForm, login, loginAsPersona, logout, openTaskFromWorkbench, readmeScreenshot, registeredWorker } from './support/helpers';

/** 技能补贴 in the browser: applicant → 人社局 reviewer → finance → 已办结, with axe on every screen passed. */
async function submitSkillSubsidy(page: Page, worker: { certificateNumber: string; issuedOn: string }): Promise<string> {
  await page.getByRole('link', { name: '新建申请' }).first().click();
  await expect(page.getByRole('heading', { name: '新建申请' })).toBeVisible();
  await page.getByLabel('申请项目').selectOption({ label: '技能补贴' });
  await fillSkillSubsidyForm(page, worker);
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByRole('heading', { name: '申请详情' })).toBeVisible();
  return applicationId(page);
}

test('a skill subsidy goes from submission through review and payment to 已办结', async ({ page }) => {
  const worker = await registeredWorker();
  const applicant = { sub: `applicant-${randomUUID().slice(0, 8)}`, role: '申请人' as const, name: '李四', idNumber: worker.idNumber };

  await page.goto('/');
  await expect(page.getByRole('heading', { name: '登录', exact: true })).toBeVisible();
  await expectAccessible(page, 'login');
  // 公示 is open to everyone: no sign-in needed to read it.
  await page.getByRole('link', { name: '查看公示（无需登录）' }).click();
  await expect(page.getByRole('heading', { name: '公示', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: '返回登录' })).toBeVisible();
  await expectAccessible(page, 'notices without signing in');
  await page.goto('/');
  await login(page, applicant);
  await expect(page.getByRole('heading', { name: '我的申请' })).toBeVisible();
  await expectAccessible(page, 'my applications (empty)');

  // The form checks what the API would, and keeps what was typed.
  await page.getByRole('link', { name: '新建申请' }).first().click();
  await page.getByLabel('发证日期').fill('2026-02-30');
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('请按 YYYY-MM-DD 填写真实日期')).toBeVisible();
  await expect(page.getByLabel('发证日期')).toHaveValue('2026-02-30');
  await expectAccessible(page, 'new application with errors');

  const id = await submitSkillSubsidy(page, worker);
  await expect(page.getByTestId('application-status')).toHaveText(/审核中|已提交/);
  await expect(page.getByText('提交技能补贴申请（王店镇）')).toBeVisible();
  await expectAccessible(page, 'application page');
  await readmeScreenshot(page, 'application-page');
  await page.getByRole('link', { name: '我的申请' }).click();
  await expect(page.getByRole('link', { name: '技能补贴 · 王店镇' })).toBeVisible();
  await logout(page);

  await loginAsPersona(page, '技能审核员 · 人社局');
  await expect(page.getByRole('heading', { name: '待办任务' })).toBeVisible();
  await openTaskFromWorkbench(page, id, '审核');
  await page.goto('/tasks'); // the workbench again, for its picture and its check, then back to the task
  await page.getByLabel('申请编号').fill(id);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByRole('row').filter({ hasText: id })).toHaveCount(1);
  await expectAccessible(page, 'workbench');
  await readmeScreenshot(page, 'workbench');
  await page.getByRole('row').filter({ hasText: id }).getByRole('button', { name: '办理' }).click();

  await page.getByRole('button', { name: '认领' }).click();
  await expect(page.getByRole('status')).toHaveText('已认领此任务');
  await expect(page.getByRole('button', { name: '释放' })).toBeVisible();
  // The reviewer decides beside the evidence: each automatic check with its source and time.
  const evidence = page.getByTestId('check-evidence');
  await expect(evidence).toContainText('职业技能等级证书核验，通过（数据来源：人社技能等级证书登记（模拟数据），核验时间');
  await expect(evidence).toContainText('社保缴纳核验，通过');
  await page.getByLabel('审核意见').fill('证书与社保核验一致，符合条件');
  await expectAccessible(page, 'task page (review)');
  await readmeScreenshot(page, 'task-page');
  await page.getByRole('button', { name: '通过', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText('确定“通过”？');
  await expectAccessible(page, 'confirmation dialog');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已通过' })).toBeVisible();
  await expect(page.getByTestId('application-status')).toHaveText('拨付中');
  await logout(page);

  await loginAsPersona(page, '财务人员');
  await openTaskFromWorkbench(page, id, '确认支付');
  await expect(page.getByText('本次拨付：2,000.00 元')).toBeVisible();
  await page.getByLabel('支付凭证号').fill('ICBC-WEB-0001');
  await expectAccessible(page, 'task page (payment)');
  await actAndConfirm(page, '确认支付');
  await expect(page.getByTestId('application-status')).toHaveText('已办结');
  await logout(page);

  await login(page, applicant);
  await page.getByRole('link', { name: '技能补贴 · 王店镇' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('已办结');
  await expect(page.getByText('2,000.00 元 · 已支付')).toBeVisible();
  await expect(page.getByText('已办结', { exact: true }).last()).toBeVisible();
});

test('a return for supplement is answered in the browser; a task held by another reviewer is refused in Chinese', async ({ page, browser }) => {
  const worker = await registeredWorker();
  const applicant = { sub: `applicant-${randomUUID().slice(0, 8)}`, role: '申请人' as const, name: '王五', idNumber: worker.idNumber };
  await login(page, applicant);
  const id = await submitSkillSubsidy(page, worker);
  await logout(page);

  // Reviewer A claims; reviewer B, in another browser, tries to claim the same task.
  await loginAsPersona(page, '技能审核员 · 人社局');
  await openTaskFromWorkbench(page, id, '审核');
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await loginAsPersona(otherPage, '技能审核负责人 · 人社局');
  await openTaskFromWorkbench(otherPage, id, '审核');
  await page.getByRole('button', { name: '认领' }).click();
  await expect(page.getByRole('status')).toHaveText('已认领此任务');
  await actAndConfirm(otherPage, '通过');
  await expect(otherPage.getByRole('alert').filter({ hasText: '已被他人处理' }).first()).toBeVisible();
  await expect(otherPage.getByText(/已认领（demo-hrss-skill）/)).toBeVisible();
  await other.close();

  // Returning needs a comment, and every missing item listed at once (一次性告知).
  await page.getByRole('button', { name: '退回补正' }).click();
  await expect(page.getByText('退回补正须填写审核意见')).toBeVisible();
  await page.getByLabel('审核意见').fill('请补充证书扫描件');
  await page.getByRole('button', { name: '退回补正' }).click();
  await expect(page.getByText('退回补正须一次性列明全部补正事项（每行一项）')).toBeVisible();
  await expect(page.getByText('本申请还可退回补正 2 次（共 2 次）。')).toBeVisible();
  await page.getByLabel(/补正事项/).fill('职业资格证书扫描件不清晰\n社保缴费证明缺少近三个月');
  await actAndConfirm(page, '退回补正');
  await expect(page.getByTestId('application-status')).toHaveText('待补正');
  await logout(page);

  await login(page, applicant);
  await page.getByRole('link', { name: '技能补贴 · 王店镇' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('待补正');
  await expect(page.getByText('需要您补正材料：请补充证书扫描件')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: '社保缴费证明缺少近三个月' })).toBeVisible();
  await page.getByRole('button', { name: '补正材料' }).click();
  await expect(page.getByRole('checkbox', { name: '职业资格证书扫描件不清晰' })).toBeChecked();
  await expect(page.getByLabel('证书编号')).toHaveValue(worker.certificateNumber);
  await page.getByLabel('补正说明').fill('已补充证书扫描件');
  await expectAccessible(page, 'supplement form');
  await page.getByRole('button', { name: '提交补正' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('审核中');
  await expect(page.getByText('已补正材料')).toBeVisible();

  await page.getByRole('button', { name: '撤回申请' }).click();
  await page.getByLabel('撤回原因').fill('个人原因');
  await expectAccessible(page, 'withdraw dialog');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('已撤回');
});

test('the queue’s lead hands a task to a reviewer, who then holds it', async ({ page }) => {
  const worker = await registeredWorker();
  await login(page, { sub: `applicant-${randomUUID().slice(0, 8)}`, role: '申请人', name: '孙七', idNumber: worker.idNumber });
  const id = await submitSkillSubsidy(page, worker);
  await logout(page);

  await loginAsPersona(page, '技能审核负责人 · 人社局');
  await openTaskFromWorkbench(page, id, '审核');
  await page.getByText('转派（负责人）').click();
  await page.getByLabel('接收人（用户标识）').fill('demo-hrss-skill');
  await page.getByLabel('转派原因').fill('按片区分工');
  await expectAccessible(page, 'reassign');
  await page.getByRole('button', { name: '转派', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('已转派给 demo-hrss-skill');
  await logout(page);

  await loginAsPersona(page, '技能审核员 · 人社局');
  await openTaskFromWorkbench(page, id, '审核');
  await expect(page.getByText('已认领（本人）')).toBeVisible();
  await page.getByRole('button', { name: '释放' }).click();
  await expect(page.getByRole('status')).toHaveText('已释放此任务');
  await expect(page.getByRole('button', { name: '认领' })).toBeVisible();
});

test('复核: an automatic rejection is reconsidered on request and upheld, with the rights stated in Chinese', async ({ page }) => {
  // A certificate the registry does not know: the automatic check rejects it.
  const worker = { idNumber: makeIdNumber(), certificateNumber: uniqueCertificateNumber(), issuedOn: daysAgo(40) };
  const applicant = { sub: `applicant-${randomUUID().slice(0, 8)}`, role: '申请人' as const, name: '赵六', idNumber: worker.idNumber };
  await login(page, applicant);
  const id = await submitSkillSubsidy(page, worker);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('application-status')).toHaveText('未通过', { timeout: 3000 });
    await expect(page.getByRole('button', { name: '申请复核' })).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByText(/申请复核（每项决定可申请一次）/)).toBeVisible();
  await page.getByRole('button', { name: '申请复核' }).click();
  await page.getByLabel('复核理由').fill('证书为近期核发，登记库尚未同步');
  await expectAccessible(page, 'reconsideration dialog');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('复核中');
  await expect(page.getByRole('button', { name: '撤回申请' })).toHaveCount(0); // the domain's DECIDED_STATUSES
  await logout(page);

  await loginAsPersona(page, '技能审核负责人 · 人社局');
  await openTaskFromWorkbench(page, id, '复核');
  await expect(page.getByText('申请人复核理由：证书为近期核发，登记库尚未同步')).toBeVisible();
  await expect(page.getByText(/复核的原决定：未通过，原因：.+（系统自动核验作出）/)).toBeVisible();
  await page.getByRole('button', { name: '维持原决定' }).click();
  await expect(page.getByText('维持原决定须填写复核意见')).toBeVisible();
  await page.getByLabel('复核意见').fill('经核查登记库与发证机关，证书编号不存在，维持原决定');
  await expectAccessible(page, 'reconsideration task');
  await actAndConfirm(page, '维持原决定');
  await expect(page.getByTestId('application-status')).toHaveText('未通过');
  await logout(page);

  await login(page, applicant);
  await page.getByRole('link', { name: '技能补贴 · 王店镇' }).click();
  await expect(page.getByText('复核结果：维持原决定。')).toBeVisible();
  await expect(page.getByText(/60日内向嘉兴市秀洲区人民政府申请行政复议/)).toBeVisible();
  await expect(page.getByRole('button', { name: '申请复核' })).toHaveCount(0);
});
