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

/** How long a process trusts that a person's row is as their token says (another replica may have erased it). */
const SEEN_TTL_MS = 10 * 60_000;

/**
 * The people the system has seen: the contact details and queues their tokens carried the last time they called
 * the API (the identity provider is the directory; this keeps what notifications need). Written only when
 * something changed, so a request costs no write.
 */
export class People {
  /** What each person's token said when last written, and when: re-written after SEEN_TTL_MS even if unchanged. */
  private readonly seen = new Map<string, { fingerprint: string; at: number }>();

  constructor(private readonly ds: DataSource) {}

  async saw(p: PersonClaims): Promise<void> {
    const fingerprint = JSON.stringify([p.email ?? null, p.phone ?? null, [...p.roles].sort(), [...p.queues].sort(), [...p.towns].sort(), p.orgCode ?? null]);
    const last = this.seen.get(p.sub);
    if (last && last.fingerprint === fingerprint && Date.now() - last.at < SEEN_TTL_MS) return;
    await this.ds.query(
      `INSERT INTO people (sub, email, phone, roles, queues, towns, org_code, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (sub) DO UPDATE SET email = $2, phone = $3, roles = $4, queues = $5, towns = $6, org_code = $7, updated_at = now()`,
      [p.sub, p.email ?? null, p.phone ?? null, p.roles, p.queues, p.towns, p.orgCode ?? null],
    );
    if (this.seen.size > 10_000) this.seen.clear();
    this.seen.set(p.sub, { fingerprint, at: Date.now() });
  }

  /**
   * Erasure: forgets these people — their contact details, their inbox, and the addresses messages to them went
   * to (in the caller's transaction). A later login records them afresh (on another API replica within SEEN_TTL_MS).
   */
  async forget(m: EntityManager, subs: readonly string[]): Promise<void> {
    const recipients = subs.map((s) => `user:${s}`);
    const theirs = `SELECT id FROM notifications WHERE recipient = ANY($1)`;
    // Messages to them, and any other delivery to their addresses (as an organisation's or a queue's member).
    const contacts = (await m.query(`SELECT email, phone FROM people WHERE sub = ANY($1)`, [subs])) as { email: string | null; phone: string | null }[];
    const addresses = contacts.flatMap((c) => [c.email, c.phone]).filter((a): a is string => !!a);
    await m.query(`DELETE FROM notification_deliveries WHERE notification_id IN (${theirs}) OR address = ANY($2)`, [recipients, addresses]);
    await m.query(`DELETE FROM notification_reads WHERE notification_id IN (${theirs})`, [recipients]);
    await m.query(`DELETE FROM notifications WHERE recipient = ANY($1)`, [recipients]);
    await m.query(`DELETE FROM people WHERE sub = ANY($1)`, [subs]);
    for (const s of subs) this.seen.delete(s);
  }
}
