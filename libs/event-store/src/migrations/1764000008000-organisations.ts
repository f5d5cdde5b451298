import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stand-in enterprise registry (市场监管): organisations' registered names by USCC, so a 公示 names the sponsor
 * as registered rather than as the applicant typed it.
 */
export class Organisations1764000008000 implements MigrationInterface {
  name = 'Organisations1764000008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registry_organisations (
        org_code    text PRIMARY KEY,
        name        text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registry_organisations`);
  }
}
