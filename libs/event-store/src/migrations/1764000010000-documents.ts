import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded documents (申请材料): the file itself is stored by its SHA-256 (content-addressed, see DocumentStorage);
 * this row says who uploaded it, what it is, and which application references it (none yet: it expires after 24 h).
 */
export class Documents1764000010000 implements MigrationInterface {
  name = 'Documents1764000010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        document_id    uuid PRIMARY KEY,
        sha256         char(64) NOT NULL,
        bytes          bigint NOT NULL,
        type           text NOT NULL,
        name           text NOT NULL,
        uploaded_by    text NOT NULL,
        uploaded_at    timestamptz NOT NULL DEFAULT now(),
        application_id uuid
      )`);
    await q.query(`CREATE INDEX documents_unreferenced_idx ON documents (uploaded_at) WHERE application_id IS NULL`);
    await q.query(`CREATE INDEX documents_sha256_idx ON documents (sha256)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE documents`);
  }
}
