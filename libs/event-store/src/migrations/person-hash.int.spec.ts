import { randomUUID } from 'node:crypto';
import { isolatedDatabase } from '#test/support/database';
import { makeIdNumber } from '#test/support/fixtures';
import { rowsHolding } from '#test/support/database';
import { personOf } from '../sealing/sealing';
import { PersonHash1764000015000 } from './1764000015000-person-hash';

/** The migration that replaces clear ID numbers in our own tables by their keyed hash converts the rows there are. */
describe('migration: keyed hash instead of ID numbers', () => {
  it('converts the read model and both claim tables, and leaves no number behind', async () => {
    const db = await isolatedDatabase('migration_person_hash');
    try {
      const migration = new PersonHash1764000015000();
      const runner = db.ds.createQueryRunner();
      await migration.down(runner);
      const [one, two] = [makeIdNumber(), makeIdNumber()];
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      for (const [id, person] of [[a, one], [b, one], [c, two]] as const) {
        await db.ds.query(
          `INSERT INTO applications (id, stream_id, program, status, stage, town, policy_version, applicant_sub, applicant_id_number, request_hash, submitted_at, version, state)
           VALUES ($1::uuid, 'application-' || $1::text, 'skill-subsidy', 'completed', 'closed', 'wangdian', 1, 'u', $2, 'h', now(), 3, '{}')`,
          [id, person],
        );
        await db.ds.query(`INSERT INTO benefit_claims (application_id, id_number, program) VALUES ($1, $2, 'skill-subsidy')`, [id, person]);
        await db.ds.query(`INSERT INTO skill_certificate_claims (application_id, certificate_number, id_number) VALUES ($1, $2, $3)`, [id, `C-${id}`, person]);
      }

      // Someone erased before this change: the read model says [已删除]; their claims kept the clear number.
      const erased = randomUUID();
      const erasedNumber = makeIdNumber();
      await db.ds.query(
        `INSERT INTO applications (id, stream_id, program, status, stage, town, policy_version, applicant_sub, applicant_id_number, request_hash, submitted_at, version, state)
         VALUES ($1::uuid, 'application-' || $1::text, 'skill-subsidy', 'completed', 'closed', 'wangdian', 1, 'u', '[已删除]', 'h', now(), 3, '{}')`,
        [erased],
      );
      await db.ds.query(`INSERT INTO benefit_claims (application_id, id_number, program) VALUES ($1, $2, 'skill-subsidy')`, [erased, erasedNumber]);
      await db.ds.query(`INSERT INTO skill_certificate_claims (application_id, certificate_number, id_number) VALUES ($1, $2, $3)`, [erased, `C-${erased}`, erasedNumber]);
      await db.ds.query(`INSERT INTO subject_keys (subject_id, person_hmac, wrapped_key, master_key_id, erased_at) VALUES ($1, NULL, NULL, 'm', now())`, [`s-${erased}`]);
      await db.ds.query(`INSERT INTO streams (stream_id, version, head_hash, subject_id) VALUES ($1, 3, 'h', $2)`, [`application-${erased}`, `s-${erased}`]);

      await migration.up(runner);
      await runner.release();

      const people = async (sql: string) => ((await db.ds.query(sql)) as { id: string; person: string }[]).map((r) => [r.id, r.person]);
      const expected = [[a, personOf(one)], [b, personOf(one)], [c, personOf(two)], [erased, null]].sort();
      expect((await people(`SELECT id, applicant_person AS person FROM applications`)).sort()).toEqual(expected);
      expect((await people(`SELECT application_id AS id, person FROM benefit_claims`)).sort()).toEqual(expected);
      expect((await people(`SELECT application_id AS id, person FROM skill_certificate_claims`)).sort()).toEqual(expected);
      expect(await rowsHolding(db.ds, [one, two, erasedNumber], ['applications', 'benefit_claims', 'skill_certificate_claims'])).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
