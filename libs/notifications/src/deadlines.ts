import { DataSource } from 'typeorm';
import { NotificationDraft, applicationValues, chinaDate, taskNotification, taskRecipients, workingCalendar, workingDaysBetween } from '#domain';
import { PublishedCalendars } from '#registries';
import { NotificationPolicies, notify } from './notification.projection';

/**
 * Notifications no event causes — a deadline coming: the applicant's 补正 deadline within the policy's working
 * days (default 3), a task due within a day. Keyed by the thing and its deadline, so scanning again (or from
 * two workers) sends each once; a deadline moved (clock paused) is a new one.
 */
export async function scanDeadlines(ds: DataSource, policies: NotificationPolicies, calendars: PublishedCalendars, now = new Date()): Promise<number> {
  const policy = await policies.current();
  const calendar = workingCalendar(await calendars.years());
  let sent = 0;
  const supplements = (await ds.query(
    `SELECT id, program, town, applicant_sub, state->'supplement'->>'dueAt' AS due FROM applications
     WHERE status = 'awaiting-supplement' AND (state->'supplement'->>'dueAt')::timestamptz > $1`,
    [now],
  )) as { id: string; program: string; town: string; applicant_sub: string; due: string }[];
  for (const a of supplements) {
    if (workingDaysBetween(now, a.due, calendar) > policy.reminderWorkingDays) continue;
    const draft: NotificationDraft = {
      kind: 'deadline-reminder',
      recipient: `user:${a.applicant_sub}`,
      values: { ...applicationValues({ applicationId: a.id, program: a.program }), deadline: chinaDate(a.due) },
    };
    if (await ds.transaction((m) => notify(m, policy, `reminder:${a.id}:${a.due}`, draft, { applicationId: a.id, town: a.town }))) sent += 1;
  }
  const tasks = (await ds.query(
    `SELECT t.task_id, t.application_id, t.program, t.town, t.kind, t.due_at, t.candidate_role, t.candidate_queues, t.assignee_kind, t.assignee_value, t.claimed_by, a.applicant_sub
     FROM tasks t JOIN applications a ON a.id = t.application_id
     WHERE t.status IN ('open', 'claimed') AND t.due_at > $1 AND t.due_at <= $1 + interval '1 day'`,
    [now],
  )) as {
    task_id: string;
    application_id: string;
    program: string;
    town: string;
    kind: string;
    due_at: Date;
    candidate_role: string;
    candidate_queues: string[];
    assignee_kind: 'sub' | 'orgCode' | null;
    assignee_value: string | null;
    claimed_by: string | null;
    applicant_sub: string;
  }[];
  for (const t of tasks) {
    const assignee = t.assignee_kind && t.assignee_value ? { kind: t.assignee_kind, value: t.assignee_value } : null;
    const recipients = taskRecipients({ role: t.candidate_role, queues: t.candidate_queues, assignee, claimedBy: t.claimed_by }, t.applicant_sub);
    const values = taskNotification({ kind: t.kind, dueAt: t.due_at.toISOString() }, { applicationId: t.application_id, program: t.program });
    for (const recipient of recipients) {
      const draft: NotificationDraft = { kind: 'task-due', recipient, values };
      if (await ds.transaction((m) => notify(m, policy, `task-due:${t.task_id}:${t.due_at.toISOString()}:${recipient}`, draft, { applicationId: t.application_id, town: t.town }))) sent += 1;
    }
  }
  return sent;
}
