import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PROCEDURE_DEFAULTS, procedureOf } from '#domain';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { ApplicationAccess } from '../application-access';
import { PolicyRepository } from '../../policies/policy.repository';
import { ApplicationView, applicationView } from '../application.view';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class GetApplicationController {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly policies: PolicyRepository,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'One application, if the caller may see it (404 otherwise)' })
  @ApiResponse({ status: 200, type: ApplicationView })
  async get(@Param('id') id: string, @CurrentUser() caller: Principal): Promise<ApplicationView> {
    const row = await this.access.visible(caller, id);
    const policy = await this.policies.version(row.state.program, row.state.policyVersion);
    return applicationView(row.state, caller, policy ? procedureOf(policy.policy).maxReturns : PROCEDURE_DEFAULTS.maxReturns);
  }
}
