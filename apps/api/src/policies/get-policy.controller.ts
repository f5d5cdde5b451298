import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublishedPolicy, PROGRAMS, Program } from '#domain';
import { ProblemException } from '../problem/problem';
import { PolicyRepository } from './policy.repository';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class GetPolicyController {
  constructor(private readonly policies: PolicyRepository) {}

  @Get(':program')
  @ApiOperation({ summary: 'The policy version in force for a program' })
  async get(@Param('program') program: string): Promise<PublishedPolicy> {
    if (!(PROGRAMS as readonly string[]).includes(program)) throw ProblemException.notFound('program');
    const policy = await this.policies.current(program as Program);
    if (!policy) throw ProblemException.notFound('published policy for this program');
    return policy;
  }
}
