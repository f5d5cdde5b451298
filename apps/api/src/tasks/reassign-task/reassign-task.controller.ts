import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { ApplicationSummary, reassignTaskUpdate } from '#workflows';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal, taskActor } from '../../auth/principal';
import { ApplicationWorkflows } from '../../applications/application-workflows';
import { SafeText } from '../../validation/validators';
import { TaskAccess, actingRole } from '../task-access';

export class ReassignTaskRequest {
  @ApiProperty({ description: 'who takes the task (token sub)' }) @IsString() @Length(1, 128) @Matches(/^[A-Za-z0-9._:@-]+$/) assignee!: string;
  @ApiProperty() @SafeText(1, 500) reason!: string;
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class ReassignTaskController {
  constructor(
    private readonly tasks: TaskAccess,
    private readonly workflows: ApplicationWorkflows,
  ) {}

  @Post(':taskId/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: "The queue's lead hands a task to someone (403 for anyone else)" })
  async reassign(@Param('taskId') taskId: string, @Body() body: ReassignTaskRequest, @CurrentUser() caller: Principal): Promise<ApplicationSummary> {
    const task = await this.tasks.open(caller, taskId, { lead: true });
    return this.workflows.handle(task.application_id).executeUpdate(reassignTaskUpdate, {
      args: [{ taskId, actor: taskActor(caller), role: actingRole(task), to: body.assignee, reason: body.reason }],
    });
  }
}
