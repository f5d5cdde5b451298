import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An erasure reaches the documents of the person's applications: their files are removed from storage (unless
 * another living document has the same content) and the register keeps that they were, with `erased_at`, so
 * verification reports them erased rather than tampered with.
 */
export class ErasedDocuments1764000016000 implements MigrationInterface {
  name = 'ErasedDocuments1764000016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents ADD COLUMN erased_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE documents DROP COLUMN erased_at`);
  }
}
