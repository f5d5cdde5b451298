import { MigrationInterface, QueryRunner } from 'typeorm';

/** The expert pool (POST /admin/experts) from which panels and committees are drawn, and benefit claims. */
export class Experts1764000004000 implements MigrationInterface {
  name = 'Experts1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE experts (
        id            text PRIMARY KEY,
        name          text NOT NULL,
        fields        text[] NOT NULL DEFAULT '{}',
        org_code      text,
        active        boolean NOT NULL DEFAULT true,
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // 不重复享受: the awards a person has claimed, one row per application, written under a per-person lock
    // together with the check, so two excluded awards for one person cannot both pass the check at once.
    await q.query(`
      CREATE TABLE benefit_claims (
        application_id uuid PRIMARY KEY,
        id_number      text NOT NULL,
        program        text NOT NULL,
        claimed_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX benefit_claims_person_idx ON benefit_claims (id_number, program)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE benefit_claims`);
    await q.query(`DROP TABLE experts`);
  }
}
