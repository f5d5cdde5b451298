import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DECIDED_STATUSES } from '#domain';
import { withdrawUpdate, ApplicationSummary } from '#workflows';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { ProblemException } from '../../problem/problem';
import { SafeText } from '../../validation/validators';
import { ApplicationAccess } from '../application-access';
import { ApplicationWorkflows } from '../application-workflows';

export class WithdrawApplicationRequest {
  @SafeText(1, 1000)
  reason!: string;
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class WithdrawApplicationController {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly workflows: ApplicationWorkflows,
  ) {}

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('applicant')
  @ApiOperation({ summary: 'Withdraw before the final decision (409 once decided)' })
  async withdraw(@Param('id') id: string, @Body() body: WithdrawApplicationRequest, @CurrentUser() caller: Principal): Promise<ApplicationSummary> {
    const row = await this.access.own(caller, id);
    if (DECIDED_STATUSES.includes(row.state.status)) {
      throw ProblemException.of(409, 'APPLICATION.ALREADY_DECIDED', `application is already ${row.state.status}`);
    }
    return this.workflows.handle(id).executeUpdate(withdrawUpdate, { args: [{ actor: { id: caller.sub, role: 'applicant' }, reason: body.reason }] });
  }
}
