import { MigrationInterface, QueryRunner } from 'typeorm';

/** Facts the assessment projection keeps (rebuildable from the log), and projection checkpoints. */
export class Metrics1764000003000 implements MigrationInterface {
  name = 'Metrics1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE projection_checkpoints (name text PRIMARY KEY, position bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`
      CREATE TABLE metric_applications (
        id              uuid PRIMARY KEY,
        program         text NOT NULL,
        town            text NOT NULL,
        submitted_at    timestamptz NOT NULL,
        status          text NOT NULL,
        decision        text,
        decided_at      timestamptz,
        completed_at    timestamptz,
        approved_fen    bigint NOT NULL DEFAULT 0,
        skill_level     integer,
        paused_ms       bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX metric_applications_filter_idx ON metric_applications (program, town, submitted_at)`);
    await q.query(`
      CREATE TABLE metric_tasks (
        task_id          uuid PRIMARY KEY,
        application_id   uuid NOT NULL,
        queue            text NOT NULL,
        kind             text NOT NULL,
        stage            text NOT NULL,
        created_at       timestamptz NOT NULL,
        due_at           timestamptz NOT NULL,
        ended_at         timestamptz,
        outcome          text,
        escalated        boolean NOT NULL DEFAULT false,
        escalation_queue text
      )`);
    await q.query(`CREATE INDEX metric_tasks_application_idx ON metric_tasks (application_id)`);
    await q.query(`
      CREATE TABLE metric_payments (
        application_id uuid NOT NULL,
        payment_id     text NOT NULL,
        amount_fen     bigint NOT NULL,
        purpose        text NOT NULL,
        status         text NOT NULL,
        instructed_at  timestamptz NOT NULL,
        confirmed_at   timestamptz,
        PRIMARY KEY (application_id, payment_id)
      )`);
    await q.query(`
      CREATE TABLE metric_clawbacks (
        application_id uuid NOT NULL,
        claim_id       text NOT NULL,
        amount_fen     bigint NOT NULL,
        claimed_at     timestamptz NOT NULL,
        PRIMARY KEY (application_id, claim_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['metric_clawbacks', 'metric_payments', 'metric_tasks', 'metric_applications', 'projection_checkpoints']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
