import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { apiCall, seedAssessmentMix, tokenFor } from './support/api';
import { expectAccessible, login, loginAsPersona, logout, readmeScreenshot } from './support/helpers';

/** 考核分析: leadership sees the plan's indicators and the charts for a seeded mix, and takes the XLSX away. */
test('leadership reads the indicator table and the flow and money charts, filters, and downloads the Excel', async ({ page }) => {
  await seedAssessmentMix();
  const leaderToken = await tokenFor({ sub: 'web-e2e-leader', roles: ['leadership'] });
  const fromApi = await apiCall(leaderToken, 'GET', '/metrics/assessment');

  await login(page, { sub: 'web-e2e-leader', role: '领导', name: '领导甲' });
  const started = Date.now();
  await page.getByRole('link', { name: '考核分析', exact: true }).click();
  await expect(page.getByRole('heading', { name: '考核分析', exact: true })).toBeVisible();
  const indicators = page.getByRole('table', { name: '规划指标' });
  for (const column of ['指标', '单位', '2020年基数', '2025年目标', '当前值', '进度']) {
    await expect(indicators.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  await expect(indicators.locator('tbody tr')).toHaveCount(fromApi.indicators.length);
  for (const chart of ['flow-month', 'flow-program', 'speed', 'backlog', 'money', 'towns']) {
    await expect(page.locator(`[data-chart="${chart}"] [data-rendered="yes"]`)).toBeVisible();
  }
  const loadMs = Date.now() - started;
  test.info().annotations.push({ type: 'dashboard load', description: `${loadMs} ms from the 考核分析 link to the table and six charts drawn` });
  console.log(`考核分析 load: ${loadMs} ms from the link to the indicator table and six charts drawn`);

  // The charts' text alternatives carry the same figures as the API.
  const money = page.locator('[data-chart="money"]');
  await money.getByText('资金：承诺、拨付、追回与预算（万元）（数据表）').click();
  const year = new Date().getFullYear();
  const thisYear = (fromApi.money.byYear as { year: number; disbursedFen: number }[]).find((y) => y.year === year)!;
  expect(thisYear.disbursedFen).toBeGreaterThanOrEqual(200_000);
  await expect(money.getByRole('row', { name: new RegExp(`^${year}年`) })).toContainText((thisYear.disbursedFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }));
  const flow = page.locator('[data-chart="flow-program"]');
  await flow.getByText('各项目申请量与结果（数据表）').click();
  await expect(flow.getByRole('row', { name: /^技能补贴/ })).toContainText(String(fromApi.flow.byProgram['skill-subsidy'].submitted));
  await expectAccessible(page, 'assessment dashboard');
  await readmeScreenshot(page, 'assessment-dashboard');

  // Filters reload the figures from the server.
  await page.getByLabel('项目', { exact: true }).selectOption({ label: '职称直通车' });
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const filtered = await apiCall(leaderToken, 'GET', '/metrics/assessment?program=title-fast-track');
  await expect(page.locator('[data-chart="flow-month"] p.muted')).toHaveText(`共受理 ${filtered.flow.totals.submitted} 件，通过 ${filtered.flow.totals.approved} 件`);

  // 导出Excel: the API's workbook, read back.
  await page.getByLabel('项目', { exact: true }).selectOption({ label: '技能补贴' });
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出Excel' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^assessment-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('indicators')!;
  expect(sheet.getRow(1).values).toEqual([undefined, 'table2Row', 'group', 'key', 'name', 'unit', 'baseline', 'target', 'actual', 'progress', 'asOf', 'source', 'department']);
  expect(sheet.rowCount).toBe(fromApi.indicators.length + 1);
  const about = book.getWorksheet('report')!;
  const filters = Object.fromEntries(about.getSheetValues().filter(Boolean).map((r) => [String((r as unknown[])[1]), (r as unknown[])[2]]));
  expect(filters.program).toBe('skill-subsidy');
});

/** 指标填报 → 指标审核 → 考核分析: a department's figure counts once the talent office accepts it; the annual report downloads. */
test('区科技局 reports an indicator, 区委人才办 accepts it, and leadership sees it and downloads the annual report', async ({ page }) => {
  const year = String(new Date().getFullYear());
  const value = String(160 + Math.floor(Math.random() * 30)) + '.5';
  await loginAsPersona(page, '科技局填报员 · 区科技局');
  await expect(page.getByRole('heading', { name: '指标填报', exact: true })).toBeVisible();
  const mine = page.getByRole('table', { name: '本单位负责的指标' });
  await expect(mine.getByRole('row')).toHaveCount(4); // header + 区科技局's three Table 2 indicators
  await page.getByRole('button', { name: '填报每万名从业人员中R&D人员' }).click();
  await page.getByLabel('年度').fill(year);
  await page.getByRole('button', { name: '提交填报' }).click();
  await expect(page.getByText('请填写数值')).toBeVisible();
  await page.getByLabel('数值（人年/万人）').fill('1,234');
  await page.getByRole('button', { name: '提交填报' }).click();
  await expect(page.getByText('数值须为数字，如 171.2（不含逗号、单位）')).toBeVisible();
  await page.getByLabel('数值（人年/万人）').fill(value);
  await page.getByLabel('数据依据').fill(`秀科〔${year}〕8号`);
  await expectAccessible(page, 'indicator report form');
  await readmeScreenshot(page, 'indicator-report');
  await page.getByRole('button', { name: '提交填报' }).click();
  await expect(page.getByText('已提交，待区委人才办审核。')).toBeVisible();
  const row1 = mine.getByRole('row', { name: /每万名从业人员中R&D人员/ });
  await expect(row1).toContainText(`${year}年 ${value}`);
  await expect(row1).toContainText('待审核');
  await logout(page);

  await loginAsPersona(page, '人才办审核员');
  await page.getByRole('link', { name: '指标审核', exact: true }).click();
  const pending = page.getByRole('table', { name: '待审核的填报' });
  const row = pending.getByRole('row').filter({ hasText: value });
  await expect(row).toContainText('区科技局');
  await expectAccessible(page, 'indicator review');
  await readmeScreenshot(page, 'indicator-review');
  await row.getByRole('button', { name: '采纳' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '采纳' }).click();
  await expect(page.getByText('已采纳，该数值计入考核分析。')).toBeVisible();
  await logout(page);

  await loginAsPersona(page, '领导小组成员');
  await page.getByRole('link', { name: '考核分析', exact: true }).click();
  const indicators = page.getByRole('table', { name: '规划指标' });
  await expect(indicators.getByRole('row', { name: /每万名从业人员中R&D人员/ })).toContainText(Number(value).toLocaleString('zh-CN'));
  await expect(page.getByRole('table', { name: '部门责任清单' }).getByRole('row', { name: /区科技局/ })).not.toContainText('每万名从业人员中R&D人员');
  await readmeScreenshot(page.getByRole('table', { name: '部门责任清单' }), 'department-responsibilities');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '年度报告（PDF）' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`annual-report-${year}.pdf`);
  expect(fs.readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByText(`已下载 annual-report-${year}.pdf（已用审计密钥签名）`)).toBeVisible();
});
