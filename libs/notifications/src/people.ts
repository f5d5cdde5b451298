import { DataSource, EntityManager } from 'typeorm';

/** What a token says about how to reach its holder and which queues they work. */
export interface PersonClaims {
  sub: string;
  email?: string;
  phone?: string;
  roles: string[];
  queues: string[];
  towns: string[];
  orgCode?: string;
}

/**
 * The people the system has seen: the contact details and queues their tokens carried the last time they called
 * the API (the identity provider is the directory; this keeps what notifications need). Written only when
 * something changed, so a request costs no write.
 */
export class People {
  private readonly seen = new Map<string, string>();

  constructor(private readonly ds: DataSource) {}

  async saw(p: PersonClaims): Promise<void> {
    const fingerprint = JSON.stringify([p.email ?? null, p.phone ?? null, [...p.roles].sort(), [...p.queues].sort(), [...p.towns].sort(), p.orgCode ?? null]);
    if (this.seen.get(p.sub) === fingerprint) return;
    await this.ds.query(
      `INSERT INTO people (sub, email, phone, roles, queues, towns, org_code, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (sub) DO UPDATE SET email = $2, phone = $3, roles = $4, queues = $5, towns = $6, org_code = $7, updated_at = now()`,
      [p.sub, p.email ?? null, p.phone ?? null, p.roles, p.queues, p.towns, p.orgCode ?? null],
    );
    if (this.seen.size > 10_000) this.seen.clear();
    this.seen.set(p.sub, fingerprint);
  }

  /**
   * Erasure: forgets these people — their contact details, their inbox, and the addresses messages to them went
   * to (in the caller's transaction). A later login records them afresh.
   */
  async forget(m: EntityManager, subs: readonly string[]): Promise<void> {
    const recipients = subs.map((s) => `user:${s}`);
    const theirs = `SELECT id FROM notifications WHERE recipient = ANY($1)`;
    await m.query(`DELETE FROM notification_deliveries WHERE notification_id IN (${theirs})`, [recipients]);
    await m.query(`DELETE FROM notification_reads WHERE notification_id IN (${theirs})`, [recipients]);
    await m.query(`DELETE FROM notifications WHERE recipient = ANY($1)`, [recipients]);
    await m.query(`DELETE FROM people WHERE sub = ANY($1)`, [subs]);
    for (const s of subs) this.seen.delete(s);
  }
}
