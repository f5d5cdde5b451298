import { Injectable } from '@nestjs/common';
import { isCandidate, isQueueLead, TaskState } from '#domain';
import { Principal, taskActor } from '../auth/principal';
import { ApplicationAccess } from '../applications/application-access';
import { ProblemException } from '../problem/problem';
import { TaskRow, TasksReadModel } from '../read-models/tasks.read-model';

export type { TaskRow } from '../read-models/tasks.read-model';

@Injectable()
export class TaskAccess {
  constructor(
    private readonly tasks: TasksReadModel,
    private readonly applications: ApplicationAccess,
  ) {}

  /**
   * The task, if the caller may act on it. A task on an application the caller cannot see is a 404; one they
   * can see but are not a candidate for is a 403.
   */
  async actionable(p: Principal, taskId: string, options: { lead?: boolean } = {}): Promise<TaskRow> {
    if (!/^[0-9a-f-]{36}$/i.test(taskId)) throw ProblemException.notFound('task');
    const row = await this.tasks.byId(taskId);
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
