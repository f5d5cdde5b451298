import { DataSource } from 'typeorm';

export interface IndicatorReportRow {
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

/** Every department report on the indicators, newest first, as the assessment projection keeps them. */
export async function indicatorReports(ds: DataSource): Promise<IndicatorReportRow[]> {
  const rows = (await ds.query(
    `SELECT report_id AS "reportId", key, period, value, evidence_ref AS "evidenceRef", note, department, reported_by AS "reportedBy",
            reported_at AS "reportedAt", status, reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", comment
     FROM metric_indicator_reports ORDER BY reported_at DESC, report_id`,
  )) as (Omit<IndicatorReportRow, 'reportedAt' | 'reviewedAt'> & { reportedAt: Date; reviewedAt: Date | null })[];
  return rows.map((r) => ({ ...r, value: Number(r.value), reportedAt: r.reportedAt.toISOString(), reviewedAt: r.reviewedAt ? r.reviewedAt.toISOString() : null }));
}
