import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PublishedPolicy, PROGRAMS, Program } from '#domain';
import { Roles } from '../../auth/auth.decorators';
import { ProblemException } from '../../problem/problem';
import { PolicyRepository } from '../../policies/policy.repository';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/policies')
export class PolicyVersionsController {
  constructor(private readonly policies: PolicyRepository) {}

  @Get(':program/versions')
  @ApiOperation({ summary: "Every published version of a program's policy, newest first (the first is the one in force)" })
  @ApiResponse({ status: 200, description: '[{ program, version, publishedAt, publishedBy, policy }]' })
  async versions(@Param('program') program: string): Promise<(PublishedPolicy & { publishedBy: string })[]> {
    if (!(PROGRAMS as readonly string[]).includes(program)) throw ProblemException.notFound('program');
    return this.policies.versions(program as Program);
  }
}
