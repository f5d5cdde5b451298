import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationState } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { Principal, hasRole, scopeQueues } from '../auth/principal';

/** A row of GET /applications. */
export interface ApplicationListItem {
  id: string;
  program: string;
  status: string;
  stage: string;
  town: string;
  submittedAt: string;
  decidedAt?: string;
}

export interface ApplicationFilter {
  program?: string;
  status?: string;
  town?: string;
  submittedFrom?: string;
  submittedTo?: string;
  page: number;
  pageSize: number;
}

/** One application with its folded state, as the application routes read it. */
export interface ApplicationRow {
  id: string;
  applicant_sub: string;
  status: string;
  state: ApplicationState;
}

const STAFF_ROLES = ['reviewer', 'expert', 'leadership', 'finance', 'employer'] as const;

/** The `applications` read model: every query the API asks of it, each within what the caller may see. */
@Injectable()
export class ApplicationsReadModel {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** The applications the caller may see, newest first, one page, with the total. */
  async list(caller: Principal, f: ApplicationFilter): Promise<{ items: ApplicationListItem[]; total: number }> {
    const params: unknown[] = [f.program ?? null, f.status ?? null, f.town ?? null, f.submittedFrom ?? null, f.submittedTo ?? null];
    const visible = visibilityClause(caller, 'a', params.length + 1);
    params.push(...visible.params);
    const where = `($1::text IS NULL OR a.program = $1) AND ($2::text IS NULL OR a.status = $2) AND ($3::text IS NULL OR a.town = $3)
      AND ($4::timestamptz IS NULL OR a.submitted_at >= $4) AND ($5::timestamptz IS NULL OR a.submitted_at < $5) AND ${visible.sql}`;
    const offset = (f.page - 1) * f.pageSize;
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query(
        `SELECT a.id, a.program, a.status, a.stage, a.town, a.submitted_at, a.decided_at FROM applications a
         WHERE ${where} ORDER BY a.submitted_at DESC, a.id LIMIT ${f.pageSize} OFFSET ${offset}`,
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

  /** The application if the caller may see it, else null (the caller answers 404, so existence never leaks). */
  async visible(caller: Principal, id: string): Promise<ApplicationRow | null> {
    const where = visibilityClause(caller, 'a', 2);
    const [row] = (await this.ds.query(`SELECT a.id, a.applicant_sub, a.status, a.state FROM applications a WHERE a.id = $1 AND ${where.sql}`, [
      id,
      ...where.params,
    ])) as ApplicationRow[];
    return row ?? null;
  }

  /** What a repeated submission (same Idempotency-Key) is compared with: the first one's request hash. */
  async submission(id: string): Promise<{ requestHash: string; status: string } | null> {
    const [row] = (await this.ds.query(`SELECT request_hash, status FROM applications WHERE id = $1`, [id])) as { request_hash: string; status: string }[];
    return row ? { requestHash: row.request_hash, status: row.status } : null;
  }
}

/**
 * Who may see an application (API.md): its applicant; staff holding or having held a task on it, or scoped to
 * one of its tasks' queues (and, when their token lists towns, only in those towns); auditors.
 */
function visibilityClause(p: Principal, alias: string, firstParam: number): { sql: string; params: unknown[] } {
  if (hasRole(p, 'auditor')) return { sql: 'TRUE', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  if (hasRole(p, 'applicant')) parts.push(`${alias}.applicant_sub = ${next(p.sub)}`);
  if (hasRole(p, ...STAFF_ROLES)) {
    const sub = next(p.sub);
    const queues = next(scopeQueues(p));
    const roles = next(p.roles);
    const assignees = next([p.sub, ...(p.orgCode ? [p.orgCode] : [])]);
    const towns = next(p.towns);
    parts.push(`(EXISTS (SELECT 1 FROM tasks t WHERE t.application_id = ${alias}.id AND (
        t.claimed_by = ${sub} OR t.completed_by = ${sub} OR t.assignee_value = ANY(${assignees}::text[])
        OR (t.assignee_value IS NULL AND t.candidate_queues && ${queues}::text[] AND t.candidate_role = ANY(${roles}::text[]))))
      AND (cardinality(${towns}::text[]) = 0 OR ${alias}.town = ANY(${towns}::text[])))`);
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}
