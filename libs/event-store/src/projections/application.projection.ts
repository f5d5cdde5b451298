import { EntityManager } from 'typeorm';
import type { ApplicationEvent, StreamEvent } from '#domain';
import { ApplicationState, evolve } from '#domain';
import { InlineProjection, StoredEvent } from '../event-store';
import { personOf } from '../sealing/sealing';

const APPLICATION_STREAM = /^application-(.+)$/;

/**
 * Keeps the `applications` and `tasks` read models in the append's transaction, by folding the new events
 * with the same `evolve` the workflows use. The folded state is stored with the row, so each append costs one
 * read of one row, not a replay.
 */
export class ApplicationProjection implements InlineProjection {
  /** `person`: the keyed hash the row keeps instead of the applicant's ID number (duplicate checks, erasure). */
  constructor(private readonly person: (idNumber: string) => string = personOf) {}

  async apply(m: EntityManager, streamId: string, events: readonly StoredEvent[]): Promise<void> {
    if (!APPLICATION_STREAM.test(streamId)) return;
    let state: ApplicationState | null = null;
    if (events[0].version > 1) {
      const [row] = (await m.query(`SELECT state FROM applications WHERE stream_id = $1 FOR UPDATE`, [streamId])) as {
        state: ApplicationState;
      }[];
      if (!row) throw new Error(`read model for ${streamId} is missing`);
      state = row.state;
    }
    const touchedTasks = new Set<string>();
    const referenced: string[] = [];
    for (const event of events as readonly StreamEvent<ApplicationEvent>[]) {
      state = evolve(state, event);
      const data = event.data as { taskId?: unknown; documents?: { documentId: string }[] } | null;
      if (typeof data?.taskId === 'string') touchedTasks.add(data.taskId);
      for (const d of data?.documents ?? []) referenced.push(d.documentId);
    }
    // Uploads an event references belong to the application from the moment it is stored (they no longer expire).
    if (referenced.length) await m.query(`UPDATE documents SET application_id = $1 WHERE document_id = ANY($2::uuid[]) AND application_id IS NULL`, [state!.id, referenced]);
    if (events.some((e) => e.type === 'ApplicationWithdrawn' || e.type === 'ApplicationLapsed' || e.type === 'ApplicationRejected')) {
      for (const t of Object.values(state!.tasks)) if (t.status === 'cancelled') touchedTasks.add(t.taskId);
    }
    await this.saveApplication(m, streamId, state!);
    for (const taskId of touchedTasks) {
      if (state!.tasks[taskId]) await this.saveTask(m, state!, taskId);
    }
  }

  private async saveApplication(m: EntityManager, streamId: string, s: ApplicationState): Promise<void> {
    await m.query(
      `INSERT INTO applications (id, stream_id, program, status, stage, town, policy_version, applicant_sub,
                                 applicant_person, applicant_org_code, request_hash, submitted_at, decided_at,
                                 completed_at, version, state, employer_org_code, notice_scope, notice_open, notice_closes_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, stage = EXCLUDED.stage, decided_at = EXCLUDED.decided_at,
         completed_at = EXCLUDED.completed_at, version = EXCLUDED.version, state = EXCLUDED.state,
         employer_org_code = EXCLUDED.employer_org_code, notice_scope = EXCLUDED.notice_scope, notice_open = EXCLUDED.notice_open, notice_closes_at = EXCLUDED.notice_closes_at`,
      [
        s.id,
        streamId,
        s.program,
        s.status,
        s.stage,
        s.town,
        s.policyVersion,
        s.applicant.sub,
        this.person(s.applicant.idNumber),
        s.applicant.orgCode ?? null,
        s.requestHash,
        s.submittedAt,
        s.decidedAt ?? null,
        s.completedAt ?? null,
        s.version,
        JSON.stringify(s),
        employerOf(s),
        s.notice?.scope ?? null,
        s.notice?.open ?? false,
        s.notice?.closesAt ?? null,
      ],
    );
  }

  private async saveTask(m: EntityManager, s: ApplicationState, taskId: string): Promise<void> {
    const t = s.tasks[taskId];
    await m.query(
      `INSERT INTO tasks (task_id, application_id, program, town, kind, stage, queue, candidate_role, candidate_queues,
                          assignee_kind, assignee_value, status, claimed_by, priority, created_at, due_at, escalated,
                          outcome, completed_by, completed_at, escalation_queue, calendar_basis)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
       ON CONFLICT (task_id) DO UPDATE SET queue = EXCLUDED.queue, candidate_queues = EXCLUDED.candidate_queues,
         status = EXCLUDED.status, claimed_by = EXCLUDED.claimed_by, escalated = EXCLUDED.escalated,
         outcome = EXCLUDED.outcome, completed_by = EXCLUDED.completed_by, completed_at = EXCLUDED.completed_at`,
      [
        t.taskId,
        s.id,
        s.program,
        s.town,
        t.kind,
        t.stage,
        t.queue,
        t.candidates.role,
        t.candidates.queues,
        t.candidates.assignee?.kind ?? null,
        t.candidates.assignee?.value ?? null,
        t.status,
        t.claimedBy ?? null,
        t.priority,
        t.createdAt,
        t.dueAt,
        t.escalated,
        t.outcome ?? null,
        t.completedBy ?? null,
        t.completedAt ?? null,
        t.escalationQueue ?? null,
        t.calendarBasis ?? null,
      ],
    );
  }
}

/** The employer named in the form (degree doubling, title fast track), whose people see its internal notices. */
function employerOf(s: ApplicationState): string | null {
  return typeof s.form.employerOrgCode === 'string' ? s.form.employerOrgCode : null;
}
