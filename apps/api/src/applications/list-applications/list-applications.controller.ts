import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { CurrentUser } from '../../auth/auth.decorators';
import { Principal } from '../../auth/principal';
import { visibilityClause } from '../application-access';
import { ListApplicationsQuery } from './list-applications.request.dto';

export interface ApplicationListItem {
  id: string;
  program: string;
  status: string;
  stage: string;
  town: string;
  submittedAt: string;
  decidedAt?: string;
}

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ListApplicationsController {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Applications the caller may see, newest first; by program, status, town and submission time' })
  async list(@Query() q: ListApplicationsQuery, @CurrentUser() caller: Principal): Promise<{ items: ApplicationListItem[]; total: number }> {
    const params: unknown[] = [q.program ?? null, q.status ?? null, q.town ?? null, q.submittedFrom ?? null, q.submittedTo ?? null];
    const visible = visibilityClause(caller, 'a', params.length + 1);
    params.push(...visible.params);
    const where = `($1::text IS NULL OR a.program = $1) AND ($2::text IS NULL OR a.status = $2) AND ($3::text IS NULL OR a.town = $3)
      AND ($4::timestamptz IS NULL OR a.submitted_at >= $4) AND ($5::timestamptz IS NULL OR a.submitted_at < $5) AND ${visible.sql}`;
    const pageSize = q.pageSize ?? 20;
    const offset = ((q.page ?? 1) - 1) * pageSize;
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query(
        `SELECT a.id, a.program, a.status, a.stage, a.town, a.submitted_at, a.decided_at FROM applications a
         WHERE ${where} ORDER BY a.submitted_at DESC, a.id LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<{ id: string; program: string; status: string; stage: string; town: string; submitted_at: Date; decided_at: Date | null }[]>,
      this.ds.query(`SELECT count(*)::int AS total FROM applications a WHERE ${where}`, params) as Promise<{ total: number }[]>,
    ]);
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        program: r.program,
        status: r.status,
        stage: r.stage,
        town: r.town,
        submittedAt: r.submitted_at.toISOString(),
        ...(r.decided_at ? { decidedAt: r.decided_at.toISOString() } : {}),
      })),
    };
  }
}
