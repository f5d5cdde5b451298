import { ApplicationEvent } from '../application/application.events';
import { chinaDate } from '../calendar/working-days';
import { PROGRAM_NAMES, TASK_KIND_NAMES } from '../shared/names';

/** What a notification is about; each has a template (policy data) and goes to the people it concerns. */
export const NOTIFICATION_KINDS = [
  'submitted',
  'supplement-requested',
  'deadline-reminder',
  'decided',
  'paid',
  'notice-opened',
  'reconsideration-decided',
  'task-new',
  'task-due',
  'task-escalated',
  'panel-invitation',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A message text with `{placeholders}` (listed per kind in NOTIFICATION_PLACEHOLDERS). */
export interface NotificationTemplate {
  title: string;
  body: string;
}

/** The notification policy (kept in `policies` under `notifications`, versioned like the programs'). */
export interface NotificationPolicy {
  version: number;
  /** Working days before an applicant's deadline (补正) the reminder goes out. */
  reminderWorkingDays: number;
  templates: Record<NotificationKind, NotificationTemplate>;
}

export const NOTIFICATION_POLICY_KEY = 'notifications';

/** Every placeholder a template may use: none of them can carry an ID number or a bank account. */
export const NOTIFICATION_PLACEHOLDERS = ['program', 'reference', 'deadline', 'items', 'comment', 'result', 'task', 'closes'] as const;
type Placeholder = (typeof NOTIFICATION_PLACEHOLDERS)[number];

export const NOTIFICATION_POLICY_V1: NotificationPolicy = {
  version: 1,
  reminderWorkingDays: 3,
  templates: {
    submitted: { title: '【{program}】申请已受理', body: '您的{program}申请（编号 {reference}）已提交成功，我们将按承诺时限办理。可在“我的申请”中查看进度。' },
    'supplement-requested': {
      title: '【{program}】请补正材料（截止 {deadline}）',
      body: '您的{program}申请（编号 {reference}）需要补正，请于 {deadline} 前一次性补齐以下事项：\n{items}\n逾期未补正的，申请将失效。',
    },
    'deadline-reminder': { title: '【{program}】补正即将到期（{deadline}）', body: '您的{program}申请（编号 {reference}）补正期限为 {deadline}，请尽快提交补正材料。' },
    decided: { title: '【{program}】审核结果：{result}', body: '您的{program}申请（编号 {reference}）审核结果为：{result}。{comment}如对结果有异议，可在“我的申请”中申请复核。' },
    paid: { title: '【{program}】补贴已拨付', body: '您的{program}申请（编号 {reference}）的补贴已拨付，请留意银行到账信息。' },
    'notice-opened': { title: '【{program}】进入公示', body: '您的{program}申请（编号 {reference}）已进入公示，公示期至 {closes}。' },
    'reconsideration-decided': { title: '【{program}】复核结果：{result}', body: '您的{program}申请（编号 {reference}）复核结果为：{result}。{comment}' },
    'task-new': { title: '新待办：{task}（{program}）', body: '有一件{program}申请（编号 {reference}）的“{task}”待办，请于 {deadline} 前办理。' },
    'task-due': { title: '待办明天到期：{task}（{program}）', body: '{program}申请（编号 {reference}）的“{task}”待办将于 {deadline} 到期，请及时办理。' },
    'task-escalated': { title: '待办已逾期上报：{task}（{program}）', body: '{program}申请（编号 {reference}）的“{task}”待办已逾期，已转交本队列处理。' },
    'panel-invitation': { title: '评审邀请：{program}', body: '您被抽选为{program}申请（编号 {reference}）的评审专家，请于 {deadline} 前完成“{task}”。如有利害关系，请申请回避。' },
  },
};

/** Who a notification is for: a person by subject, everyone holding a queue, or an organisation's staff. */
export type Recipient = `user:${string}` | `queue:${string}` | `org:${string}`;

/** A notification to write: what, for whom, and the values its template is filled with. */
export interface NotificationDraft {
  kind: NotificationKind;
  recipient: Recipient;
  values: Partial<Record<Placeholder, string>>;
}

/** The application an event belongs to, as the projection knows it from the read model. */
export interface NotificationContext {
  applicationId: string;
  program: string;
  applicantSub: string;
}

/**
 * Digit runs that could be an ID number (15 or 18 characters), a bank account (12-30 digits) or a phone number
 * (11 digits) never leave in a message — also when a reviewer typed one into a comment.
 */
export function scrubPersonalNumbers(text: string): string {
  return text.replace(/(?<![0-9])(?:[0-9][ -]?){10,29}[0-9Xx](?![0-9])/g, '[已隐去]');
}

/** The template filled in (unknown placeholders stay visible, so a typo in a template is seen), numbers scrubbed. */
export function renderNotification(template: NotificationTemplate, values: Partial<Record<Placeholder, string>>): NotificationTemplate {
  const fill = (text: string) => scrubPersonalNumbers(text.replace(/\{([A-Za-z]+)\}/g, (whole, key: string) => (key in values ? (values[key as Placeholder] ?? '') : whole)));
  return { title: fill(template.title), body: fill(template.body) };
}

/** Template problems by path: every kind present, only known placeholders. */
export function notificationPolicyProblems(policy: unknown): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const p = policy as Partial<NotificationPolicy> | null;
  if (!p || typeof p !== 'object') return [{ path: '', message: 'must be an object' }];
  if (!Number.isInteger(p.reminderWorkingDays) || (p.reminderWorkingDays as number) < 1 || (p.reminderWorkingDays as number) > 10) {
    problems.push({ path: 'reminderWorkingDays', message: 'must be a whole number of working days from 1 to 10' });
  }
  const templates = (p.templates ?? {}) as Record<string, Partial<NotificationTemplate>>;
  for (const kind of NOTIFICATION_KINDS) {
    const t = templates[kind];
    for (const part of ['title', 'body'] as const) {
      const text = t?.[part];
      const at = `templates.${kind}.${part}`;
      if (typeof text !== 'string' || text.trim() === '' || text.length > (part === 'title' ? 120 : 2000)) problems.push({ path: at, message: `must be text of 1-${part === 'title' ? 120 : 2000} characters` });
      else {
        const unknown = [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).filter((k) => !(NOTIFICATION_PLACEHOLDERS as readonly string[]).includes(k));
        if (unknown.length) problems.push({ path: at, message: `unknown placeholder ${unknown.map((k) => `{${k}}`).join(', ')} (allowed: ${NOTIFICATION_PLACEHOLDERS.join(', ')})` });
      }
    }
  }
  for (const kind of Object.keys(templates)) if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) problems.push({ path: `templates.${kind}`, message: 'not a notification kind' });
  return problems;
}

