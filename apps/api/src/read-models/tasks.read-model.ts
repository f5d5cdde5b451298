import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { Principal, scopeQueues } from '../auth/principal';

/** A row of a reviewer's queue (GET /tasks). */
export interface TaskListItem {
  taskId: string;
  applicationId: string;
  program: string;
  town: string;
  queue: string;
  kind: string;
  status: string;
  assignee: string | null;
  priority: number;
  createdAt: string;
  dueAt: string;
  escalated: boolean;
  overdue: boolean;
}

/** The backlog of one queue (GET /tasks/counts). */
export interface QueueCount {
  queue: string;
  open: number;
  claimed: number;
  overdue: number;
  escalated: number;
}

/** An open task whose deadline was counted on weekdays only (its year's arrangement not published then). */
export interface UncoveredTask {
  taskId: string;
  applicationId: string;
  program: string;
  kind: string;
  queue: string;
  dueAt: string;
}

/** What the task routes need to decide who may act on a task. */
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

export interface TaskFilter {
  queue?: string;
  status?: string;
  mine?: boolean;
  program?: string;
  town?: string;
  escalated?: boolean;
  overdue?: boolean;
  sort?: TaskSort;
  page: number;
  pageSize: number;
}

export const TASK_SORTS = ['dueAt', '-dueAt', 'priority', '-priority', 'createdAt', '-createdAt'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

const ORDER: Record<TaskSort, string> = {
  dueAt: 't.due_at ASC',
  '-dueAt': 't.due_at DESC',
  priority: 't.priority ASC, t.due_at ASC',
  '-priority': 't.priority DESC, t.due_at ASC',
  createdAt: 't.created_at ASC',
  '-createdAt': 't.created_at DESC',
};

/**
 * The `tasks` read model (kept by the application projection in the append's transaction): every query the API
 * asks of it, in one place.
 */
@Injectable()
export class TasksReadModel {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /**
   * The caller's queues and tasks, one page, with the total; open and claimed unless a status is asked for. The
   * open-and-claimed condition is written out (not chosen by a parameter) so the planner uses the partial indexes of
   * the backlog: the workbench costs what the backlog holds, not what five years of tasks do.
   */
  async list(caller: Principal, f: TaskFilter): Promise<{ items: TaskListItem[]; total: number }> {
    const scope = taskScope(caller);
    const params: unknown[] = [...scope.params, f.queue ?? null, f.status ?? null, f.mine === true, f.program ?? null, f.town ?? null, f.escalated ?? null, f.overdue === true];
    const where = `${scope.sql}
      AND ($6::text IS NULL OR t.queue = $6)
      AND ${f.status ? 't.status = $7' : `t.status IN ('open', 'claimed') AND $7::text IS NULL`}
      AND (NOT $8 OR t.claimed_by = $5 OR t.assignee_value = ANY($4::text[]))
      AND ($9::text IS NULL OR t.program = $9)
      AND ($10::text IS NULL OR t.town = $10)
      AND ($11::boolean IS NULL OR t.escalated = $11)
      AND (NOT $12 OR (t.due_at < now() AND t.status IN ('open', 'claimed')))`;
    const offset = (f.page - 1) * f.pageSize;
    const order = f.sort ? ORDER[f.sort] : 't.escalated DESC, t.priority DESC, t.due_at ASC';
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query(`SELECT t.*, t.due_at < now() AS overdue FROM tasks t WHERE ${where} ORDER BY ${order}, t.task_id LIMIT ${f.pageSize} OFFSET ${offset}`, params) as Promise<
        Record<string, unknown>[]
      >,
      this.ds.query(`SELECT count(*)::int AS total FROM tasks t WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return {
      total,
      items: rows.map((r) => ({
        taskId: r.task_id as string,
        applicationId: r.application_id as string,
        program: r.program as string,
        town: r.town as string,
        queue: r.queue as string,
        kind: r.kind as string,
        status: r.status as string,
        assignee: (r.claimed_by ?? r.assignee_value ?? null) as string | null,
        priority: r.priority as number,
        createdAt: (r.created_at as Date).toISOString(),
        dueAt: (r.due_at as Date).toISOString(),
        escalated: r.escalated as boolean,
        overdue: (r.overdue as boolean) && (r.status === 'open' || r.status === 'claimed'),
      })),
    };
  }

  /** Open and claimed tasks per queue in the caller's scope. */
  async counts(caller: Principal): Promise<QueueCount[]> {
    const scope = taskScope(caller);
    return (await this.ds.query(
      `SELECT t.queue,
              count(*) FILTER (WHERE t.status = 'open')::int AS open,
              count(*) FILTER (WHERE t.status = 'claimed')::int AS claimed,
              count(*) FILTER (WHERE t.due_at < now())::int AS overdue,
              count(*) FILTER (WHERE t.escalated)::int AS escalated
       FROM tasks t WHERE ${scope.sql} AND t.status IN ('open', 'claimed')
       GROUP BY t.queue ORDER BY t.queue`,
      scope.params,
    )) as QueueCount[];
  }

  /** Open tasks counted on weekdays only whose due year is still not published, soonest due first. */
  async uncovered(publishedYears: number[]): Promise<UncoveredTask[]> {
    const rows = (await this.ds.query(
      `SELECT task_id, application_id, program, kind, queue, due_at FROM tasks
       WHERE calendar_basis = 'weekday-fallback' AND status IN ('open', 'claimed')
         AND extract(year FROM due_at AT TIME ZONE 'Asia/Shanghai')::int <> ALL($1::int[])
       ORDER BY due_at, task_id LIMIT 500`,
      [publishedYears],
    )) as { task_id: string; application_id: string; program: string; kind: string; queue: string; due_at: Date }[];
    return rows.map((r) => ({ taskId: r.task_id, applicationId: r.application_id, program: r.program, kind: r.kind, queue: r.queue, dueAt: r.due_at.toISOString() }));
  }

  /** One task's candidates and state, whoever asks (the caller's rights are checked by TaskAccess). */
  async byId(taskId: string): Promise<TaskRow | null> {
    const [row] = (await this.ds.query(
      `SELECT task_id, application_id, kind, status, candidate_role, candidate_queues, assignee_kind, assignee_value,
              claimed_by, escalation_queue
       FROM tasks WHERE task_id = $1`,
      [taskId],
    )) as TaskRow[];
    return row ?? null;
  }
}

/**
 * The tasks a caller may see in their queues (candidate role + queue, within their towns when the token names
 * towns), plus tasks assigned to or claimed by them. A task addressed to one person or organisation (an expert's
 * scoring, an employer's confirmation) is theirs alone: holding its queue does not show it. Parameters start at $1.
 */
function taskScope(p: Principal): { sql: string; params: unknown[] } {
  const assignees = [p.sub, ...(p.orgCode ? [p.orgCode] : [])];
  return {
    sql: `((t.assignee_value IS NULL AND t.candidate_queues && $1::text[] AND t.candidate_role = ANY($2::text[]) AND (cardinality($3::text[]) = 0 OR t.town = ANY($3::text[])))
           OR t.assignee_value = ANY($4::text[]) OR t.claimed_by = $5)`,
    params: [scopeQueues(p), p.roles, p.towns, assignees, p.sub],
  };
}
