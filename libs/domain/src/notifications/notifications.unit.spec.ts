import { ApplicationEvent } from '../application/application.events';
import { NOTIFICATION_POLICY_V1, notificationPolicyProblems, notificationsFor, renderNotification, scrubPersonalNumbers } from './notifications';

const ctx = { applicationId: '84940e89-1111-2222-3333-444455556666', program: 'skill-subsidy', applicantSub: 'alice' };
const calendarBasis = { source: 'built-in' } as never;

describe('notifications', () => {
  it('keeps ID numbers, bank accounts and phone numbers out of any text', () => {
    expect(scrubPersonalNumbers('身份证 11010519491231002X 不一致')).toBe('身份证 [已隐去] 不一致');
    expect(scrubPersonalNumbers('卡号 6222 0212 0400 1234 567')).toBe('卡号 [已隐去]');
    expect(scrubPersonalNumbers('电话13800138000')).toBe('电话[已隐去]');
    // Dates, amounts, references and years stay.
    expect(scrubPersonalNumbers('2026-12-18 前补正 5000 元，编号 84940E89，第 3 项')).toBe('2026-12-18 前补正 5000 元，编号 84940E89，第 3 项');
  });

  it('fills templates, leaves an unknown placeholder visible, and scrubs what was filled in', () => {
    const text = renderNotification({ title: '【{program}】{oops}', body: '{items}' }, { program: '技能补贴', items: '证件号 330411199001010010 错误' });
    expect(text).toEqual({ title: '【技能补贴】{oops}', body: '证件号 [已隐去] 错误' });
  });

  it('tells the applicant of their turns and staff of tasks for their queue, person or organisation', () => {
    const supplement: ApplicationEvent = {
      type: 'SupplementRequested',
      data: { taskId: 't1', comment: '请补正', dueAt: '2026-12-18T15:59:59.000Z', calendarBasis, items: [{ document: '证书', reason: '模糊' }, { field: 'occupation', reason: '不一致' }] },
    };
    const [asked] = notificationsFor(supplement, ctx);
    expect(asked).toMatchObject({ kind: 'supplement-requested', recipient: 'user:alice', values: { deadline: '2026-12-18', items: '1. 模糊\n2. 不一致', reference: '84940E89', program: '技能补贴' } });
    const task = (candidates: object): ApplicationEvent =>
      ({ type: 'TaskCreated', data: { taskId: 't2', kind: 'review', stage: 'review', candidates, outcomes: ['approve'], priority: 0, dueAt: '2026-12-01T00:00:00.000Z', calendarBasis } }) as ApplicationEvent;
    expect(notificationsFor(task({ role: 'reviewer', queues: ['hrss-skill', 'hrss-skill-lead'] }), ctx).map((d) => [d.kind, d.recipient])).toEqual([
      ['task-new', 'queue:hrss-skill'],
      ['task-new', 'queue:hrss-skill-lead'],
    ]);
    expect(notificationsFor(task({ role: 'expert', queues: ['experts'], assignee: { kind: 'sub', value: 'e1' } }), ctx).map((d) => [d.kind, d.recipient])).toEqual([['panel-invitation', 'user:e1']]);
    expect(notificationsFor(task({ role: 'employer', queues: ['employers'], assignee: { kind: 'orgCode', value: '914403001922038216' } }), ctx).map((d) => d.recipient)).toEqual(['org:914403001922038216']);
    expect(notificationsFor({ type: 'ApplicationRejected', data: { reason: 'x', automatic: true } }, ctx)).toEqual([expect.objectContaining({ kind: 'decided', values: expect.objectContaining({ result: '不予通过' }) })]);
    expect(notificationsFor({ type: 'TaskClaimed', data: { taskId: 't2', by: 'bob' } }, ctx)).toEqual([]);
  });

  it('checks a published policy: every kind, known placeholders, a sensible lead time', () => {
    expect(notificationPolicyProblems(NOTIFICATION_POLICY_V1)).toEqual([]);
    const { decided: _gone, ...templates } = NOTIFICATION_POLICY_V1.templates;
    const bad = { reminderWorkingDays: 0, templates: { ...templates, submitted: { title: '{idNumber}', body: '' }, extra: { title: 't', body: 'b' } } };
    expect(notificationPolicyProblems(bad).map((p) => p.path)).toEqual([
      'reminderWorkingDays',
      'templates.submitted.title',
      'templates.submitted.body',
      'templates.decided.title',
      'templates.decided.body',
      'templates.extra',
    ]);
  });
});
