import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TASK_ATTACHMENT, undeclaredFieldProblems } from '#domain';
import { completeTaskUpdate } from '#workflows';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal, taskActor } from '../../auth/principal';
import { ApplicationWorkflows } from '../../applications/application-workflows';
import { ProblemException } from '../../problem/problem';
import { idempotencyKeyProblem } from '../../validation/idempotency';
import { TaskAccess, actingRole } from '../task-access';
import { Documents } from '../../documents/documents';
import { CompleteTaskRequest, completionFields } from './complete-task.request.dto';


@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class CompleteTaskController {
  constructor(
    private readonly tasks: TaskAccess,
    private readonly workflows: ApplicationWorkflows,
    private readonly documents: Documents,
  ) {}

  @Post(':taskId/complete')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retried completion with the same key answers the same' })
  @ApiOperation({ summary: 'Complete a task; answers after the resulting events are stored' })
  async complete(
    @Param('taskId') taskId: string,
    @Body() body: CompleteTaskRequest,
    @CurrentUser() caller: Principal,
    @Headers('idempotency-key') requestId?: string,
  ): Promise<{ application: { id: string; status: string; stage: string } }> {
    const keyProblem = idempotencyKeyProblem(requestId);
    if (keyProblem) throw ProblemException.validation([keyProblem]);
    // A retry carrying the same key goes to the workflow even if the task is closed by now: Temporal answers a
    // repeated update id with the first answer, so the retry gets what the first request got.
    const task = requestId ? await this.tasks.actionable(caller, taskId) : await this.tasks.open(caller, taskId);
    const fields = completionFields(body);
    const undeclared = undeclaredFieldProblems(task.kind, fields, body.outcome);
    const attached = await this.documents.references([TASK_ATTACHMENT], body.documents ?? [], caller.sub, task.application_id);
    // Every failing field at once: the kind's fields and the attachments.
    if (undeclared.length + attached.problems.length > 0) throw ProblemException.validation([...undeclared, ...attached.problems]);
    const documents = attached.documents;
    const summary = await this.workflows.handle(task.application_id).executeUpdate(completeTaskUpdate, {
      ...(requestId ? { updateId: `complete:${taskId}:${caller.sub}:${requestId}` } : {}),
      args: [
        {
          taskId,
          actor: taskActor(caller),
          role: actingRole(task),
          outcome: body.outcome,
          ...(body.comment ? { comment: body.comment } : {}),
          fields,
          ...(documents.length ? { documents } : {}),
        },
      ],
    });
    return { application: { id: summary.id, status: summary.status, stage: summary.stage } };
  }

}
