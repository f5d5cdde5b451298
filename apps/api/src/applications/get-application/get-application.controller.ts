import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PROCEDURE_DEFAULTS, materialsOf, missingMaterials, procedureOf, readableDocuments } from '#domain';
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
    const view = applicationView(row.state, caller, policy ? procedureOf(policy.policy).maxReturns : PROCEDURE_DEFAULTS.maxReturns);
    // 容缺受理: what the program asks for and the file does not have yet (the review may ask for it).
    const materials = policy ? materialsOf(row.state.program, policy.policy) : [];
    const missing = missingMaterials(materials, row.state.documents ?? []);
    const readable = readableDocuments(row.state, caller.sub);
    return {
      ...view,
      documents: readable.materials,
      ...(readable.attachments.length ? { attachments: readable.attachments } : {}),
      materials,
      missingMaterials: missing.map((m) => ({ key: m.key, name: m.name })),
    };
  }
}
