import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sealed personal fields (#18): each subject's data key, wrapped by a master key (never in clear here), with the
 * keyed hash of the person's ID number to find it by — both NULL once erased — and each application stream's
 * subject on its head, so later appends seal with the same key.
 */
export class Sealing1764000012000 implements MigrationInterface {
  name = 'Sealing1764000012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subject_keys (
        subject_id    text PRIMARY KEY,
        person_hmac   text,
        wrapped_key   bytea,
        master_key_id text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        erased_at     timestamptz
      )`);
    await q.query(`CREATE INDEX subject_keys_person_idx ON subject_keys (person_hmac) WHERE person_hmac IS NOT NULL`);
    await q.query(`ALTER TABLE streams ADD COLUMN subject_id text`);
    await q.query(`CREATE INDEX streams_subject_idx ON streams (subject_id) WHERE subject_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX streams_subject_idx`);
    await q.query(`ALTER TABLE streams DROP COLUMN subject_id`);
    await q.query(`DROP TABLE subject_keys`);
  }
}
