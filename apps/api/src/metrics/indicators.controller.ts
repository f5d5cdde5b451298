import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IndicatorCommand, IndicatorEvent, IndicatorReport, IndicatorSpec, decideIndicator, evolveIndicator, indicatorRange, indicatorStreamId } from '#domain';
import { ChainVerdict, DATA_SOURCE, EVENT_STORE, EventStore, ProjectionRunner } from '#event-store';
import { IndicatorReportRow, indicatorReports } from '#metrics';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { Principal } from '../auth/principal';
import { ProblemException } from '../problem/problem';
import { idempotencyKeyProblem, idempotentId } from '../validation/idempotency';
import { IsYearSoFar, SafeText } from '../validation/validators';
import { AssessmentPolicies } from './assessment-policies';
import { ASSESSMENT_RUNNER } from './metrics.providers';

export class ReportIndicatorRequest {
  @ApiProperty({ example: '2026', description: 'the calendar year the figure is for (2020 to this year)' })
  @IsYearSoFar(2020)
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
    const reports = await indicatorReports(this.ds);
    return { items: policy.indicators.map((i) => ({ ...i, reports: reports.filter((r) => r.key === i.key) })) };
  }

  @Post(':key/reports')
  @Roles('reporter')
  @ApiOperation({ summary: "A department reports an indicator's figure for a year (its own department's indicators only)" })
  async report(
    @Param('key') key: string,
    @Body() body: ReportIndicatorRequest,
    @CurrentUser() caller: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<{ reportId: string }> {
    const spec = await this.indicator(key);
    if (spec.source !== 'report') throw ProblemException.of(409, 'INDICATOR.MEASURED', `${spec.name} is measured from the event log, not reported`);
    if (!caller.department || caller.department !== spec.department) {
      throw ProblemException.of(403, 'FORBIDDEN', `${spec.name} is reported by ${spec.department}`);
    }
    const [min, max] = indicatorRange(spec);
    if (body.value < min || body.value > max) throw ProblemException.validation([{ path: 'value', message: `${spec.name} (${spec.unit}) must be from ${min} to ${max}` }]);
    // A retried request with the same Idempotency-Key names the same report, which is then stored once.
    const keyProblem = idempotencyKeyProblem(idempotencyKey);
    if (keyProblem) throw ProblemException.validation([keyProblem]);
    const reportId = idempotentId(caller.sub, idempotencyKey, `indicator-report:${key}`);
    const existing = (await this.store.readStream<IndicatorEvent>(indicatorStreamId(key))).reduce(evolveIndicator, {})[reportId];
    if (existing) return { reportId };
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
    }, spec.policyVersion);
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
    const spec = await this.indicator(key);
    if (body.outcome === 'return' && !body.comment) throw ProblemException.validation([{ path: 'comment', message: 'say what is wrong to return a report' }]);
    const reports = await this.decideAndAppend(key, caller, { type: 'ReviewIndicatorReport', reportId, outcome: body.outcome, comment: body.comment ?? '', by: caller.sub }, spec.policyVersion);
    return { reportId, status: reports[reportId].status };
  }

  @Get(':key/verify')
  @Roles('auditor', 'admin', 'reviewer')
  @ApiOperation({ summary: "Verify the indicator stream's hash chain" })
  async verify(@Param('key') key: string): Promise<ChainVerdict> {
    await this.indicator(key);
    return this.store.verifyStream(indicatorStreamId(key));
  }

  private async indicator(key: string): Promise<IndicatorSpec & { policyVersion: number }> {
    const { version, policy } = await this.policies.current();
    const spec = policy.indicators.find((i) => i.key === key);
    if (!spec) throw ProblemException.notFound('indicator');
    return { ...spec, policyVersion: version };
  }

  /** Folds the stream, decides, appends at the version read (a concurrent writer makes it read and decide again). */
  private async decideAndAppend(key: string, caller: Principal, command: IndicatorCommand, policyVersion: number): Promise<Record<string, IndicatorReport>> {
    const streamId = indicatorStreamId(key);
    for (let attempt = 0; ; attempt += 1) {
      const events = await this.store.readStream<IndicatorEvent>(streamId);
      const state = events.reduce(evolveIndicator, {});
      const decided = decideIndicator(command, state);
      try {
        await this.store.append(
          streamId,
          events.length,
          decided.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata: { actor: { id: caller.sub, role: caller.roles[0] }, workflowId: 'none', policyVersion } })),
        );
        return decided.reduce(evolveIndicator, state);
      } catch (err) {
        if ((err as { code?: string }).code !== 'STREAM.WRONG_EXPECTED_VERSION' || attempt >= 3) throw err;
      }
    }
  }
}

