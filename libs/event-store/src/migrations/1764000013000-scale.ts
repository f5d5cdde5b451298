import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads at scale (#19): the backlog (open and claimed tasks) gets partial indexes of its own, so a reviewer's queue,
 * the counts, "mine" and the deadline scans cost what is open, not five years of completed tasks; a queue's history
 * is read newest first from an index in that order.
 */
export class Scale1764000013000 implements MigrationInterface {
  name = 'Scale1764000013000';

  async up(q: QueryRunner): Promise<void> {
    const active = `WHERE status IN ('open', 'claimed')`;
    await q.query(`CREATE INDEX tasks_active_queues_idx ON tasks USING gin (candidate_queues) ${active}`);
    await q.query(`CREATE INDEX tasks_active_assignee_idx ON tasks (assignee_value) ${active} AND assignee_value IS NOT NULL`);
    await q.query(`CREATE INDEX tasks_active_claimed_idx ON tasks (claimed_by) ${active} AND claimed_by IS NOT NULL`);
    await q.query(`CREATE INDEX tasks_active_due_idx ON tasks (due_at) ${active}`);
    await q.query(`CREATE INDEX tasks_queue_created_idx ON tasks (queue, status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['tasks_queue_created_idx', 'tasks_active_due_idx', 'tasks_active_claimed_idx', 'tasks_active_assignee_idx', 'tasks_active_queues_idx']) await q.query(`DROP INDEX ${index}`);
  }
}
