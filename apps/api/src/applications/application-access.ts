import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApplicationState } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { Principal, hasRole, scopeQueues } from '../auth/principal';
import { ProblemException } from '../problem/problem';

const STAFF_ROLES = ['reviewer', 'expert', 'leadership', 'finance', 'employer'] as const;

/**
 * Who may see an application (API.md): its applicant; staff holding or having held a task on it, or scoped to
 * one of its tasks' queues (and, when their token lists towns, only in those towns); auditors. Everyone else
 * gets a 404, so existence never leaks.
 */
export function visibilityClause(p: Principal, alias: string, firstParam: number): { sql: string; params: unknown[] } {
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

export interface ApplicationRow {
  id: string;
  applicant_sub: string;
  status: string;
  state: ApplicationState;
}

@Injectable()
export class ApplicationAccess {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** The application if the caller may see it; otherwise 404. */
  async visible(p: Principal, id: string): Promise<ApplicationRow> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw ProblemException.notFound('application');
    const where = visibilityClause(p, 'a', 2);
    const [row] = (await this.ds.query(
      `SELECT a.id, a.applicant_sub, a.status, a.state FROM applications a WHERE a.id = $1 AND ${where.sql}`,
      [id, ...where.params],
    )) as ApplicationRow[];
    if (!row) throw ProblemException.notFound('application');
    return row;
  }

  /** Visible and the caller's own; a visible application of someone else is a 403. */
  async own(p: Principal, id: string): Promise<ApplicationRow> {
    const row = await this.visible(p, id);
    if (row.applicant_sub !== p.sub || !hasRole(p, 'applicant')) {
      throw ProblemException.of(403, 'FORBIDDEN', 'only the applicant may do this');
    }
    return row;
  }
}