/** A short reference people can quote on the phone: the first block of the application id. */
export const applicationReference = (applicationId: string) => applicationId.slice(0, 8).toUpperCase();

/** The values every message about an application carries: the programme's name and a short reference. */
export function applicationValues(ctx: { applicationId: string; program: string }): { program: string; reference: string } {
  return { program: PROGRAM_NAMES[ctx.program] ?? ctx.program, reference: applicationReference(ctx.applicationId) };
}

/**
 * Who hears of a task: whoever claimed it; else the person or organisation it is addressed to; else the
 * applicant for an applicant's task; else everyone holding one of its queues.
 */
export function taskRecipients(task: { role: string; queues: readonly string[]; assignee?: { kind: 'sub' | 'orgCode'; value: string } | null; claimedBy?: string | null }, applicantSub: string): Recipient[] {
  if (task.claimedBy) return [`user:${task.claimedBy}`];
  if (task.assignee?.kind === 'sub') return [`user:${task.assignee.value}`];
  if (task.assignee?.kind === 'orgCode') return [`org:${task.assignee.value}`];
  if (task.role === 'applicant') return [`user:${applicantSub}`];
  return task.queues.map((q) => `queue:${q}` as Recipient);
}

/**
 * Who an event concerns, and with what: applicants hear of their file's turns, staff of tasks for them or their
 * queue, experts of their panel invitations. Pure: the projection stores what this answers, once per recipient.
 */
export function notificationsFor(event: ApplicationEvent, ctx: NotificationContext): NotificationDraft[] {
  const base = applicationValues(ctx);
  const applicant: Recipient = `user:${ctx.applicantSub}`;
  const comment = (text?: string) => (text ? `说明：${text}。` : '');
  switch (event.type) {
    case 'ApplicationSubmitted':
      return [{ kind: 'submitted', recipient: applicant, values: base }];
    case 'SupplementRequested': {
      const items = event.data.items?.length ? event.data.items.map((item, i) => `${i + 1}. ${item.reason}`).join('\n') : event.data.comment;
      return [{ kind: 'supplement-requested', recipient: applicant, values: { ...base, deadline: chinaDate(event.data.dueAt), items } }];
    }
    case 'ApplicationApproved':
      return [{ kind: 'decided', recipient: applicant, values: { ...base, result: '通过', comment: comment(event.data.comment) } }];
    case 'ApplicationRejected':
      return [{ kind: 'decided', recipient: applicant, values: { ...base, result: '不予通过', comment: comment(event.data.comment) } }];
    case 'PaymentConfirmed':
      return [{ kind: 'paid', recipient: applicant, values: base }];
    case 'PublicNoticeOpened':
      return [{ kind: 'notice-opened', recipient: applicant, values: { ...base, closes: chinaDate(event.data.closesAt) } }];
    case 'ReconsiderationDecided':
      return [{ kind: 'reconsideration-decided', recipient: applicant, values: { ...base, result: event.data.outcome === 'overturn' ? '撤销原决定，重新办理' : '维持原决定', comment: comment(event.data.comment) } }];
    case 'TaskCreated': {
      const d = event.data;
      const values = taskNotification({ kind: d.kind, dueAt: d.dueAt }, ctx);
      const kind = d.candidates.role === 'expert' && d.candidates.assignee?.kind === 'sub' ? 'panel-invitation' : 'task-new';
      return taskRecipients(d.candidates, ctx.applicantSub).map((recipient) => ({ kind, recipient, values }));
    }
    default:
      return [];
  }
}

/** The message for a task about to fall due or escalated (the projection knows the task from the read model). */
export function taskNotification(task: { kind: string; dueAt: string }, ctx: { applicationId: string; program: string }): NotificationDraft['values'] {
  return { ...applicationValues(ctx), task: TASK_KIND_NAMES[task.kind] ?? task.kind, deadline: chinaDate(task.dueAt) };
}
