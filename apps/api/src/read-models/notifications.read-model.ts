import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { maskContact } from '#notifications';
import { Principal, scopeQueues } from '../auth/principal';

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

/**
 * Everything addressed to the caller: to them, to their organisation's staff, and to the queues they may see
 * (a lead's includes the queue they lead) in the towns their token allows — the same scope as their task list.
 */
function addressedTo(p: Principal, alias: string, first: number): { sql: string; params: unknown[] } {
  const own = [`user:${p.sub}`, ...(p.orgCode && p.roles.includes('employer') ? [`org:${p.orgCode}`] : [])];
  const queues = scopeQueues(p).map((q) => `queue:${q}`);
  return {
    sql: `(${alias}.recipient = ANY($${first}) OR (${alias}.recipient = ANY($${first + 1}) AND (cardinality($${first + 2}::text[]) = 0 OR ${alias}.town = ANY($${first + 2}))))`,
    params: [own, queues, p.towns],
  };
}


@Injectable()
export class NotificationsReadModel {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async inbox(p: Principal, limit: number): Promise<{ items: InboxItem[]; unread: number }> {
    const mine = addressedTo(p, 'n', 3);
    const rows = (await this.ds.query(
      `SELECT n.id, n.kind, n.title, n.body, n.application_id, n.created_at, r.read_at FROM notifications n
       LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.sub = $1
       WHERE ${mine.sql} ORDER BY n.created_at DESC, n.id LIMIT $2`,
      [p.sub, limit, ...mine.params],
    )) as { id: string; kind: string; title: string; body: string; application_id: string | null; created_at: Date; read_at: Date | null }[];
    const counted = addressedTo(p, 'n', 2);
    const [{ unread }] = (await this.ds.query(
      `SELECT count(*)::int AS unread FROM notifications n
       WHERE ${counted.sql} AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.sub = $1)`,
      [p.sub, ...counted.params],
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
    const mine = addressedTo(p, 'n', 2);
    const [visible] = (await this.ds.query(`SELECT n.id FROM notifications n WHERE n.id = $1 AND ${mine.sql}`, [id, ...mine.params])) as { id: string }[];
    if (!visible) return null;
    const [row] = (await this.ds.query(
      `INSERT INTO notification_reads (notification_id, sub) VALUES ($1, $2) ON CONFLICT (notification_id, sub) DO UPDATE SET read_at = notification_reads.read_at RETURNING read_at`,
      [id, p.sub],
    )) as { read_at: Date }[];
    return { id, readAt: row.read_at.toISOString() };
  }

  /** Marks everything the caller has unread as read; answers how many. */
  async markAllRead(p: Principal): Promise<number> {
    const mine = addressedTo(p, 'n', 2);
    const rows = (await this.ds.query(
      `INSERT INTO notification_reads (notification_id, sub)
       SELECT n.id, $1 FROM notifications n WHERE ${mine.sql}
       ON CONFLICT (notification_id, sub) DO NOTHING RETURNING notification_id`,
      [p.sub, ...mine.params],
    )) as unknown[];
    return rows.length;
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
        address: maskContact(r.channel, r.address),
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
