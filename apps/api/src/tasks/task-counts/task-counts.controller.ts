import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { taskScope } from '../task-queries';

export interface QueueCount {
  queue: string;
  open: number;
  claimed: number;
  overdue: number;
  escalated: number;
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TaskCountsController {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Get('counts')
  @ApiOperation({ summary: 'Backlog per queue in the caller’s scope: open, claimed, overdue, escalated' })
  async counts(@CurrentUser() caller: Principal): Promise<QueueCount[]> {
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
}
