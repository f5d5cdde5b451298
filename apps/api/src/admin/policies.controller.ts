import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PolicyBase, policyProblems, PROGRAMS, Program } from '#domain';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { PolicyRepository } from '../policies/policy.repository';
import { ProblemException } from '../problem/problem';
import { assertValid } from '../problem/validation';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/policies')
export class PoliciesController {
  constructor(private readonly policies: PolicyRepository) {}

  @Post(':program')
  @Roles('admin')
  @ApiOperation({
    summary: 'Publish a new policy version',
    description:
      'The body has the shape of GET /policies/:program `policy`: every field of the reference policy, timers as ' +
      '{ workingDays } or { iso }. New applications take the new version; running ones keep theirs.',
  })
  @ApiBody({ schema: { type: 'object' } })
  @ApiResponse({ status: 201, description: '{ program, version }' })
  async publish(@Param('program') program: string, @Body() body: unknown, @CurrentUser() caller: Principal): Promise<{ program: Program; version: number }> {
    if (!(PROGRAMS as readonly string[]).includes(program)) throw ProblemException.notFound('program');
    assertValid(policyProblems(program as Program, body));
    const published = await this.policies.publish(program as Program, body as PolicyBase, caller.sub);
    return { program: published.program, version: published.version };
  }
}
