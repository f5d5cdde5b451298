import { chinaYear } from '../calendar/working-days';
import { DomainError } from '../shared/domain-error';

/**
 * A department's figures for a Table 2 indicator: each report and each review is an event in the indicator's own
 * stream (`indicator-<key>`), hash-chained like an application's, so the assessment's figures can be audited.
 */
export type IndicatorEvent =
  | {
      type: 'IndicatorReported';
      data: { reportId: string; key: string; period: string; value: number; evidenceRef: string; note?: string; department: string; by: string };
    }
  | { type: 'IndicatorReportReviewed'; data: { reportId: string; outcome: 'accept' | 'return'; comment: string; by: string } };

export function indicatorStreamId(key: string): string {
  return `indicator-${key}`;
}

export const INDICATOR_STREAM = /^indicator-(.+)$/;

export interface IndicatorReport {
  reportId: string;
  period: string;
  value: number;
  evidenceRef: string;
  note?: string;
  department: string;
  by: string;
  status: 'submitted' | 'accepted' | 'returned';
  comment?: string;
  reviewedBy?: string;
}

export type IndicatorCommand =
  | { type: 'ReportIndicator'; reportId: string; key: string; period: string; value: number; evidenceRef: string; note?: string; department: string; by: string; now: string }
  | { type: 'ReviewIndicatorReport'; reportId: string; outcome: 'accept' | 'return'; comment: string; by: string };

export function evolveIndicator(reports: Record<string, IndicatorReport>, event: IndicatorEvent): Record<string, IndicatorReport> {
  if (event.type === 'IndicatorReported') {
    const { key: _key, ...d } = event.data;
    return { ...reports, [d.reportId]: { ...d, status: 'submitted' } };
  }
  const r = reports[event.data.reportId];
  if (!r) return reports;
  const status = event.data.outcome === 'accept' ? 'accepted' : 'returned';
  return { ...reports, [r.reportId]: { ...r, status, comment: event.data.comment, reviewedBy: event.data.by } };
}

/**
 * A report is for a past or the current calendar year (China time); the talent office reviews each report once,
 * and not its own (who reports may not accept: 审核分离).
 */
export function decideIndicator(command: IndicatorCommand, reports: Record<string, IndicatorReport>): IndicatorEvent[] {
  if (command.type === 'ReportIndicator') {
    const year = Number(command.period);
    const current = chinaYear(command.now);
    if (!/^\d{4}$/.test(command.period) || year < 2020 || year > current) {
      throw new DomainError('INDICATOR.INVALID', `period must be a year from 2020 to ${current}`, { errors: [{ path: 'period', message: `a year from 2020 to ${current} (no future years)` }] });
    }
    const { type: _type, now: _now, ...data } = command;
    return [{ type: 'IndicatorReported', data }];
  }
  const report = reports[command.reportId];
  if (!report) throw new DomainError('INDICATOR.REPORT_NOT_FOUND', `no report ${command.reportId} on this indicator`);
  if (report.status !== 'submitted') throw new DomainError('INDICATOR.ALREADY_REVIEWED', `this report was already ${report.status}`, { status: report.status });
  if (report.by === command.by) throw new DomainError('TASK.RECUSED', 'you made this report and may not review it (审核分离)');
  return [{ type: 'IndicatorReportReviewed', data: { reportId: command.reportId, outcome: command.outcome, comment: command.comment, by: command.by } }];
}
