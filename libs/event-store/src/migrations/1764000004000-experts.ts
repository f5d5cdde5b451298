import { MigrationInterface, QueryRunner } from 'typeorm';

/** The expert pool (POST /admin/experts) from which panels and committees are drawn. */
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
    // 不重复享受 looks up other applications of the same person, whether applicant or sponsored talent.
    await q.query(`CREATE INDEX applications_talent_id_number_idx ON applications ((state->'form'->'talent'->>'idNumber'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_talent_id_number_idx`);
    await q.query(`DROP TABLE experts`);
  }
}
