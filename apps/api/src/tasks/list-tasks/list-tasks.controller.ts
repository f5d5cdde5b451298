import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { TaskFilter, TaskListItem, TasksReadModel } from '../../read-models/tasks.read-model';
import { ListTasksQuery } from './list-tasks.request.dto';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class ListTasksController {
  constructor(private readonly tasks: TasksReadModel) {}

  @Get()
  @ApiOperation({ summary: "Tasks in the caller's queues and tasks assigned to the caller; open and claimed unless a status is given" })
  async list(@Query() q: ListTasksQuery, @CurrentUser() caller: Principal): Promise<{ items: TaskListItem[]; total: number }> {
    return this.tasks.list(caller, filterOf(q));
  }

  @Get('overdue')
  @ApiOperation({ summary: 'Open and claimed tasks past their due time, in the caller’s scope, most overdue first' })
  async overdue(@Query() q: ListTasksQuery, @CurrentUser() caller: Principal): Promise<{ items: TaskListItem[]; total: number }> {
    return this.tasks.list(caller, { ...filterOf(q), overdue: true, sort: q.sort ?? 'dueAt' });
  }
}

function filterOf(q: ListTasksQuery): TaskFilter {
  const flag = (v: string | undefined) => (v === undefined ? undefined : v === 'true');
  return {
    queue: q.queue,
    status: q.status,
    mine: q.mine === 'true',
    program: q.program,
    town: q.town,
    escalated: flag(q.escalated),
    overdue: q.overdue === 'true',
    sort: q.sort,
    page: q.page ?? 1,
    pageSize: q.pageSize ?? 50,
  };
}
