import { describe, expect, it } from '@jest/globals';
import { STATUS_TEXTS, reasonText, statusText, taskKindName, townName } from './labels';
import { fieldErrorsOf, problemSentence } from './problems';
import { describeEvent } from './timeline';
import { formLines } from './form-summary';
import { formatDateTime, formatDeadline } from './format';
import { APPLICATION_STATUSES } from '#domain';

describe('texts on screen', () => {
  it('has a Chinese text for every status the API gives', () => {
    for (const s of APPLICATION_STATUSES) expect(STATUS_TEXTS[s]).toMatch(/[\u4e00-\u9fa5]/);
    expect(statusText('completed')).toBe('已办结');
    expect(statusText('awaiting-supplement')).toBe('待补正');
  });
  it('names towns and task kinds, keeping an unknown code as it is', () => {
    expect(townName('wangdian')).toBe('王店镇');
    expect(taskKindName('payment-confirmation')).toBe('确认支付');
    expect(taskKindName('new-kind')).toBe('new-kind');
  });
  it('says refusals and field errors in Chinese', () => {
    expect(problemSentence({ status: 409 })).toContain('已被他人处理');
    expect(problemSentence({ status: 403 })).toContain('权限');
    expect(fieldErrorsOf({ status: 400, errors: [{ path: 'form.issuedOn', message: 'issuedOn must be a date as YYYY-MM-DD' }] })).toEqual({ 'form.issuedOn': '请按 YYYY-MM-DD 填写真实日期' });
  });
  it('tells the timeline in words, in Shanghai time', () => {
    expect(formatDateTime('2026-11-28T06:05:00.000Z')).toBe('2026-11-28 14:05');
    expect(describeEvent({ version: 1, type: 'ApplicationApproved', data: { amountFen: 200000 }, recordedAt: '' })).toBe('审核通过，核定金额 2,000.00 元');
    expect(describeEvent({ version: 2, type: 'TaskCompleted', data: { outcome: 'return', comment: '请上传证书' }, recordedAt: '' })).toBe('办理完成：退回补正，意见：请上传证书');
  });
});

describe('towns of a published policy', () => {
  it('names a town from the policy before the reference list', async () => {
    const { rememberTowns, townName: name } = await import('./labels');
    rememberTowns([{ code: 'new-town', name: '新设镇' }]);
    expect(name('new-town')).toBe('新设镇');
    expect(name('honghe')).toBe('洪合镇');
    expect(name('unknown')).toBe('unknown');
  });
});

describe('deadlines and reasons in words', () => {
  it('reads a midnight deadline as the whole previous day, China time', () => {
    expect(formatDeadline('2026-12-11T16:00:00.000Z')).toBe('2026-12-11（含）');
    expect(formatDeadline('2026-12-11T09:30:00.000Z')).toBe('2026-12-11 17:30 前');
  });

  it('says why an application was refused in Chinese, and shows an unknown code as it is', () => {
    expect(reasonText('AGE_LIMIT_EXCEEDED')).toBe('年龄超过政策规定的上限');
    expect(reasonText('CERTIFICATE_CLAIM_IN_PROGRESS')).toContain('正在办理');
    expect(reasonText('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('shows a bank account by its last four digits, to its owner too (the API gives the owner the full number)', () => {
    const form = { certificateNumber: 'C-1', level: 3, occupation: '电工', issuedOn: '2026-10-01', bankAccount: { bankName: '嘉兴银行', accountNumber: '6222021204001234567' } };
    const lines = formLines('skill-subsidy', form);
    expect(lines).toContainEqual(['银行账号', '***************4567']);
    expect(lines.flat().join(' ')).not.toContain('6222021204001234567');
  });
});
