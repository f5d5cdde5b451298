import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { PROGRAMS } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { AssessmentReport, assessmentReport, ProjectionRunner } from '#metrics';
import { Public, Roles } from '../auth/auth.decorators';
import { ProblemException } from '../problem/problem';
import { reportCsv, reportXlsx } from './assessment-export';
import { ASSESSMENT_RUNNER } from './metrics.providers';

export class AssessmentQuery {
  @ApiPropertyOptional({ description: 'submitted at or after (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'submitted before (ISO-8601)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ enum: PROGRAMS }) @IsOptional() @IsIn(PROGRAMS) program?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-z0-9-]{1,64}$/) town?: string;
}

export class AssessmentExportQuery extends AssessmentQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'] }) @IsOptional() @IsIn(['csv', 'xlsx']) format?: 'csv' | 'xlsx';
}

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(ASSESSMENT_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Public()
  @Get()
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics (no auth)' })
  async prometheus(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    void reply.header('content-type', register.contentType);
    return register.metrics();
  }

  @Get('assessment')
  @ApiBearerAuth()
  @Roles('auditor', 'leadership', 'admin')
  @ApiOperation({ summary: '人才工作考核: flow, speed, money, plan indicators and the town index, from the event log' })
  async assessment(@Query() q: AssessmentQuery): Promise<AssessmentReport> {
    return this.report(q);
  }

  @Get('assessment/export')
  @ApiBearerAuth()
  @Roles('auditor', 'leadership', 'admin')
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The same report for the monthly report, as CSV or XLSX' })
  async export(@Query() q: AssessmentExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string | Buffer> {
    const { format = 'csv', ...filters } = q;
    const report = await this.report(filters);
    const stamp = report.generatedAt.slice(0, 10);
    void reply.header('content-disposition', `attachment; filename="assessment-${stamp}.${format}"`);
    if (format === 'xlsx') {
      void reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return reportXlsx(report);
    }
    void reply.header('content-type', 'text/csv; charset=utf-8');
    return reportCsv(report);
  }

  private async report(q: AssessmentQuery): Promise<AssessmentReport> {
    if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) throw ProblemException.validation([{ path: 'to', message: 'to must be after from' }]);
    // Read-your-writes for figures: apply what the log holds now before reporting.
    await this.runner.catchUp();
    return assessmentReport(this.ds, { from: q.from, to: q.to, program: q.program, town: q.town });
  }
}
