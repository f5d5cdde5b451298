import { Principal, scopeQueues } from '../auth/principal';

/**
 * The tasks a caller may see in their queues (candidate role + queue, within their towns when the token names
 * towns), plus tasks assigned to or claimed by them. A task addressed to one person or organisation (an expert's
 * scoring, an employer's confirmation) is theirs alone: holding its queue does not show it. Parameters start at $1.
 */
export function taskScope(p: Principal): { sql: string; params: unknown[] } {
  const assignees = [p.sub, ...(p.orgCode ? [p.orgCode] : [])];
  return {
    sql: `((t.assignee_value IS NULL AND t.candidate_queues && $1::text[] AND t.candidate_role = ANY($2::text[]) AND (cardinality($3::text[]) = 0 OR t.town = ANY($3::text[])))
           OR t.assignee_value = ANY($4::text[]) OR t.claimed_by = $5)`,
    params: [scopeQueues(p), p.roles, p.towns, assignees, p.sub],
  };
}
