import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PROCEDURE_DEFAULTS, materialsOf, missingMaterials, procedureOf, readableDocuments } from '#domain';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { ApplicationAccess } from '../application-access';
import { PolicyRepository } from '../../policies/policy.repository';
import { ApplicationView, applicationView } from '../application.view';
import { Documents } from '../../documents/documents';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class GetApplicationController {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly policies: PolicyRepository,
    private readonly documents: Documents,
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
    // Documents erased with their owner's personal data say so (the file is gone).
    const erased = await this.documents.erased([...readable.materials, ...readable.attachments].map((d) => d.documentId));
    const marked = <D extends { documentId: string }>(d: D) => (erased.has(d.documentId) ? { ...d, erased: true } : d);
    return {
      ...view,
      documents: readable.materials.map(marked),
      ...(readable.attachments.length ? { attachments: readable.attachments.map(marked) } : {}),
      materials,
      missingMaterials: missing.map((m) => ({ key: m.key, name: m.name })),
    };
  }
}
