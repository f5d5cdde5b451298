import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { decide } from '#domain';
import { ApplicationSummary, submitStatementUpdate } from '#workflows';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { assertValid, validateAs } from '../../problem/validation';
import { SafeText } from '../../validation/validators';
import { ApplicationAccess } from '../application-access';
import { ApplicationWorkflows } from '../application-workflows';

export class StatementRequest {
  /** 陈述申辩: what the applicant has to say about the finding before the office decides. */
  @SafeText(1, 4000)
  text!: string;
}

/** 陈述申辩: before a benefit is stopped, the applicant may reply to the finding once, within the window. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class SubmitStatementController {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly workflows: ApplicationWorkflows,
  ) {}

  @Post(':id/statement')
  @HttpCode(201)
  @Roles('applicant')
  @ApiBody({ type: StatementRequest })
  @ApiOperation({ summary: 'Reply to a proposed stop of the benefit (陈述申辩), once, before statementDueAt' })
  async submit(@Param('id') id: string, @Body() body: unknown, @CurrentUser() caller: Principal): Promise<{ application: Pick<ApplicationSummary, 'id' | 'status' | 'stage'> }> {
    const row = await this.access.own(caller, id);
    const request = validateAs(StatementRequest, body, '');
    assertValid(request.errors.map((e) => ({ ...e, path: e.path.replace(/^\./, '') })));
    // The decider's own rule, asked of the read model first (a refusal is its DomainError: 409 STATEMENT.NOT_OPEN).
    decide({ type: 'SubmitStatement', text: request.value.text, by: caller.sub, now: new Date().toISOString() }, row.state);
    const summary = await this.workflows.handle(id).executeUpdate(submitStatementUpdate, {
      args: [{ actor: { id: caller.sub, role: 'applicant' }, text: request.value.text }],
    });
    return { application: { id: summary.id, status: summary.status, stage: summary.stage } };
  }
}
