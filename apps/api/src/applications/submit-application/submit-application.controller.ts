import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Program, materialsOf, workflowIdOf } from '#domain';
import { canonicalHash } from '#event-store';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { PolicyRepository } from '../../policies/policy.repository';
import { FieldError, ProblemException } from '../../problem/problem';
import { assertValid, validateAs } from '../../problem/validation';
import { ApplicationsReadModel } from '../../read-models/applications.read-model';
import { idempotencyKeyProblem, idempotentId } from '../../validation/idempotency';
import { Documents } from '../../documents/documents';
import { ApplicationWorkflows } from '../application-workflows';
import { FORM_DTOS } from '../forms';
import { SubmitApplicationRequest, SubmitApplicationResponse } from './submit-application.request.dto';


@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class SubmitApplicationController {
  constructor(
    private readonly policies: PolicyRepository,
    private readonly workflows: ApplicationWorkflows,
    private readonly applications: ApplicationsReadModel,
    private readonly documents: Documents,
  ) {}

  @Post()
  @Roles('applicant')
  @ApiOperation({ summary: 'Submit an application; it is stored (first event) before this answers' })
  @ApiBody({ type: SubmitApplicationRequest })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key + same body → same application (200); other body → 409' })
  @ApiResponse({ status: 201, type: SubmitApplicationResponse })
  @ApiResponse({ status: 200, type: SubmitApplicationResponse, description: 'a repeat with the same Idempotency-Key' })
  async submit(
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentUser() caller: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubmitApplicationResponse> {
    const envelope = validateAs(SubmitApplicationRequest, body, '');
    const errors: FieldError[] = envelope.errors.map((e) => ({ ...e, path: e.path.replace(/^\./, '') }));
    const keyProblem = idempotencyKeyProblem(idempotencyKey);
    if (keyProblem) errors.push(keyProblem);
    const request = envelope.value;
    let form: Record<string, unknown> | undefined;
    const programValid = !envelope.errors.some((e) => e.path.replace(/^\./, '') === 'program');
    if (request && programValid) {
      const formDto = FORM_DTOS[request.program];
      if (!this.workflows.isOpen(request.program)) {
        errors.push({ path: 'program', message: `${request.program} is not open for applications yet` });
      } else if (request.form !== undefined) {
        const checked = validateAs(formDto, request.form, 'form');
        errors.push(...checked.errors);
        if (checked.errors.length === 0) form = JSON.parse(JSON.stringify(checked.value)) as Record<string, unknown>;
      }
    }
    const policy = request && programValid ? await this.policies.current(request.program) : null;
    if (policy && typeof request.town === 'string' && !policy.policy.towns.some((t) => t.code === request.town)) {
      errors.push({ path: 'town', message: `town must be one of: ${policy.policy.towns.map((t) => t.code).join(', ')}` });
    }
    const applicationId = idempotentId(caller.sub, idempotencyKey);
    const refs = request?.documents ?? [];
    const { problems, documents } =
      policy && !errors.some((e) => e.path.startsWith('documents')) ? await this.documents.references(materialsOf(request.program, policy.policy), refs, caller.sub, applicationId) : { problems: [], documents: [] };
    errors.push(...problems);
    assertValid(errors);
    if (!policy) throw ProblemException.of(409, 'POLICY.NOT_PUBLISHED', `no policy is in force for ${request.program}`);
    if (!caller.name || !caller.idNumber) {
      throw ProblemException.of(403, 'TOKEN.NO_IDENTITY', "the token carries no applicant identity (name, idNumber)");
    }

    if (request.program === 'top-talent' && !caller.orgCode) {
      throw ProblemException.of(403, 'TOKEN.NO_ORGANISATION', 'top-talent applications are submitted by the sponsoring organisation: the token carries no orgCode');
    }
    const program: Program = request.program;
    // The documents are part of what was submitted (a body without them hashes as before).
    const requestHash = canonicalHash({ program, town: request.town, form, ...(refs.length ? { documents: refs } : {}) });
    if (idempotencyKey) {
      const existing = await this.applications.submission(applicationId);
      if (existing) {
        if (existing.requestHash !== requestHash) throw reusedKey();
        void reply.status(200);
        return { id: applicationId, program, status: existing.status, workflowId: workflowIdOf(applicationId) };
      }
    }
    const receipt = await this.workflows.start({
      applicationId,
      program,
      town: request.town,
      form: form!,
      applicant: { sub: caller.sub, name: caller.name, idNumber: caller.idNumber, ...(caller.orgCode ? { orgCode: caller.orgCode } : {}) },
      requestHash,
      requestId: randomUUID(),
      policy,
      submittedBy: { id: caller.sub, role: 'applicant' },
      ...(documents.length ? { documents } : {}),
    });
    if (receipt.requestHash !== requestHash) throw reusedKey();
    void reply.status(receipt.created ? 201 : 200);
    return { id: receipt.id, program: receipt.program, status: receipt.status, workflowId: receipt.workflowId };
  }
}

function reusedKey(): ProblemException {
  return ProblemException.of(409, 'IDEMPOTENCY_KEY.REUSED', 'this Idempotency-Key was used with a different body');
}
