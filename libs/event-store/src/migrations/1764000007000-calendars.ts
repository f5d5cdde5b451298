import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working days after the years the `chinese-days` data covers: the district publishes each year's arrangement
 * (POST /admin/calendars/:year); tasks remember which basis their deadline used, so the office sees the
 * deadlines counted on weekdays only (GET /admin/calendars/uncovered).
 */
export class Calendars1764000007000 implements MigrationInterface {
  name = 'Calendars1764000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calendars (
        year         integer PRIMARY KEY,
        holidays     date[] NOT NULL,
        workdays     date[] NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL
      )`);
    await q.query(`ALTER TABLE tasks ADD COLUMN calendar_basis text`);
    await q.query(`
      UPDATE tasks t SET calendar_basis = a.state->'tasks'->t.task_id::text->>'calendarBasis'
      FROM applications a WHERE a.id = t.application_id`);
    await q.query(`CREATE INDEX tasks_uncovered_idx ON tasks (due_at) WHERE calendar_basis = 'weekday-fallback' AND status IN ('open', 'claimed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tasks_uncovered_idx`);
    await q.query(`ALTER TABLE tasks DROP COLUMN calendar_basis`);
    await q.query(`DROP TABLE calendars`);
  }
}
