import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsISO8601, IsOptional, Matches, MaxLength } from 'class-validator';
import { canonicalize } from 'json-canonicalize';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { PROGRAMS } from '#domain';
import { DATA_SOURCE, DocumentSignature, auditPublicKey, signDocument, verifyDocument, ProjectionRunner } from '#event-store';
import { AssessmentReport, assessmentReport } from '#metrics';
import { Public, Roles } from '../auth/auth.decorators';
import { ProblemException } from '../problem/problem';
import { IsYearSoFar } from '../validation/validators';
import { reportCsv, reportXlsx } from './assessment-export';
import { AssessmentPolicies } from './assessment-policies';
import { annualPdf, annualXlsx, reportFontPath } from './annual-report';
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

export class AnnualQuery {
  @ApiProperty({ example: 2026, description: 'a year that has begun (2021 on)' }) @Type(() => Number) @IsYearSoFar(2021) year!: number;
  @ApiPropertyOptional({ enum: ['json', 'xlsx', 'pdf'] }) @IsOptional() @IsIn(['json', 'xlsx', 'pdf']) format?: 'json' | 'xlsx' | 'pdf';
}

export class VerifyAnnualRequest {
  @ApiProperty({ description: 'the downloaded file (or, for JSON, the canonical JSON of `report`), base64' }) @IsBase64() @MaxLength(8_000_000) contentBase64!: string;
  @ApiProperty({ description: 'the X-Report-Signature header (or `signature.signature`)' }) @IsBase64() @MaxLength(200) signature!: string;
}

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' } as const;

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(ASSESSMENT_RUNNER) private readonly runner: ProjectionRunner,
    private readonly policies: AssessmentPolicies,
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

  @Get('assessment/annual')
  @ApiBearerAuth()
  @Roles('auditor', 'leadership', 'admin')
  @ApiProduces('application/json', CONTENT_TYPES.xlsx, CONTENT_TYPES.pdf)
  @ApiOperation({
    summary: '年度评估报告: the year\'s report (indicators with progress, programs, money vs budget, indices, department responsibilities)',
    description: 'Signed with the audit key: JSON carries `signature` over the canonical JSON of `report`; XLSX and PDF carry X-Report-Sha256, X-Report-Signature, X-Report-Key-Id.',
  })
  async annual(@Query() q: AnnualQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ year: number; report: AssessmentReport; signature: DocumentSignature } | Buffer> {
    const from = new Date(`${q.year}-01-01T00:00:00+08:00`).toISOString();
    const to = new Date(`${q.year + 1}-01-01T00:00:00+08:00`).toISOString();
    const report = await this.report({ from, to });
    const format = q.format ?? 'json';
    if (format === 'json') return { year: q.year, report, signature: signDocument(Buffer.from(canonicalize(report))) };
    let file: Buffer;
    if (format === 'pdf') {
      const font = reportFontPath();
      if (!font) throw ProblemException.of(503, 'UNAVAILABLE', 'the PDF needs a CJK font: install fonts-wqy-zenhei or set REPORT_FONT_PATH');
      file = await annualPdf(q.year, report, font);
    } else {
      file = await annualXlsx(q.year, report);
    }
    const signature = signDocument(file);
    void reply.header('content-type', CONTENT_TYPES[format]);
    void reply.header('content-disposition', `attachment; filename="annual-report-${q.year}.${format}"`);
    void reply.header('x-report-sha256', signature.sha256);
    void reply.header('x-report-signature', signature.signature);
    void reply.header('x-report-key-id', signature.keyId);
    return file;
  }

  @Post('assessment/annual/verify')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('auditor', 'leadership', 'admin')
  @ApiOperation({ summary: 'Check a copy of an annual report against its signature and the audit key' })
  async verifyAnnual(@Body() body: VerifyAnnualRequest): Promise<{ valid: boolean; sha256: string; keyId: string }> {
    const key = auditPublicKey();
    const verdict = verifyDocument(Buffer.from(body.contentBase64, 'base64'), body.signature, key.publicKey);
    return { ...verdict, keyId: key.keyId };
  }

  private async report(q: AssessmentQuery): Promise<AssessmentReport> {
    if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) throw ProblemException.validation([{ path: 'to', message: 'to must be after from' }]);
    // Read-your-writes for figures: apply what the log holds now before reporting.
    await this.runner.catchUp();
    const { policy } = await this.policies.current();
    return assessmentReport(this.ds, { from: q.from, to: q.to, program: q.program, town: q.town }, policy);
  }
}
