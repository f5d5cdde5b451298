import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApplicationEvent,
  NOTIFICATION_POLICY_KEY,
  NOTIFICATION_POLICY_V1,
  NotificationDraft,
  NotificationKind,
  NotificationPolicy,
  Recipient,
  StreamEvent,
  notificationsFor,
  renderNotification,
  taskNotification,
} from '#domain';
import { AsyncProjection, StoredEvent, newestVersion, publishVersion } from '#event-store';

const APPLICATION_STREAM = /^application-(.+)$/;

/** Kinds that also go out by SMS (to a phone the token carried): the ones with a deadline or a decision in them. */
const SMS_KINDS: readonly NotificationKind[] = ['supplement-requested', 'deadline-reminder', 'decided'];

/** The notification policy in force (templates are policy data); read at most every 30 s. */
export class NotificationPolicies {
  private cache: { at: number; policy: NotificationPolicy } | null = null;
  constructor(private readonly ds: DataSource) {}

  async current(): Promise<NotificationPolicy> {
    if (this.cache && Date.now() - this.cache.at < 30_000) return this.cache.policy;
    const row = await newestVersion<Omit<NotificationPolicy, 'version'>>(this.ds, NOTIFICATION_POLICY_KEY);
    const policy = row ? { ...row.document, version: row.version } : NOTIFICATION_POLICY_V1;
    this.cache = { at: Date.now(), policy };
    return policy;
  }

  /** Publishes the next version (the projection takes it within 30 s). */
  async publish(document: Omit<NotificationPolicy, 'version'>, by: string): Promise<number> {
    this.cache = null;
    return (await publishVersion(this.ds, NOTIFICATION_POLICY_KEY, document, by)).version;
  }
}

/**
 * Writes a notification once per recipient, keyed by what caused it (`dedupe_key`), with its e-mail and SMS
 * deliveries in the outbox — in the caller's transaction, so with the projection's checkpoint a restart repeats
 * nothing. Deliveries are queued whatever this worker can send: a worker with the channel sends them. Answers
 * whether it was new.
 */
export async function notify(
  m: EntityManager,
  policy: NotificationPolicy,
  dedupeKey: string,
  draft: NotificationDraft,
  about: { applicationId: string; town: string; position?: number },
): Promise<boolean> {
  const text = renderNotification(policy.templates[draft.kind], draft.values);
  const inserted = (await m.query(
    `INSERT INTO notifications (id, dedupe_key, kind, recipient, application_id, town, event_position, title, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [randomUUID(), dedupeKey, draft.kind, draft.recipient, about.applicationId, about.town, about.position ?? null, text.title, text.body],
  )) as { id: string }[];
  if (inserted.length === 0) return false;
  const people = await reachable(m, draft.recipient, about.town);
  const sms = SMS_KINDS.includes(draft.kind) && draft.recipient.startsWith('user:');
  for (const person of people) {
    if (person.email) await delivery(m, inserted[0].id, 'email', person.email);
    if (person.phone && sms) await delivery(m, inserted[0].id, 'sms', person.phone);
  }
  return true;
}

function delivery(m: EntityManager, notificationId: string, channel: string, address: string) {
  return m.query(`INSERT INTO notification_deliveries (notification_id, channel, address) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [notificationId, channel, address]);
}

/** The people a recipient stands for (a queue's: those whose towns include the application's), with the contact details their last token carried. */
function reachable(m: EntityManager, recipient: Recipient, town: string): Promise<{ email: string | null; phone: string | null }[]> {
  const [kind, ...rest] = recipient.split(':');
  const value = rest.join(':');
  if (kind === 'user') return m.query(`SELECT email, phone FROM people WHERE sub = $1`, [value]);
  if (kind === 'queue') return m.query(`SELECT email, phone FROM people WHERE $1 = ANY(queues) AND (cardinality(towns) = 0 OR $2 = ANY(towns)) ORDER BY sub`, [value, town]);
  return m.query(`SELECT email, phone FROM people WHERE org_code = $1 AND 'employer' = ANY(roles) ORDER BY sub`, [value]);
}

/**
 * Notifications from the event log: applicants hear of their file's turns, staff of new and escalated tasks,
 * experts of panel invitations (see `notificationsFor`). An asynchronous projection: the runner applies each
 * batch and moves its checkpoint in one transaction, and every notification is keyed by event and recipient.
 */
export class NotificationProjection implements AsyncProjection {
  readonly name = 'notifications';

  constructor(private readonly policies: NotificationPolicies) {}

  async reset(m: EntityManager): Promise<void> {
    // Notifications are messages already sent: a rebuild must not send them again. It only moves the checkpoint.
    void m;
  }

  async apply(m: EntityManager, stored: StoredEvent): Promise<void> {
    const match = APPLICATION_STREAM.exec(stored.streamId);
    if (!match) return;
    const applicationId = match[1];
    const event = stored as StreamEvent<ApplicationEvent>;
    const [app] = (await m.query(`SELECT program, applicant_sub, town FROM applications WHERE id = $1`, [applicationId])) as { program: string; applicant_sub: string; town: string }[];
    if (!app) return;
    const ctx = { applicationId, program: app.program, applicantSub: app.applicant_sub };
    const drafts = notificationsFor(event, ctx);
    if (event.type === 'TaskEscalated') {
      const [task] = (await m.query(`SELECT kind, due_at FROM tasks WHERE task_id = $1`, [event.data.taskId])) as { kind: string; due_at: Date }[];
      if (task) drafts.push({ kind: 'task-escalated', recipient: `queue:${event.data.toQueue}`, values: taskNotification({ kind: task.kind, dueAt: task.due_at.toISOString() }, ctx) });
    }
    if (drafts.length === 0) return;
    const policy = await this.policies.current();
    for (const draft of drafts) {
      await notify(m, policy, `event:${stored.position}:${draft.recipient}:${draft.kind}`, draft, { applicationId, town: app.town, position: stored.position });
    }
  }
}
