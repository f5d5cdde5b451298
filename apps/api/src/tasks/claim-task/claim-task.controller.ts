import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationSummary, claimTaskUpdate, releaseTaskUpdate } from '#workflows';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal, taskActor } from '../../auth/principal';
import { ApplicationWorkflows } from '../../applications/application-workflows';
import { TaskAccess, actingRole } from '../task-access';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class ClaimTaskController {
  constructor(
    private readonly tasks: TaskAccess,
    private readonly workflows: ApplicationWorkflows,
  ) {}

  @Post(':taskId/claim')
  @HttpCode(200)
  @ApiOperation({ summary: 'Claim a task (409 if someone else holds it or it is closed)' })
  async claim(@Param('taskId') taskId: string, @CurrentUser() caller: Principal): Promise<ApplicationSummary> {
    const task = await this.tasks.open(caller, taskId);
    return this.workflows.handle(task.application_id).executeUpdate(claimTaskUpdate, {
      args: [{ taskId, actor: taskActor(caller), role: actingRole(task) }],
    });
  }

  @Post(':taskId/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a task you hold (409 if someone else holds it)' })
  async release(@Param('taskId') taskId: string, @CurrentUser() caller: Principal): Promise<ApplicationSummary> {
    const task = await this.tasks.open(caller, taskId);
    return this.workflows.handle(task.application_id).executeUpdate(releaseTaskUpdate, {
      args: [{ taskId, actor: taskActor(caller), role: actingRole(task) }],
    });
  }
}
