import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assessment facts' two running sums (time a file's clock was paused, money repaid on a clawback) remember the
 * stream version they have counted up to, so that applying an event twice adds nothing, like every other fact.
 */
export class IdempotentSums1764000014000 implements MigrationInterface {
  name = 'IdempotentSums1764000014000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE metric_applications ADD COLUMN paused_through_version int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE metric_clawbacks ADD COLUMN repaid_through_version int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE metric_clawbacks DROP COLUMN repaid_through_version`);
    await q.query(`ALTER TABLE metric_applications DROP COLUMN paused_through_version`);
  }
}
