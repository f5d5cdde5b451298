import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 技能补贴: a certificate is claimed by one application at a time, under the same per-person lock as
 * benefit_claims (two applications for one certificate at the same moment cannot both pass); social-insurance
 * rows say where the months were paid (region_code, 6 digits; none means the district); clawbacks keep what was
 * repaid, so the outstanding amount is reported.
 */
export class Procedure1764000006000 implements MigrationInterface {
  name = 'Procedure1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE skill_certificate_claims (
        application_id     uuid PRIMARY KEY,
        certificate_number text NOT NULL,
        id_number          text NOT NULL,
        claimed_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX skill_certificate_claims_certificate_idx ON skill_certificate_claims (certificate_number)`);
    await q.query(`ALTER TABLE registry_social_insurance ADD COLUMN region_code text`);
    await q.query(`ALTER TABLE metric_clawbacks ADD COLUMN repaid_fen bigint NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE metric_clawbacks DROP COLUMN repaid_fen`);
    await q.query(`ALTER TABLE registry_social_insurance DROP COLUMN region_code`);
    await q.query(`DROP TABLE skill_certificate_claims`);
  }
}
