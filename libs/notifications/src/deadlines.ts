import { DataSource } from 'typeorm';
import { NotificationDraft, Recipient, applicationReference, PROGRAM_NAMES, taskNotification, workingCalendar, workingDaysBetween, chinaDate } from '#domain';
import { PublishedCalendars } from '#registries';
import { NotificationPolicies, notify } from './notification.projection';

/**
 * Notifications no event causes — a deadline coming: the applicant's 补正 deadline within the policy's working
 * days (default 3), a task due within a day. Keyed by the thing and its deadline, so scanning again (or from
 * two workers) sends each once; a deadline moved (clock paused) is a new one.
 */
export async function scanDeadlines(ds: DataSource, policies: NotificationPolicies, calendars: PublishedCalendars, channels: readonly string[], now = new Date()): Promise<number> {
  const policy = await policies.current();
  const calendar = workingCalendar(await calendars.years());
  let sent = 0;
  const supplements = (await ds.query(
    `SELECT id, program, applicant_sub, state->'supplement'->>'dueAt' AS due FROM applications
     WHERE status = 'awaiting-supplement' AND (state->'supplement'->>'dueAt')::timestamptz > $1`,
    [now],
  )) as { id: string; program: string; applicant_sub: string; due: string }[];
  for (const a of supplements) {
    if (workingDaysBetween(now, a.due, calendar) > policy.reminderWorkingDays) continue;
    const draft: NotificationDraft = {
      kind: 'deadline-reminder',
      recipient: `user:${a.applicant_sub}`,
      values: { program: PROGRAM_NAMES[a.program] ?? a.program, reference: applicationReference(a.id), deadline: chinaDate(a.due) },
    };
    if (await ds.transaction((m) => notify(m, policy, channels, `reminder:${a.id}:${a.due}`, draft, { applicationId: a.id }))) sent += 1;
  }
  const tasks = (await ds.query(
    `SELECT task_id, application_id, program, kind, due_at, candidate_queues, assignee_kind, assignee_value, claimed_by FROM tasks
     WHERE status IN ('open', 'claimed') AND due_at > $1 AND due_at <= $1 + interval '1 day'`,
    [now],
  )) as { task_id: string; application_id: string; program: string; kind: string; due_at: Date; candidate_queues: string[]; assignee_kind: string | null; assignee_value: string | null; claimed_by: string | null }[];
  for (const t of tasks) {
    const recipients: Recipient[] = t.claimed_by
      ? [`user:${t.claimed_by}`]
      : t.assignee_kind === 'sub'
        ? [`user:${t.assignee_value}`]
        : t.assignee_kind === 'orgCode'
          ? [`org:${t.assignee_value}`]
          : t.candidate_queues.map((q) => `queue:${q}` as Recipient);
    const values = taskNotification({ kind: t.kind, dueAt: t.due_at.toISOString() }, { applicationId: t.application_id, program: t.program });
    for (const recipient of recipients) {
      const draft: NotificationDraft = { kind: 'task-due', recipient, values };
      if (await ds.transaction((m) => notify(m, policy, channels, `task-due:${t.task_id}:${t.due_at.toISOString()}:${recipient}`, draft, { applicationId: t.application_id }))) sent += 1;
    }
  }
  return sent;
}
