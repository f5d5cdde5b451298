import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { decide } from '#domain';
import { ApplicationSummary, requestReconsiderationUpdate } from '#workflows';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { assertValid, validateAs } from '../../problem/validation';
import { SafeText } from '../../validation/validators';
import { ApplicationAccess } from '../application-access';
import { ApplicationWorkflows } from '../application-workflows';

export class ReconsiderationRequest {
  /** Why the decision should be looked at again (复核理由). */
  @SafeText(1, 2000)
  reason!: string;
}

/**
 * 复核: after a rejection or a stop, the applicant asks for the decision to be reconsidered, once, within the policy's
 * window; the program's lead queue decides (whoever took the decision is recused).
 */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class RequestReconsiderationController {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly workflows: ApplicationWorkflows,
  ) {}

  @Post(':id/reconsideration')
  @HttpCode(201)
  @Roles('applicant')
  @ApiBody({ type: ReconsiderationRequest })
  @ApiOperation({ summary: 'Ask for a rejection or stop to be reconsidered (复核), once, within the window; status becomes reconsidering' })
  async request(@Param('id') id: string, @Body() body: unknown, @CurrentUser() caller: Principal): Promise<{ application: Pick<ApplicationSummary, 'id' | 'status' | 'stage'> }> {
    const row = await this.access.own(caller, id);
    const request = validateAs(ReconsiderationRequest, body, '');
    assertValid(request.errors.map((e) => ({ ...e, path: e.path.replace(/^\./, '') })));
    // The decider's own rule, asked of the read model first: once the window passed the workflow has finished and
    // could not answer the update. A refusal is its DomainError (409 with its code); the events are not kept.
    decide({ type: 'RequestReconsideration', reason: request.value.reason, by: caller.sub, now: new Date().toISOString() }, row.state);
    const summary = await this.workflows.handle(id).executeUpdate(requestReconsiderationUpdate, {
      args: [{ actor: { id: caller.sub, role: 'applicant' }, reason: request.value.reason }],
    });
    return { application: { id: summary.id, status: summary.status, stage: summary.stage } };
  }
}
