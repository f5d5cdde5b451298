import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isCandidate, isQueueLead, TaskState } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { Principal, taskActor } from '../auth/principal';
import { ApplicationAccess } from '../applications/application-access';
import { ProblemException } from '../problem/problem';

export interface TaskRow {
  task_id: string;
  application_id: string;
  kind: string;
  status: string;
  candidate_role: string;
  candidate_queues: string[];
  assignee_kind: 'sub' | 'orgCode' | null;
  assignee_value: string | null;
  claimed_by: string | null;
  escalation_queue: string | null;
}

@Injectable()
export class TaskAccess {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly applications: ApplicationAccess,
  ) {}

  /**
   * The task, if the caller may act on it. A task on an application the caller cannot see is a 404; one they
   * can see but are not a candidate for is a 403.
   */
  async actionable(p: Principal, taskId: string, options: { lead?: boolean } = {}): Promise<TaskRow> {
    if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw ProblemException.notFound('task');
    const [row] = (await this.ds.query(
      `SELECT t.task_id, t.application_id, t.kind, t.status, t.candidate_role, t.candidate_queues, t.assignee_kind, t.assignee_value,
              t.claimed_by, a.state->'tasks'->t.task_id::text->>'escalationQueue' AS escalation_queue
       FROM tasks t JOIN applications a ON a.id = t.application_id WHERE t.task_id = $1`,
      [taskId],
    )) as TaskRow[];
    if (!row) throw ProblemException.notFound('task');
    await this.applications.visible(p, row.application_id);
    const candidates = {
      role: row.candidate_role,
      queues: row.candidate_queues,
      ...(row.assignee_kind && row.assignee_value ? { assignee: { kind: row.assignee_kind, value: row.assignee_value } } : {}),
    } as TaskState['candidates'];
    const task = { candidates, escalationQueue: row.escalation_queue ?? undefined } as TaskState;
    if (options.lead) {
      if (!isQueueLead(task, taskActor(p))) throw ProblemException.of(403, 'TASK.NOT_LEAD', "only the queue's lead may do this");
    } else if (!isCandidate(task, taskActor(p))) {
      throw ProblemException.of(403, 'TASK.NOT_CANDIDATE', 'you are not a candidate for this task');
    }
    return row;
  }

  /** As actionable, and still open or claimed: a closed task is a 409 without asking the workflow. */
  async open(p: Principal, taskId: string, options: { lead?: boolean } = {}): Promise<TaskRow> {
    const row = await this.actionable(p, taskId, options);
    if (row.status !== 'open' && row.status !== 'claimed') {
      throw ProblemException.of(409, 'TASK.NOT_OPEN', `task is ${row.status}`);
    }
    return row;
  }
}

/** The role a caller acts in on a task: the task's candidate role. */
export function actingRole(row: TaskRow): Principal['roles'][number] {
  return row.candidate_role as Principal['roles'][number];
}
