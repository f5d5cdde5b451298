import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { applicationId, expectAccessible, fillSkillSubsidyForm, login, logout, openTaskFromWorkbench, readmeScreenshot, registeredWorker } from './support/helpers';

/** A small but real PDF (its magic bytes say PDF). */
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/**
 * 申请材料 and 消息 in the browser: the applicant uploads the certificate with the form (a wrong file is refused
 * next to its field), sees it listed, and reads the notification in 消息中心; the reviewer previews the document.
 */
test('an applicant uploads materials and is told in 消息中心; the reviewer previews the document', async ({ page }) => {
  const worker = await registeredWorker();
  const applicant = { sub: `applicant-${randomUUID().slice(0, 8)}`, role: '申请人' as const, name: '周七', idNumber: worker.idNumber };
  await login(page, applicant);
  await page.getByRole('link', { name: '新建申请' }).first().click();
  await page.getByLabel('申请项目').selectOption({ label: '技能补贴' });
  await page.getByRole('button', { name: '上传申请材料' }).click();
  const certificate = page.getByLabel('职业资格证书');
  await expect(certificate).toBeVisible();

  // A text file called .pdf is refused by its content, next to its field.
  await certificate.setInputFiles({ name: '证书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('这不是PDF') });
  await expect(page.getByRole('alert').filter({ hasText: '文件类型不符' })).toBeVisible();
  await certificate.setInputFiles({ name: '职业资格证书.pdf', mimeType: 'application/pdf', buffer: pdf('三级电工') });
  await expect(page.getByRole('status').filter({ hasText: '已上传：职业资格证书.pdf' })).toBeVisible();
  await expectAccessible(page, 'new application with an upload');

  await fillSkillSubsidyForm(page, worker);
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByRole('heading', { name: '申请详情' })).toBeVisible();
  const id = await applicationId(page);
  const documents = page.getByRole('region', { name: '申请材料' });
  await expect(documents).toContainText('职业资格证书：职业资格证书.pdf（PDF');
  await expectAccessible(page, 'application page with materials');

  // The worker's notifier writes the inbox; the header counts what is unread.
  await expect(async () => {
    await page.getByRole('link', { name: /^消息/ }).click();
    await expect(page.getByRole('heading', { name: '【技能补贴】申请已受理' }).first()).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: '消息中心' })).toBeVisible();
  await expect(page.getByRole('link', { name: '消息（1条未读）' })).toBeVisible();
  await expectAccessible(page, 'messages');
  await readmeScreenshot(page, 'messages');
  await page.getByRole('button', { name: '标为已读：【技能补贴】申请已受理' }).click();
  await expect(page.getByRole('link', { name: '消息', exact: true })).toBeVisible();
  await page.getByRole('link', { name: '查看申请：【技能补贴】申请已受理' }).click();
  await expect(page.getByTestId('application-id')).toHaveText(id);
  await logout(page);

  // The reviewer reads the certificate in the page, beside the form.
  await login(page, { sub: `reviewer-${randomUUID().slice(0, 8)}`, role: '审核人员', name: '技能审核员', queues: 'hrss-skill' });
  await openTaskFromWorkbench(page, id, '审核');
  await page.getByRole('button', { name: '预览职业资格证书：职业资格证书.pdf' }).click();
  const dialog = page.getByRole('dialog', { name: '职业资格证书：职业资格证书.pdf' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('iframe[title="职业资格证书预览"]')).toHaveAttribute('src', /^blob:/);
  await readmeScreenshot(page, 'document-preview');
  await dialog.getByRole('button', { name: /关闭|Close/ }).click();
  await expect(dialog).toBeHidden();
});
