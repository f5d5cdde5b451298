import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationState } from '#domain';
import { DATA_SOURCE } from '#event-store';

export type Notice = NonNullable<ApplicationState['notice']>;

/** A notice as GET /notices lists it: only the masked summary the notice carries. */
export interface NoticeView {
  applicationId: string;
  program: string;
  town: string;
  scope: 'public' | 'employer-internal';
  summary: Notice['summary'];
  closesAt: string;
  objections: number;
}

/** 公示 in the `applications` read model (the notice columns, kept by the application projection). */
@Injectable()
export class NoticesReadModel {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** Open notices: every public one, and the internal ones of the caller's own employer; soonest closing first. */
  async open(orgCode: string | undefined): Promise<NoticeView[]> {
    const rows = (await this.ds.query(
      `SELECT id, program, town, state->'notice' AS notice FROM applications
       WHERE notice_open AND (notice_scope = 'public' OR employer_org_code = $1)
       ORDER BY notice_closes_at, id LIMIT 500`,
      [orgCode ?? null],
    )) as { id: string; program: string; town: string; notice: Notice }[];
    return rows.map((r) => ({
      applicationId: r.id,
      program: r.program,
      town: r.town,
      scope: r.notice.scope,
      summary: r.notice.summary,
      closesAt: r.notice.closesAt,
      objections: r.notice.objections.length,
    }));
  }

  /** Whether the application has a notice open that this caller may object to. */
  async openTo(applicationId: string, orgCode: string | undefined): Promise<boolean> {
    const [row] = (await this.ds.query(
      `SELECT 1 FROM applications WHERE id = $1 AND notice_open AND (notice_scope = 'public' OR employer_org_code = $2)`,
      [applicationId, orgCode ?? null],
    )) as unknown[];
    return row !== undefined;
  }
}
