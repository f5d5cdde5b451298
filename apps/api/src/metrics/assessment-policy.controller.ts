import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AssessmentPolicy, assessmentPolicyProblems } from '#domain';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { assertValid } from '../problem/validation';
import { AssessmentPolicies, PublishedAssessmentPolicy } from './assessment-policies';

/** The assessment policy (Table 2 indicators, budgets, index weights, departments), versioned like program policies. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/assessment-policy')
export class AssessmentPolicyController {
  constructor(private readonly policies: AssessmentPolicies) {}

  @Get()
  @Roles('admin', 'auditor', 'leadership')
  @ApiOperation({ summary: 'The assessment policy in force' })
  async current(): Promise<PublishedAssessmentPolicy> {
    return this.policies.current();
  }

  @Post()
  @Roles('admin')
  @ApiBody({ schema: { type: 'object' } })
  @ApiResponse({ status: 201, description: '{ version }' })
  @ApiOperation({ summary: 'Publish a new version of the assessment policy (the shape of GET `policy`, without `version`); every problem listed' })
  async publish(@Body() body: unknown, @CurrentUser() caller: Principal): Promise<{ version: number }> {
    assertValid(assessmentPolicyProblems(body));
    const { version: _version, ...document } = body as AssessmentPolicy;
    return { version: await this.policies.publish(document, caller.sub) };
  }
}
