import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../../../../../libs/event-store/src/event-store.module';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { ListTasksQuery } from './list-tasks.request.dto';

export interface TaskListItem {
  taskId: string;
  applicationId: string;
  program: string;
  queue: string;
  kind: string;
  status: string;
  assignee: string | null;
  priority: number;
  createdAt: string;
  dueAt: string;
  escalated: boolean;
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class ListTasksController {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Get()
  @ApiOperation({ summary: "Tasks in the caller's queues and tasks assigned to the caller; open and claimed unless a status is given" })
  async list(@Query() q: ListTasksQuery, @CurrentUser() caller: Principal): Promise<{ items: TaskListItem[]; total: number }> {
    const assignees = [caller.sub, ...(caller.orgCode ? [caller.orgCode] : [])];
    const params: unknown[] = [caller.queues, caller.roles, assignees, caller.sub, q.queue ?? null, q.status ?? null, q.mine === 'true', caller.towns];
    const where = `
      ((t.candidate_queues && $1::text[] AND t.candidate_role = ANY($2::text[]) AND (cardinality($8::text[]) = 0 OR t.town = ANY($8::text[])))
        OR t.assignee_value = ANY($3::text[]) OR t.claimed_by = $4)
      AND ($5::text IS NULL OR t.queue = $5)
      AND (CASE WHEN $6::text IS NULL THEN t.status IN ('open', 'claimed') ELSE t.status = $6 END)
      AND (NOT $7 OR t.claimed_by = $4 OR t.assignee_value = ANY($3::text[]))`;
    const pageSize = q.pageSize ?? 50;
    const offset = ((q.page ?? 1) - 1) * pageSize;
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query(
        `SELECT t.* FROM tasks t WHERE ${where} ORDER BY t.escalated DESC, t.priority DESC, t.due_at, t.task_id LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<Record<string, never>[]>,
      this.ds.query(`SELECT count(*)::int AS total FROM tasks t WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return {
      total,
      items: rows.map((r: Record<string, unknown>) => ({
        taskId: r.task_id as string,
        applicationId: r.application_id as string,
        program: r.program as string,
        queue: r.queue as string,
        kind: r.kind as string,
        status: r.status as string,
        assignee: (r.claimed_by ?? r.assignee_value ?? null) as string | null,
        priority: r.priority as number,
        createdAt: (r.created_at as Date).toISOString(),
        dueAt: (r.due_at as Date).toISOString(),
        escalated: r.escalated as boolean,
      })),
    };
  }
}
