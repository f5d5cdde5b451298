import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The subjects of people other than the applicant whose fields a stream seals (a top talent): found by an erasure
 * of that person. The applicant's subject stays on the stream head.
 */
export class StreamSubjects1764000017000 implements MigrationInterface {
  name = 'StreamSubjects1764000017000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stream_subjects (stream_id text NOT NULL, subject_id text NOT NULL, PRIMARY KEY (subject_id, stream_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stream_subjects`);
  }
}
