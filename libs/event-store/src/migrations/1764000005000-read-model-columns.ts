import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fields the API filters on leave the folded JSON state for columns of their own (the read-model queries of
 * apps/api/src/read-models): a task's escalation queue, an application's employer, and its public notice.
 * Existing rows are filled from the state they already hold.
 */
export class ReadModelColumns1764000005000 implements MigrationInterface {
  name = 'ReadModelColumns1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tasks ADD COLUMN escalation_queue text`);
    await q.query(`
      ALTER TABLE applications
        ADD COLUMN employer_org_code text,
        ADD COLUMN notice_scope      text,
        ADD COLUMN notice_open       boolean NOT NULL DEFAULT false,
        ADD COLUMN notice_closes_at  timestamptz`);
    await q.query(`
      UPDATE tasks t SET escalation_queue = a.state->'tasks'->t.task_id::text->>'escalationQueue'
      FROM applications a WHERE a.id = t.application_id AND a.state->'tasks'->t.task_id::text ? 'escalationQueue'`);
    await q.query(`
      UPDATE applications SET
        employer_org_code = state->'form'->>'employerOrgCode',
        notice_scope      = state->'notice'->>'scope',
        notice_open       = coalesce((state->'notice'->>'open')::boolean, false),
        notice_closes_at  = (state->'notice'->>'closesAt')::timestamptz`);
    await q.query(`CREATE INDEX applications_open_notices_idx ON applications (notice_closes_at) WHERE notice_open`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX applications_open_notices_idx`);
    await q.query(`ALTER TABLE applications DROP COLUMN employer_org_code, DROP COLUMN notice_scope, DROP COLUMN notice_open, DROP COLUMN notice_closes_at`);
    await q.query(`ALTER TABLE tasks DROP COLUMN escalation_queue`);
  }
}
