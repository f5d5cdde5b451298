import { randomUUID } from 'node:crypto';
import { isolatedDatabase } from '#test/support/database';
import { ReadModelColumns1764000005000 } from './1764000005000-read-model-columns';

/** The migration that promotes filtered JSON fields to columns fills them for the rows that exist already. */
describe('migration: read-model columns', () => {
  it('fills employer, notice and escalation queue from the state stored before it', async () => {
    const db = await isolatedDatabase('migration_columns');
    try {
      const migration = new ReadModelColumns1764000005000();
      const runner = db.ds.createQueryRunner();
      await migration.down(runner);
      const [withNotice, plain, taskId] = [randomUUID(), randomUUID(), randomUUID()];
      const state = (id: string, extra: object) =>
        JSON.stringify({ id, form: {}, tasks: { [taskId]: { taskId, escalationQueue: 'talent-office-lead' } }, ...extra });
      const insert = (id: string, json: string) =>
        db.ds.query(
          `INSERT INTO applications (id, stream_id, program, status, stage, town, policy_version, applicant_sub, applicant_person,
                                     request_hash, submitted_at, version, state)
           VALUES ($1::uuid, 'application-' || $1::text, 'title-fast-track', 'public-notice', 'public-notice', 'wangdian', 1, 'u', 'keyed-hash',
                   'h', now(), 3, $2)`,
          [id, json],
        );
      await insert(withNotice, state(withNotice, { form: { employerOrgCode: '91330411MA2B12345X' }, notice: { scope: 'employer-internal', open: true, closesAt: '2026-12-03T16:00:00.000Z' } }));
      await insert(plain, JSON.stringify({ id: plain, form: {}, tasks: {} }));
      await db.ds.query(
        `INSERT INTO tasks (task_id, application_id, program, town, kind, stage, queue, candidate_role, candidate_queues, status, priority, created_at, due_at)
         VALUES ($1, $2, 'title-fast-track', 'wangdian', 'qualification-review', 'review', 'talent-office', 'reviewer', '{talent-office}', 'open', 0, now(), now())`,
        [taskId, withNotice],
      );

      await migration.up(runner);
      await runner.release();

      const rows = (await db.ds.query(`SELECT id, employer_org_code, notice_scope, notice_open, notice_closes_at FROM applications ORDER BY notice_open DESC`)) as {
        id: string;
        employer_org_code: string | null;
        notice_scope: string | null;
        notice_open: boolean;
        notice_closes_at: Date | null;
      }[];
      expect(rows).toEqual([
        { id: withNotice, employer_org_code: '91330411MA2B12345X', notice_scope: 'employer-internal', notice_open: true, notice_closes_at: new Date('2026-12-03T16:00:00.000Z') },
        { id: plain, employer_org_code: null, notice_scope: null, notice_open: false, notice_closes_at: null },
      ]);
      const [task] = (await db.ds.query(`SELECT escalation_queue FROM tasks WHERE task_id = $1`, [taskId])) as { escalation_queue: string | null }[];
      expect(task.escalation_queue).toBe('talent-office-lead');
    } finally {
      await db.drop();
    }
  });
});
