import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { DocumentRef, materialsOf } from '#domain';
import { ApplicationSummary, supplementUpdate } from '#workflows';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { ProblemException } from '../../problem/problem';
import { assertValid, validateAs } from '../../problem/validation';
import { SafeText } from '../../validation/validators';
import { ApplicationAccess } from '../application-access';
import { ApplicationWorkflows } from '../application-workflows';
import { FORM_DTOS } from '../forms';
import { Documents } from '../../documents/documents';
import { PolicyRepository } from '../../policies/policy.repository';
import { DocumentReferenceDto, DocumentReferences } from '../submit-application/submit-application.request.dto';

export class SupplementApplicationRequest {
  @SafeText(1, 2000)
  message!: string;

  /** The corrected form, whole; checked again like a new submission. */
  @IsOptional()
  @IsObject()
  form?: Record<string, unknown>;

  /** 一次性告知: the items of the return (numbered from 0, as listed) this supplement answers. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(49, { each: true })
  answers?: number[];

  @DocumentReferences(30, 'new versions of materials (uploads by key); the versions before stay in the history')
  documents?: DocumentReferenceDto[];
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class SupplementApplicationController {
  constructor(
    private readonly access: ApplicationAccess,
    private readonly workflows: ApplicationWorkflows,
    private readonly documents: Documents,
    private readonly policies: PolicyRepository,
  ) {}

  @Post(':id/supplement')
  @HttpCode(200)
  @Roles('applicant')
  @ApiBody({ type: SupplementApplicationRequest })
  @ApiOperation({ summary: 'Answer a return for supplement (补正) while awaiting-supplement' })
  async supplement(@Param('id') id: string, @Body() body: unknown, @CurrentUser() caller: Principal): Promise<ApplicationSummary> {
    const row = await this.access.own(caller, id);
    const request = validateAs(SupplementApplicationRequest, body, '');
    const errors = request.errors.map((e) => ({ ...e, path: e.path.replace(/^\./, '') }));
    let form: Record<string, unknown> | undefined;
    if (request.value?.form !== undefined && errors.length === 0) {
      const checked = validateAs(FORM_DTOS[row.state.program]!, request.value.form, 'form');
      errors.push(...checked.errors);
      if (checked.errors.length === 0) form = JSON.parse(JSON.stringify(checked.value)) as Record<string, unknown>;
    }
    let documents: DocumentRef[] = [];
    if (request.value?.documents?.length && !errors.some((e) => e.path.startsWith('documents'))) {
      const policy = await this.policies.version(row.state.program, row.state.policyVersion);
      if (!policy) throw ProblemException.notFound('policy version');
      const checked = await this.documents.references(materialsOf(row.state.program, policy.policy), request.value.documents, caller.sub, id);
      errors.push(...checked.problems);
      documents = checked.documents;
    }
    assertValid(errors);
    if (row.state.status !== 'awaiting-supplement') {
      throw ProblemException.of(409, 'APPLICATION.NOT_AWAITING_SUPPLEMENT', `application is ${row.state.status}`);
    }
    return this.workflows.handle(id).executeUpdate(supplementUpdate, {
      args: [
        {
          actor: { id: caller.sub, role: 'applicant' },
          message: request.value.message,
          ...(form ? { form } : {}),
          ...(request.value.answers?.length ? { answers: request.value.answers } : {}),
          ...(documents.length ? { documents } : {}),
        },
      ],
    });
  }
}
