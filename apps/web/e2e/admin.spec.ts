import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { apiCall, taskIn, tokenFor } from './support/api';
import { adminCall, expectAccessible, login, logout, makeIdNumber, makeUscc, openTaskFromWorkbench, readmeScreenshot, uniqueCertificateNumber, daysAgo } from './support/helpers';

const admin = { sub: 'web-e2e-admin-ui', role: '管理员' as const, name: '管理员甲' };

async function openAdmin(page: import('@playwright/test').Page): Promise<void> {
  await login(page, admin);
  await page.getByRole('link', { name: '系统管理', exact: true }).click();
  await expect(page.getByRole('heading', { name: '系统管理', exact: true })).toBeVisible();
}

/** 政策管理: a wrong number is refused by the API with its field error in place; the corrected form publishes. */
test('an admin publishes a policy version through the form; a wrong value shows its field error', async ({ page }) => {
  const before = await adminCall('GET', '/policies/skill-subsidy');
  try {
    await openAdmin(page);
    const policies = page.getByRole('region', { name: '政策管理' });
    await expect(policies.getByText(`现行版本：第 ${before.version} 版`)).toBeVisible();
    await expect(policies.getByLabel('各等级补贴金额 · 三级（元）')).toHaveValue('2000.00');

    await policies.getByLabel('申请条件 · 每年最多申领次数').fill('-1');
    await policies.getByRole('textbox', { name: '时限 · 审核时限', exact: true }).fill('6');
    await policies.getByRole('button', { name: '发布新版本' }).click();
    await expect(policies.getByText('须为非负整数')).toBeVisible();
    await expect(policies.getByLabel('申请条件 · 每年最多申领次数')).toHaveValue('-1');
    await expect(policies.getByLabel('申请条件 · 每年最多申领次数')).toHaveAttribute('aria-invalid', 'true');
    await expect(policies.getByRole('textbox', { name: '时限 · 审核时限', exact: true })).toHaveValue('6');
    await expectAccessible(page, 'policy editor with a field error');

    await policies.getByLabel('申请条件 · 每年最多申领次数').fill('3');
    await policies.getByRole('button', { name: '发布新版本' }).click();
    await expect(policies.getByText(`已发布技能补贴政策第 ${before.version + 1} 版`)).toBeVisible();
    const after = await adminCall('GET', '/policies/skill-subsidy');
    expect(after.version).toBe(before.version + 1);
    expect(after.policy.timers.reviewSla).toEqual({ workingDays: 6 });
    expect(after.policy.amountsFenByLevel['3']).toBe(200_000);
    const diff = policies.getByRole('table', { name: '版本差异' });
    const changed = diff.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '时限 · 审核时限 · 工作日数' }) });
    await expect(changed.getByRole('cell')).toHaveText(['5', '6']);
    await readmeScreenshot(policies, 'policy-editor');
  } finally {
    // Leave the policy as the other browser tests expect it.
    await adminCall('POST', '/admin/policies/skill-subsidy', before.policy);
  }
});

/** 专家库: a member added on screen is drawn onto a panel and finds the scoring task in 待办任务. */
test('an expert added through 专家库 signs in and sees the task a draw gave them', async ({ page }) => {
  const expertId = `web-expert-${randomUUID().slice(0, 8)}`;
  await openAdmin(page);
  const experts = page.getByRole('region', { name: '专家库' });
  await experts.getByRole('button', { name: '保存' }).click();
  await expect(experts.getByText('请填写专家编号')).toBeVisible();
  await experts.getByLabel('专家编号').fill(expertId);
  await experts.getByLabel('姓名', { exact: true }).fill('新专家');
  await experts.getByLabel('专业领域').fill('health, digital');
  await experts.getByLabel('单位代码').fill('91330000BAD');
  await experts.getByRole('button', { name: '保存' }).click();
  await expect(experts.getByText('统一社会信用代码不正确（18位，含校验位）')).toBeVisible();
  await experts.getByLabel('单位代码').fill(makeUscc());
  await experts.getByRole('button', { name: '保存' }).click();
  const row = experts.getByRole('row').filter({ hasText: expertId });
  await expect(row).toContainText('在库');
  await expect(row).toContainText('health、digital');
  await expectAccessible(page, '专家库');
  await logout(page);

  // A panel as large as the active pool, so that the draw must take the new member (set-up through the API;
  // the application keeps the version it was submitted under, so the policy is restored at once).
  const pool = await adminCall('GET', '/admin/experts?active=true&pageSize=200');
  const before = await adminCall('GET', '/policies/top-talent');
  await adminCall('POST', '/admin/policies/top-talent', { ...before.policy, panel: { ...before.policy.panel, size: pool.total, minScores: 1 } });
  let id: string;
  try {
    const sponsor = await tokenFor({ sub: `web-sponsor-${randomUUID().slice(0, 8)}`, roles: ['applicant'], name: '张联络', idNumber: makeIdNumber('1985-03-03'), orgCode: makeUscc() });
    id = (
      await apiCall(sponsor, 'POST', '/applications', {
        program: 'top-talent',
        town: 'hitech-zone',
        form: {
          talent: { name: '欧阳明', category: 'national', honours: ['国家杰出青年科学基金'] },
          project: { title: '智慧康养平台', industry: 'health', summary: '社区康养的数字化平台' },
          requestedSupport: { fundingFen: 500_000_000 },
        },
      })
    ).id;
  } finally {
    await adminCall('POST', '/admin/policies/top-talent', before.policy);
  }
  const office = await tokenFor({ sub: 'web-e2e-office', roles: ['reviewer'], queues: ['talent-office'] });
  await apiCall(office, 'POST', `/tasks/${await taskIn(office, 'talent-office', id)}/complete`, { outcome: 'approve', comment: '符合产业方向' });

  await login(page, { sub: expertId, role: '评审专家', name: '新专家' });
  await openTaskFromWorkbench(page, id, '专家评分');
  await logout(page);

  // 停用 takes the member out of future draws (and leaves the demo pool as the other browser tests expect it).
  await openAdmin(page);
  await page.getByLabel('搜索专家').fill(expertId);
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  const found = page.getByRole('region', { name: '专家库' }).getByRole('row').filter({ hasText: expertId });
  await found.getByRole('button', { name: '停用 新专家' }).click();
  await expect(found).toContainText('已停用');
  expect((await adminCall('GET', `/admin/experts?q=${expertId}`)).items[0].active).toBe(false);
});

