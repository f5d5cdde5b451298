import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { Principal } from '../auth/principal';

/** A notification as the inbox shows it. */
export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  applicationId?: string;
  createdAt: string;
  readAt?: string;
}

/** A delivery as the operators' log shows it (the address masked: the log is not a contact list). */
export interface DeliveryView {
  id: string;
  notificationId: string;
  kind: string;
  channel: string;
  address: string;
  status: string;
  attempts: number;
  lastError?: string;
  nextAttemptAt: string;
  sentAt?: string;
  createdAt: string;
}

/** Everything addressed to the caller: to them, to a queue they hold, to their organisation's staff. */
function recipientsOf(p: Principal): string[] {
  return [`user:${p.sub}`, ...p.queues.map((q) => `queue:${q}`), ...(p.orgCode && p.roles.includes('employer') ? [`org:${p.orgCode}`] : [])];
}

export function maskAddress(channel: string, address: string): string {
  if (channel === 'sms') return `${address.slice(0, 3)}****${address.slice(-4)}`;
  const [local, domain] = address.split('@');
  return `${local.slice(0, 1)}***@${domain ?? ''}`;
}

@Injectable()
export class NotificationsReadModel {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async inbox(p: Principal, limit: number): Promise<{ items: InboxItem[]; unread: number }> {
    const recipients = recipientsOf(p);
    const rows = (await this.ds.query(
      `SELECT n.id, n.kind, n.title, n.body, n.application_id, n.created_at, r.read_at FROM notifications n
       LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.sub = $2
       WHERE n.recipient = ANY($1) ORDER BY n.created_at DESC, n.id LIMIT $3`,
      [recipients, p.sub, limit],
    )) as { id: string; kind: string; title: string; body: string; application_id: string | null; created_at: Date; read_at: Date | null }[];
    const [{ unread }] = (await this.ds.query(
      `SELECT count(*)::int AS unread FROM notifications n
       WHERE n.recipient = ANY($1) AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.sub = $2)`,
      [recipients, p.sub],
    )) as { unread: number }[];
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        ...(r.application_id ? { applicationId: r.application_id } : {}),
        createdAt: r.created_at.toISOString(),
        ...(r.read_at ? { readAt: r.read_at.toISOString() } : {}),
      })),
      unread,
    };
  }

  /** Marks it read for the caller (again: keeps the first time); null when it is not theirs to see. */
  async markRead(p: Principal, id: string): Promise<{ id: string; readAt: string } | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [visible] = (await this.ds.query(`SELECT id FROM notifications WHERE id = $1 AND recipient = ANY($2)`, [id, recipientsOf(p)])) as { id: string }[];
    if (!visible) return null;
    const [row] = (await this.ds.query(
      `INSERT INTO notification_reads (notification_id, sub) VALUES ($1, $2) ON CONFLICT (notification_id, sub) DO UPDATE SET read_at = notification_reads.read_at RETURNING read_at`,
      [id, p.sub],
    )) as { read_at: Date }[];
    return { id, readAt: row.read_at.toISOString() };
  }

  async deliveries(status: string | undefined, limit: number): Promise<{ items: DeliveryView[]; counts: Record<string, number> }> {
    const rows = (await this.ds.query(
      `SELECT d.*, n.kind FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
       WHERE ($1::text IS NULL OR d.status = $1) ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
      [status ?? null, limit],
    )) as { id: string; notification_id: string; kind: string; channel: string; address: string; status: string; attempts: number; last_error: string | null; next_attempt_at: Date; sent_at: Date | null; created_at: Date }[];
    const counts = (await this.ds.query(`SELECT status, count(*)::int AS n FROM notification_deliveries GROUP BY status`)) as { status: string; n: number }[];
    return {
      items: rows.map((r) => ({
        id: String(r.id),
        notificationId: r.notification_id,
        kind: r.kind,
        channel: r.channel,
        address: maskAddress(r.channel, r.address),
        status: r.status,
        attempts: r.attempts,
        ...(r.last_error ? { lastError: r.last_error } : {}),
        nextAttemptAt: r.next_attempt_at.toISOString(),
        ...(r.sent_at ? { sentAt: r.sent_at.toISOString() } : {}),
        createdAt: r.created_at.toISOString(),
      })),
      counts: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    };
  }
}
