import { Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { ProblemException } from '../../problem/problem';
import { RecordsAuditAccess } from '../access-log';
import { StoreVerifyJobs, VerifyJob } from './store-verify-jobs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whole-store verification that a page can follow: start a job, then poll its progress and result. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('auditor')
@UseInterceptors(RecordsAuditAccess)
@Controller('audit/verify-jobs')
export class VerifyStoreController {
  constructor(private readonly jobs: StoreVerifyJobs) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start verifying every stream and checkpoint in the background',
    description: 'Answers 202 { jobId, status, ... } at once; while a run is going, the same run is returned.',
  })
  @ApiResponse({ status: 202, description: '{ jobId, status: running, events, totalEvents, streams }' })
  start(@CurrentUser() caller: Principal): VerifyJob {
    return this.jobs.start(caller.sub);
  }

  @Get(':jobId')
  @ApiOperation({
    summary: 'Progress and, once finished, the result of a whole-store verification',
    description: '{ jobId, status: running|succeeded|failed, events, totalEvents, streams, result?: GET /audit/verify }',
  })
  get(@Param('jobId') jobId: string): VerifyJob {
    const job = UUID.test(jobId) ? this.jobs.get(jobId) : undefined;
    if (!job) throw ProblemException.notFound('verification job');
    return job;
  }
}
