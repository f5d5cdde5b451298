import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (#17). `people`: the contact details and queues the identity provider's tokens carried the last
 * time each person called the API (the system keeps no other directory of staff). `notifications`: one row per
 * event (or deadline) and recipient — a person (`user:<sub>`), a queue (`queue:<name>`: everyone holding it sees
 * it, within the towns their token allows) or an organisation (`org:<code>`) — unique by `dedupe_key`, so a projection that repeats a batch adds
 * nothing. `notification_reads`: who has read which. `notification_deliveries`: the outbox of e-mail and SMS,
 * one row per notification, channel and address, retried with backoff until sent or given up.
 */
export class Notifications1764000011000 implements MigrationInterface {
  name = 'Notifications1764000011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE people (
        sub        text PRIMARY KEY,
        email      text,
        phone      text,
        roles      text[] NOT NULL DEFAULT '{}',
        queues     text[] NOT NULL DEFAULT '{}',
        towns      text[] NOT NULL DEFAULT '{}',
        org_code   text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX people_queues_idx ON people USING gin (queues)`);
    await q.query(`CREATE INDEX people_org_idx ON people (org_code) WHERE org_code IS NOT NULL`);
    await q.query(`
      CREATE TABLE notifications (
        id             uuid PRIMARY KEY,
        dedupe_key     text NOT NULL UNIQUE,
        kind           text NOT NULL,
        recipient      text NOT NULL,
        application_id uuid,
        -- The application's town: staff whose token limits them to towns hear only of those.
        town           text,
        event_position bigint,
        title          text NOT NULL,
        body           text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_recipient_idx ON notifications (recipient, created_at DESC)`);
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id uuid NOT NULL REFERENCES notifications (id),
        sub             text NOT NULL,
        read_at         timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (notification_id, sub)
      )`);
    await q.query(`
      CREATE TABLE notification_deliveries (
        id              bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (id),
        channel         text NOT NULL,
        address         text NOT NULL,
        status          text NOT NULL DEFAULT 'pending',
        attempts        integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error      text,
        sent_at         timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        UNIQUE (notification_id, channel, address)
      )`);
    await q.query(`CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying', 'sending')`);
    await q.query(`CREATE INDEX notification_deliveries_status_idx ON notification_deliveries (status, created_at DESC)`);
    // Notifications start from now: the history before this migration is not announced to everyone at once.
    await q.query(
      `INSERT INTO projection_checkpoints (name, position) SELECT 'notifications', coalesce(max(position), 0) FROM events
       ON CONFLICT (name) DO NOTHING`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_deliveries`);
    await q.query(`DROP TABLE notification_reads`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE people`);
    await q.query(`DELETE FROM projection_checkpoints WHERE name = 'notifications'`);
  }
}
