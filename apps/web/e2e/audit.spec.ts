import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { apiCall, skillApplicationInReview, tamper, tokenFor } from './support/api';
import { adminCall, expectAccessible, login, readmeScreenshot } from './support/helpers';

/** 审计: an auditor finds an application, verifies its chain, travels in time, exports the dossier; then a tampered row. */
test('an auditor verifies a chain, sees version 1 beside today, exports the dossier, and catches a tampered event', async ({ page }) => {
  const { id } = await skillApplicationInReview();
  const auditorToken = await tokenFor({ sub: 'web-e2e-auditor', roles: ['auditor'], name: '审计员甲' });

  await login(page, { sub: 'web-e2e-auditor', role: '审计', name: '审计员甲' });
  await page.getByRole('link', { name: '审计', exact: true }).click();
  await expect(page.getByRole('heading', { name: '审计', exact: true })).toBeVisible();
  // By program and submission date (today in Asia/Shanghai), newest first.
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  await page.getByLabel('项目', { exact: true }).selectOption({ label: '技能补贴' });
  await page.getByLabel('提交日期起').fill(today);
  await page.getByLabel('提交日期止').fill(today);
  await page.getByRole('button', { name: '筛选申请' }).click();
  await expect(page.getByRole('table', { name: '申请列表' }).getByRole('row').filter({ hasText: id })).toContainText('审核中');
  // By 申请编号.
  await page.getByLabel('申请编号').fill(id);
  await page.getByRole('button', { name: '查询', exact: true }).click();

  const table = page.getByRole('table', { name: /事件链/ });
  for (const column of ['版本', '事件', '记录时间', '哈希']) await expect(table.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  const apiEvents = (await apiCall(auditorToken, 'GET', `/applications/${id}/events`)) as { version: number; hash: string }[];
  await expect(table.locator('tbody tr[data-version]')).toHaveCount(apiEvents.length);
  await expect(table.getByText('ApplicationSubmitted')).toBeVisible();
  await expect(table.getByText('✓ 链接完整')).toHaveCount(apiEvents.length);

  await page.getByRole('button', { name: '校验哈希链' }).click();
  await expect(page.getByText(/校验通过/)).toBeVisible();
  await expect(page.getByText(apiEvents[apiEvents.length - 1].hash)).toBeVisible();
  await expectAccessible(page, 'audit console with a verified chain');
  await readmeScreenshot(page, 'audit-verified');

  // Data and metadata on demand.
  await page.getByRole('button', { name: '数据与元数据 （第 1 版）' }).click();
  await expect(page.getByText('元数据（metadata）')).toBeVisible();
  await expect(page.getByText('"certificateNumber"').first()).toBeVisible();
  await page.getByRole('button', { name: '收起 （第 1 版）' }).click();

  // State at version 1 beside the current one.
  await page.getByLabel('版本', { exact: true }).fill('1');
  await page.getByRole('button', { name: '查看该版本状态' }).click();
  const diff = page.getByRole('table', { name: '状态对比' });
  await expect(diff.getByRole('columnheader', { name: '第 1 版' })).toBeVisible();
  const statusRow = diff.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'status', exact: true }) });
  await expect(statusRow).toContainText('"submitted"');
  await expect(statusRow).toContainText('"in-review"');
  await expect(statusRow).toContainText('≠ 有变化');
  await expectAccessible(page, 'audit time travel');
  // By a moment (typed in Asia/Shanghai): before submission there is no state; a minute from now is today's.
  const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
  const submittedAt = Date.parse((await apiCall(auditorToken, 'GET', `/applications/${id}`)).submittedAt as string);
  await page.getByLabel('时间点').fill(shanghai(submittedAt - 60_000));
  await page.getByRole('button', { name: '查看该时间状态' }).click();
  await expect(page.getByText('该时间点或版本尚无状态（早于提交，或版本不存在）')).toBeVisible();
  await page.getByLabel('时间点').fill(shanghai(Date.now() + 60_000));
  await page.getByRole('button', { name: '查看该时间状态' }).click();
  await expect(diff.getByRole('columnheader', { name: `第 ${apiEvents.length} 版`, exact: true })).toBeVisible();
  await page.getByLabel('版本', { exact: true }).fill('1');
  await page.getByRole('button', { name: '查看该版本状态' }).click();
  await expect(diff.getByRole('columnheader', { name: '第 1 版' })).toBeVisible();
  await page.getByLabel('只看不同之处').check();
  await expect(statusRow).toBeVisible();
  await expect(diff.getByRole('row', { name: /form\.level/ })).toHaveCount(0);
  await readmeScreenshot(page.getByRole('region', { name: '时间回溯' }), 'audit-time-travel');

  // 导出案卷: the downloaded file holds what the API exports (the same events, the same verification).
  for (const format of ['jsonl', 'csv'] as const) {
    await page.getByLabel('案卷格式').selectOption(format);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出案卷' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`application-${id}.${format}`);
    const file = fs.readFileSync(await download.path(), 'utf8');
    const fromApi = (await apiCall(auditorToken, 'GET', `/audit/applications/${id}/export?format=${format}`)) as string;
    // Everything but the export's own time stamp and the reader is the same.
    const stable = (text: string) =>
      text
        .split('\n')
        .filter((line) => !line.includes('exportedAt'))
        .join('\n');
    expect(stable(file)).toBe(stable(fromApi));
    if (format === 'jsonl') {
      const events = file
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { record: string; hash?: string })
        .filter((r) => r.record === 'event');
      expect(events.map((e) => e.hash)).toEqual(apiEvents.map((e) => e.hash));
    }
  }

  // The workflow's Temporal history agrees with the event log; every read above is in the access log.
  await page.getByRole('button', { name: '加载工作流历史与交叉核对' }).click();
  await expect(page.getByText(`交叉核对一致：事件库 ${apiEvents.length} 条`)).toBeVisible();
  await expect(page.getByRole('table', { name: '工作流历史事件' })).toContainText('WORKFLOW_EXECUTION_STARTED');
  const ownLog = page.getByRole('region', { name: '查阅记录（本申请）' });
  await ownLog.getByRole('button', { name: '加载查阅记录' }).click();
  await expect(ownLog.getByRole('table', { name: '查阅记录' })).toContainText('GET /api/v1/audit/applications/:id/verify');
  await expect(ownLog.getByRole('table', { name: '查阅记录' })).toContainText('web-e2e-auditor');

  // A signed checkpoint: verified against today's log, downloaded as the API exports it.
  const checkpoint = await adminCall('POST', '/admin/audit/checkpoints', {});
  const checkpoints = page.getByRole('region', { name: '签名检查点' });
  await checkpoints.getByRole('button', { name: '加载检查点' }).click();
  const checkpointRow = checkpoints.getByRole('row').filter({ has: page.getByRole('cell', { name: String(checkpoint.id), exact: true }) });
  await checkpointRow.getByRole('button', { name: `校验 检查点 ${checkpoint.id}` }).click();
  await expect(checkpointRow).toContainText('✓ 签名有效，根哈希一致');
  const saving = page.waitForEvent('download');
  await checkpointRow.getByRole('button', { name: `下载 检查点 ${checkpoint.id} （含公钥）` }).click();
  const saved = await saving;
  expect(JSON.parse(fs.readFileSync(await saved.path(), 'utf8'))).toEqual(await apiCall(auditorToken, 'GET', `/audit/checkpoints/${checkpoint.id}`));

  // A rogue administrator edits version 2 through SQL: the console names the stream and the version.
  await tamper(`UPDATE events SET data = data || '{"note": "改过"}'::jsonb WHERE stream_id = $1 AND version = 2`, [`application-${id}`]);
  await page.getByRole('button', { name: '校验哈希链' }).click();
  await expect(page.getByText(/校验失败/)).toContainText(`application-${id}`);
  await expect(page.getByText(/校验失败/)).toContainText('第 2 版');
  await expect(page.locator('tr[data-version="2"]')).toContainText('✗ 内容与哈希不符');

  // The whole store, as a background job the page follows.
  await page.getByRole('button', { name: '校验全部事件' }).click();
  await expect(page.getByText('全库校验失败')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('table', { name: '校验失败的事件流' })).toContainText(`application-${id}`);
  await expectAccessible(page, 'audit console after tampering');
});
