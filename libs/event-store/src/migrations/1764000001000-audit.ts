import { MigrationInterface, QueryRunner } from 'typeorm';

/** Signed checkpoints over every stream's head, and the log of who read which file. Both append-only. */
export class Audit1764000001000 implements MigrationInterface {
  name = 'Audit1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_checkpoints (
        id            bigserial PRIMARY KEY,
        created_at    timestamptz NOT NULL,
        up_to_position bigint NOT NULL,
        stream_count  integer NOT NULL,
        event_count   bigint NOT NULL,
        merkle_root   char(64) NOT NULL,
        algorithm     text NOT NULL,
        signature     text NOT NULL,
        public_key    text NOT NULL,
        key_id        char(64) NOT NULL
      )`);
    await q.query(`
      CREATE TABLE audit_access_log (
        id             bigserial PRIMARY KEY,
        at             timestamptz NOT NULL DEFAULT now(),
        actor_id       text NOT NULL,
        actor_roles    text[] NOT NULL,
        action         text NOT NULL,
        application_id uuid,
        detail         jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX audit_access_log_application_idx ON audit_access_log (application_id, at)`);
    for (const table of ['audit_checkpoints', 'audit_access_log']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_access_log`);
    await q.query(`DROP TABLE IF EXISTS audit_checkpoints`);
  }
}
