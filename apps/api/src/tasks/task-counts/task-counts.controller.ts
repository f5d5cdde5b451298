import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { QueueCount, TasksReadModel } from '../../read-models/tasks.read-model';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TaskCountsController {
  constructor(private readonly tasks: TasksReadModel) {}

  @Get('counts')
  @ApiOperation({ summary: 'Backlog per queue in the caller’s scope: open, claimed, overdue, escalated' })
  async counts(@CurrentUser() caller: Principal): Promise<QueueCount[]> {
    return this.tasks.counts(caller);
  }
}
