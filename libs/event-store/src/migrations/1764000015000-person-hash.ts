import { MigrationInterface, QueryRunner } from 'typeorm';
import { ERASED_TEXT } from '#domain';
import { checkPiiKeys, personOf } from '../sealing/sealing';

/** [table, clear column, keyed-hash column, index on the hash, the old index on the number] */
const COLUMNS = [
  ['applications', 'applicant_id_number', 'applicant_person', 'applications_person_idx ON applications (applicant_person, program)', 'applications_person_idx'],
  ['benefit_claims', 'id_number', 'person', 'benefit_claims_person_idx ON benefit_claims (person, program)', 'benefit_claims_person_idx'],
  ['skill_certificate_claims', 'id_number', 'person', null, null],
] as const;

/**
 * The fingerprint of the PII keys' HMAC key (`pii_key_check`, see checkPiiKeys), then the ID numbers our own tables
 * compared in clear (the applications read model's duplicate checks, 不重复享受's
 * claims, a certificate's claims) are replaced by the keyed hash of the number (HMAC-SHA-256 under the PII keys'
 * HMAC key, the same one the subjects are found by). Equality still works; the number is not stored; an erasure
 * clears the hash. Existing rows are converted here, with this process's keys.
 */
export class PersonHash1764000015000 implements MigrationInterface {
  name = 'PersonHash1764000015000';

  async up(q: QueryRunner): Promise<void> {
    // The keys' fingerprint first: converting under keys the processes will not have would break every match.
    await q.query(`CREATE TABLE pii_key_check (one boolean PRIMARY KEY DEFAULT true CHECK (one), hmac_fingerprint text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`);
    await checkPiiKeys(q);
    for (const [table, clear, hashed, index, oldIndex] of COLUMNS) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN ${hashed} text`);
      // An erasure before this change left '[已删除]' in the read model: those stay without a hash.
      const numbers = ((await q.query(`SELECT DISTINCT ${clear} AS n FROM ${table} WHERE ${clear} <> $1`, [ERASED_TEXT])) as { n: string }[]).map((r) => r.n);
      for (let i = 0; i < numbers.length; i += 1000) {
        const batch = numbers.slice(i, i + 1000);
        await q.query(
          `UPDATE ${table} t SET ${hashed} = v.h FROM unnest($1::text[], $2::text[]) AS v(n, h) WHERE t.${clear} = v.n`,
          [batch, batch.map((n) => personOf(n))],
        );
      }
      // Claims of people erased before this change (that erasure did not reach the claim tables) get no hash either.
      if (table !== 'applications') {
        await q.query(
          `UPDATE ${table} t SET ${hashed} = NULL FROM streams s JOIN subject_keys k ON k.subject_id = s.subject_id
           WHERE s.stream_id = 'application-' || t.application_id AND k.erased_at IS NOT NULL`,
        );
      }
      if (oldIndex) await q.query(`DROP INDEX IF EXISTS ${oldIndex}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN ${clear}`);
      if (index) await q.query(`CREATE INDEX ${index}`);
    }
  }

  /**
   * Down cannot bring the numbers back (that is the point): the columns return as '[已删除]', so the older code's
   * duplicate checks match nothing until the rows are filled again from the log. Kept for tests that rebuild the
   * schema before this migration; not a way back in production.
   */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS pii_key_check`);
    for (const [table, clear, hashed, index, oldIndex] of [...COLUMNS].reverse()) {
      if (index) await q.query(`DROP INDEX IF EXISTS ${index.split(' ')[0]}`);
      await q.query(`ALTER TABLE ${table} ADD COLUMN ${clear} text NOT NULL DEFAULT '[已删除]'`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN ${clear} DROP DEFAULT`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN ${hashed}`);
      if (oldIndex) await q.query(`CREATE INDEX ${oldIndex} ON ${table} (${clear}, program)`);
    }
  }
}
