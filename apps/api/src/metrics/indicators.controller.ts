import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, Matches, Max, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IndicatorCommand, IndicatorEvent, IndicatorReport, IndicatorSpec, decideIndicator, evolveIndicator, indicatorStreamId } from '#domain';
import { ChainVerdict, DATA_SOURCE, EVENT_STORE, EventStore } from '#event-store';
import { ProjectionRunner } from '#metrics';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ProblemException } from '../problem/problem';
import { SafeText } from '../validation/validators';
import { AssessmentPolicies } from './assessment-policies';
import { ASSESSMENT_RUNNER } from './metrics.providers';

export class ReportIndicatorRequest {
  @ApiProperty({ example: '2026', description: 'the calendar year the figure is for (no future year)' })
  @Matches(/^\d{4}$/, { message: 'period must be a year, YYYY' })
  period!: string;
  @ApiProperty({ example: 3.42 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-1_000_000_000) @Max(1_000_000_000) value!: number;
  @ApiProperty({ example: '秀统〔2027〕5号', description: 'where the figure comes from (document number, statistical bulletin…)' }) @SafeText(1, 200) evidenceRef!: string;
  @ApiPropertyOptional() @IsOptional() @SafeText(1, 2000) note?: string;
}

export class ReviewIndicatorReportRequest {
  @ApiProperty({ enum: ['accept', 'return'] }) @IsIn(['accept', 'return']) outcome!: 'accept' | 'return';
  @ApiPropertyOptional({ description: 'required to return' }) @IsOptional() @SafeText(1, 2000) comment?: string;
}

/** The talent office reviews reports (审核): a reviewer holding its queue. */
const TALENT_OFFICE = 'talent-office';

interface IndicatorReportRow {
  reportId: string;
  key: string;
  period: string;
  value: number;
  evidenceRef: string;
  note: string | null;
  department: string;
  reportedBy: string;
  reportedAt: string;
  status: 'submitted' | 'accepted' | 'returned';
  reviewedBy: string | null;
  reviewedAt: string | null;
  comment: string | null;
}

/**
 * 指标填报: the departments report the Table 2 figures the programs cannot measure (role `reporter`, for the
 * indicators of the department its token names); the talent office accepts or returns each report. Every report
 * and review is an event in the indicator's stream (`indicator-<key>`), hash-chained like an application's.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(ASSESSMENT_RUNNER) private readonly runner: ProjectionRunner,
    private readonly policies: AssessmentPolicies,
  ) {}

  @Get()
  @Roles('reporter', 'reviewer', 'auditor', 'leadership', 'admin')
  @ApiOperation({ summary: 'The indicators of the assessment policy in force, with every report made on them' })
  async list(): Promise<{ items: (IndicatorSpec & { reports: IndicatorReportRow[] })[] }> {
    const { policy } = await this.policies.current();
    await this.runner.catchUp();
    const rows = (await this.ds.query(
      `SELECT report_id AS "reportId", key, period, value, evidence_ref AS "evidenceRef", note, department, reported_by AS "reportedBy",
              reported_at AS "reportedAt", status, reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", comment
       FROM metric_indicator_reports ORDER BY reported_at DESC`,
    )) as (IndicatorReportRow & { reportedAt: Date; reviewedAt: Date | null })[];
    const reports = rows.map((r) => ({ ...r, value: Number(r.value), reportedAt: new Date(r.reportedAt).toISOString(), reviewedAt: r.reviewedAt ? new Date(r.reviewedAt).toISOString() : null }));
    return { items: policy.indicators.map((i) => ({ ...i, reports: reports.filter((r) => r.key === i.key) })) };
  }

  @Post(':key/reports')
  @Roles('reporter')
  @ApiOperation({ summary: "A department reports an indicator's figure for a year (its own department's indicators only)" })
  async report(@Param('key') key: string, @Body() body: ReportIndicatorRequest, @CurrentUser() caller: Principal): Promise<{ reportId: string }> {
    const spec = await this.indicator(key);
    if (spec.source !== 'report') throw ProblemException.of(409, 'INDICATOR.MEASURED', `${spec.name} is measured from the event log, not reported`);
    if (!caller.department || caller.department !== spec.department) {
      throw ProblemException.of(403, 'FORBIDDEN', `${spec.name} is reported by ${spec.department}`);
    }
    const reportId = randomUUID();
    await this.decideAndAppend(key, caller, {
      type: 'ReportIndicator',
      reportId,
      key,
      period: body.period,
      value: body.value,
      evidenceRef: body.evidenceRef,
      ...(body.note ? { note: body.note } : {}),
      department: spec.department,
      by: caller.sub,
      now: new Date().toISOString(),
    });
    return { reportId };
  }

  @Post(':key/reports/:reportId/review')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({ summary: 'The talent office accepts a report (it counts) or returns it (it does not), with its comment' })
  async review(
    @Param('key') key: string,
    @Param('reportId') reportId: string,
    @Body() body: ReviewIndicatorReportRequest,
    @CurrentUser() caller: Principal,
  ): Promise<{ reportId: string; status: string }> {
    if (!caller.queues.includes(TALENT_OFFICE) && !caller.queues.includes(`${TALENT_OFFICE}-lead`)) {
      throw ProblemException.of(403, 'FORBIDDEN', 'indicator reports are reviewed by the talent office (区委人才办)');
    }
    await this.indicator(key);
    if (body.outcome === 'return' && !body.comment) throw ProblemException.validation([{ path: 'comment', message: 'say what is wrong to return a report' }]);
    const reports = await this.decideAndAppend(key, caller, { type: 'ReviewIndicatorReport', reportId, outcome: body.outcome, comment: body.comment ?? '', by: caller.sub });
    return { reportId, status: reports[reportId].status };
  }

  @Get(':key/verify')
  @Roles('auditor', 'admin', 'reviewer')
  @ApiOperation({ summary: "Verify the indicator stream's hash chain" })
  async verify(@Param('key') key: string): Promise<ChainVerdict> {
    await this.indicator(key);
    return this.store.verifyStream(indicatorStreamId(key));
  }

  private async indicator(key: string): Promise<IndicatorSpec> {
    const spec = (await this.policies.current()).policy.indicators.find((i) => i.key === key);
    if (!spec) throw ProblemException.notFound('indicator');
    return spec;
  }

  /** Folds the stream, decides, appends at the version read (a concurrent writer makes it read and decide again). */
  private async decideAndAppend(key: string, caller: Principal, command: IndicatorCommand): Promise<Record<string, IndicatorReport>> {
    const streamId = indicatorStreamId(key);
    for (let attempt = 0; ; attempt += 1) {
      const events = await this.store.readStream<IndicatorEvent>(streamId);
      const state = events.reduce(evolveIndicator, {});
      const decided = decideIndicator(command, state);
      try {
        await this.store.append(
          streamId,
          events.length,
          decided.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata: { actor: { id: caller.sub, role: caller.roles[0] }, workflowId: 'none', policyVersion: 0 } })),
        );
        return decided.reduce(evolveIndicator, state);
      } catch (err) {
        if ((err as { code?: string }).code !== 'STREAM.WRONG_EXPECTED_VERSION' || attempt >= 3) throw err;
      }
    }
  }
}
