import { DataSource } from 'typeorm';
import { NotificationChannel, maskContact } from './channels';

export interface OutboxOptions {
  /** First retry after this long; each further one waits twice as long (with jitter), up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts the delivery is given up (`failed`) and shows in the operators' log. */
  maxAttempts: number;
  /** A delivery being sent is leased this long: a sender that died mid-send leaves it to be tried again. */
  leaseMs: number;
  batchSize: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 12, leaseMs: 120_000, batchSize: 20 };

/** The wait before attempt `attempts + 1`: exponential, capped, with ±20 % jitter so retries do not march in step. */
export function retryDelayMs(attempts: number, o: Pick<OutboxOptions, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const plain = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(plain * (0.8 + 0.4 * random()));
}

interface Claimed {
  id: string;
  channel: string;
  address: string;
  attempts: number;
  title: string;
  body: string;
}

/**
 * Sends what the outbox holds. Deliveries are claimed one at a time with SKIP LOCKED (several workers share the
 * work) and leased for `leaseMs` — longer than a send can take (the SMTP timeouts are 10 + 10 + 20 s) — and the
 * outcome is written only if the row is still this claim's (`status = 'sending'` and the same attempt), so a
 * slow sender can never undo another's success. A failure never reaches a workflow: it is recorded and retried
 * with backoff. A crash between the server accepting a message and the row being marked sent means one repeat
 * after the lease, with the same Message-ID (at-least-once; SMTP offers nothing stronger).
 */
export class Outbox {
  constructor(
    private readonly ds: DataSource,
    private readonly channels: readonly NotificationChannel[],
    private readonly options: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
  ) {}

  /** Sends up to `batchSize` due deliveries, one claim at a time; answers how many were attempted. */
  async dispatchOnce(): Promise<number> {
    let attempted = 0;
    while (attempted < this.options.batchSize) {
      const row = await this.claim();
      if (!row) break;
      attempted += 1;
      const channel = this.channels.find((c) => c.name === row.channel)!;
      try {
        await channel.send({ id: `delivery-${row.id}`, to: row.address, subject: row.title, text: row.body });
        await this.ds.query(`UPDATE notification_deliveries SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND status = 'sending' AND attempts = $2`, [row.id, row.attempts]);
      } catch (err) {
        const givenUp = row.attempts >= this.options.maxAttempts;
        // The operators' log shows the error, never the full address (servers often quote the recipient).
        const error = String(err instanceof Error ? err.message : err).split(row.address).join(maskContact(row.channel, row.address)).slice(0, 500);
        await this.ds.query(
          `UPDATE notification_deliveries SET status = $2, last_error = $3, next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
           WHERE id = $1 AND status = 'sending' AND attempts = $5`,
          [row.id, givenUp ? 'failed' : 'retrying', error, retryDelayMs(row.attempts, this.options), row.attempts],
        );
      }
    }
    return attempted;
  }

  /** The next due delivery of a channel this outbox sends, leased to this caller (a lapsed lease is due again). */
  private async claim(): Promise<Claimed | undefined> {
    const reply = (await this.ds.query(
      `UPDATE notification_deliveries d SET status = 'sending', attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $1::double precision / 1000)
       FROM notifications n
       WHERE n.id = d.notification_id AND d.id = (
         SELECT id FROM notification_deliveries WHERE status IN ('pending', 'retrying', 'sending') AND next_attempt_at <= now() AND channel = ANY($2)
         ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.channel, d.address, d.attempts, n.title, n.body`,
      [this.options.leaseMs, this.channels.map((c) => c.name)],
    )) as [Claimed[], number];
    return reply[0][0];
  }
}
