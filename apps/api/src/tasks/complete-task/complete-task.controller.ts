import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DocumentRef, TASK_ATTACHMENT, materialsOf, undeclaredFieldProblems } from '#domain';
import { completeTaskUpdate } from '#workflows';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal, taskActor } from '../../auth/principal';
import { ApplicationWorkflows } from '../../applications/application-workflows';
import { ProblemException } from '../../problem/problem';
import { idempotencyKeyProblem } from '../../validation/idempotency';
import { TaskAccess, actingRole } from '../task-access';
import { Documents } from '../../documents/documents';
import { PolicyRepository } from '../../policies/policy.repository';
import { ApplicationsReadModel } from '../../read-models/applications.read-model';
import { CompleteTaskRequest, completionFields } from './complete-task.request.dto';


@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class CompleteTaskController {
  constructor(
    private readonly tasks: TaskAccess,
    private readonly workflows: ApplicationWorkflows,
    private readonly documents: Documents,
    private readonly policies: PolicyRepository,
    private readonly applications: ApplicationsReadModel,
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
    if (undeclared.length > 0) throw ProblemException.validation(undeclared);
    const documents = body.documents?.length ? await this.attachments(task.application_id, body.documents, caller) : [];
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
    await this.documents.attach(task.application_id, documents.map((d) => d.documentId));
    return { application: { id: summary.id, status: summary.status, stage: summary.stage } };
  }

  /** The uploads a completion attaches: the caller's, of the program's materials or `evidence` (every problem listed). */
  private async attachments(applicationId: string, refs: { key: string; documentId: string }[], caller: Principal): Promise<DocumentRef[]> {
    const app = await this.applications.policyOf(applicationId);
    const policy = app ? await this.policies.version(app.program, app.policyVersion) : null;
    if (!app || !policy) throw ProblemException.notFound('application');
    const checked = await this.documents.references([...materialsOf(app.program, policy.policy), TASK_ATTACHMENT], refs, caller.sub, applicationId);
    if (checked.problems.length) throw ProblemException.validation(checked.problems);
    return checked.documents;
  }
}
