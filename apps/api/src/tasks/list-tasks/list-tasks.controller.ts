import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { taskScope } from '../task-queries';
import { ListTasksQuery } from './list-tasks.request.dto';

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

const ORDER: Record<string, string> = {
  dueAt: 't.due_at ASC',
  '-dueAt': 't.due_at DESC',
  priority: 't.priority ASC, t.due_at ASC',
  '-priority': 't.priority DESC, t.due_at ASC',
  createdAt: 't.created_at ASC',
  '-createdAt': 't.created_at DESC',
};

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class ListTasksController {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Get()
  @ApiOperation({ summary: "Tasks in the caller's queues and tasks assigned to the caller; open and claimed unless a status is given" })
  async list(@Query() q: ListTasksQuery, @CurrentUser() caller: Principal): Promise<{ items: TaskListItem[]; total: number }> {
    return this.query(q, caller);
  }

  @Get('overdue')
  @ApiOperation({ summary: 'Open and claimed tasks past their due time, in the caller’s scope, most overdue first' })
  async overdue(@Query() q: ListTasksQuery, @CurrentUser() caller: Principal): Promise<{ items: TaskListItem[]; total: number }> {
    return this.query({ ...q, overdue: 'true', sort: q.sort ?? 'dueAt' }, caller);
  }

  private async query(q: ListTasksQuery, caller: Principal): Promise<{ items: TaskListItem[]; total: number }> {
    const scope = taskScope(caller);
    const params: unknown[] = [...scope.params, q.queue ?? null, q.status ?? null, q.mine === 'true', q.program ?? null, q.town ?? null, q.escalated ?? null, q.overdue === 'true'];
    const where = `${scope.sql}
      AND ($6::text IS NULL OR t.queue = $6)
      AND (CASE WHEN $7::text IS NULL THEN t.status IN ('open', 'claimed') ELSE t.status = $7 END)
      AND (NOT $8 OR t.claimed_by = $5 OR t.assignee_value = ANY($4::text[]))
      AND ($9::text IS NULL OR t.program = $9)
      AND ($10::text IS NULL OR t.town = $10)
      AND ($11::text IS NULL OR t.escalated = ($11 = 'true'))
      AND (NOT $12 OR (t.due_at < now() AND t.status IN ('open', 'claimed')))`;
    const pageSize = q.pageSize ?? 50;
    const offset = ((q.page ?? 1) - 1) * pageSize;
    const order = q.sort ? ORDER[q.sort] : 't.escalated DESC, t.priority DESC, t.due_at ASC';
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query(`SELECT t.*, t.due_at < now() AS overdue FROM tasks t WHERE ${where} ORDER BY ${order}, t.task_id LIMIT ${pageSize} OFFSET ${offset}`, params) as Promise<
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
}