/** 登记数据导入: a CSV read in the browser; the API refuses a row the browser could not judge; the fixed file imports. */
test('an admin imports certificate rows from a CSV after the API points at the wrong row', async ({ page }) => {
  const good = makeIdNumber('1991-01-01');
  const wrongCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
  const certificate = uniqueCertificateNumber();
  const csv = (id: string) => `证书编号,身份证号,职业等级,职业（工种）,发证日期\n${certificate},${good},3,电工,${daysAgo(10)}\n${certificate}-B,${id},4,"焊工, 氩弧",${daysAgo(20)}\n`;

  await openAdmin(page);
  const section = page.getByRole('region', { name: '登记数据导入' });
  await section.getByLabel('数据文件（CSV 或 XLSX）').setInputFiles({ name: 'certificates.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv('12345')}`) });
  await expect(section.getByText('certificates.csv：共 2 行，1 行有误')).toBeVisible();
  await expect(section.getByRole('button', { name: '导入' })).toBeDisabled();

  await section.getByLabel('数据文件（CSV 或 XLSX）').setInputFiles({ name: 'certificates.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(wrongCheck)) });
  await expect(section.getByText('共 2 行，0 行有误')).toBeVisible();
  await expect(section.getByRole('cell', { name: '焊工, 氩弧' })).toBeVisible();
  await section.getByRole('button', { name: '导入' }).click();
  await expect(section.getByText('未导入：服务器发现以下行有误')).toBeVisible();
  await expect(section.getByRole('row').filter({ hasText: wrongCheck })).toContainText('身份证号：身份证号不正确');
  await expectAccessible(page, '登记数据导入 with row errors');

  await section.getByLabel('数据文件（CSV 或 XLSX）').setInputFiles({ name: 'certificates-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(csv(makeIdNumber('1992-02-02'))) });
  await section.getByRole('button', { name: '导入' }).click();
  await expect(section.getByText('已导入 2 条职业技能等级证书')).toBeVisible();
  // 委托授权 explains itself to an administrator, who holds no queue to delegate.
  await expect(page.getByRole('region', { name: '委托授权' })).toContainText('没有可委托的队列');
});

/** An XLSX of social-insurance rows is read in the browser (exceljs loaded on demand) and imported. */
test('an admin imports social-insurance rows from an XLSX', async ({ page }) => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('社保');
  sheet.addRow(['身份证号', '单位代码', '镇街', '缴纳月数', '最近缴费月份']);
  const people = [makeIdNumber('1993-03-03'), makeIdNumber('1994-04-04')];
  for (const idNumber of people) sheet.addRow([idNumber, makeUscc(), 'wangdian', 24, '2026-10']);
  const buffer = Buffer.from(await book.xlsx.writeBuffer());

  await openAdmin(page);
  const section = page.getByRole('region', { name: '登记数据导入' });
  await section.getByLabel('数据类型').selectOption({ label: '社保缴纳记录' });
  await section.getByLabel('数据文件（CSV 或 XLSX）').setInputFiles({ name: 'insurance.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await expect(section.getByText('insurance.xlsx：共 2 行，0 行有误')).toBeVisible();
  await expect(section.getByRole('row').filter({ hasText: people[1] })).toContainText('wangdian');
  await section.getByRole('button', { name: '导入' }).click();
  await expect(section.getByText('已导入 2 条社保缴纳记录')).toBeVisible();
});

/** 委托授权 for a person who is an administrator and a reviewer: delegate one's own queue, then take it back. */
test('an administrator who also reviews delegates a queue and revokes it', async ({ page }) => {
  const sub = `web-admin-reviewer-${randomUUID().slice(0, 6)}`;
  const token = await tokenFor({ sub, roles: ['admin', 'reviewer'], name: '管理兼审核', queues: ['hrss-skill'] });
  // The dev login form takes one role; this person holds two, so the session is set as the form would set it.
  await page.goto('/login');
  await page.evaluate((t) => sessionStorage.setItem('talentflow.token', t), token);
  await page.goto('/admin');
  const section = page.getByRole('region', { name: '委托授权' });
  await expect(section.getByRole('table', { name: '委托列表' })).toContainText('暂无委托');
  await section.getByLabel('受托人（用户标识）').fill(sub);
  await section.getByLabel('人社局技能审核').check();
  await section.getByLabel('截止日期').fill(new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10));
  await section.getByLabel('事由').fill('休假');
  await section.getByRole('button', { name: '委托', exact: true }).click();
  await expect(section.getByText('不能委托给自己')).toBeVisible();
  await section.getByLabel('受托人（用户标识）').fill('web-stand-in');
  await section.getByRole('button', { name: '委托', exact: true }).click();
  const row = section.getByRole('row').filter({ hasText: 'web-stand-in' });
  await expect(row).toContainText('审核人员：人社局技能审核');
  await expect(row).toContainText('有效');
  await expectAccessible(page, '委托授权');
  await row.getByRole('button', { name: '收回 给 web-stand-in 的委托' }).click();
  await expect(row).toContainText('已收回');
});
