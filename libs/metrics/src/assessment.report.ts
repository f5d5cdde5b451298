import { DataSource } from 'typeorm';
import { ASSESSMENT_POLICY_V1, AssessmentPolicy, departmentOf, XIUZHOU_TOWNS } from '#domain';

export interface ReportFilters {
  from?: string;
  to?: string;
  program?: string;
  town?: string;
}

export interface FlowCounts {
  submitted: number;
  approved: number;
  rejected: number;
  withdrawn: number;
  lapsed: number;
  inProgress: number;
}

export interface Spread {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface AssessmentReport {
  generatedAt: string;
  filters: ReportFilters;
  policyVersion: number;
  flow: {
    totals: FlowCounts;
    byProgram: Record<string, FlowCounts>;
    byTown: Record<string, FlowCounts>;
    byMonth: (FlowCounts & { month: string })[];
    byDepartment: { department: string; tasksCreated: number; tasksCompleted: number }[];
  };
  speed: {
    decision: Spread;
    byProgram: Record<string, Spread>;
    stages: (Spread & { kind: string; queue: string; department: string })[];
    overdue: { queue: string; department: string; overdue: number; escalated: number }[];
    backlog: { queue: string; department: string; open: number }[];
  };
  money: {
    byProgramYear: { program: string; year: number; committedFen: number; disbursedFen: number; clawedBackFen: number; clawbackOutstandingFen: number }[];
    byYear: { year: number; budgetFen: number | null; committedFen: number; disbursedFen: number; clawedBackFen: number; clawbackOutstandingFen: number; utilisation: number | null }[];
  };
  indicators: { key: string; name: string; unit: string; baseline: number; target: number; actual: number; progress: number }[];
  townIndex: { town: string; name: string; approvals: number; disbursedFen: number; medianDecisionHours: number | null; highSkill: number; index: number }[];
}

const round = (n: number | null, digits = 2) => (n === null || n === undefined ? null : Number(Number(n).toFixed(digits)));
const ZERO: FlowCounts = { submitted: 0, approved: 0, rejected: 0, withdrawn: 0, lapsed: 0, inProgress: 0 };

const FLOW_COLUMNS = `count(*)::int AS submitted,
  count(*) FILTER (WHERE a.decision = 'approved')::int AS approved,
  count(*) FILTER (WHERE a.decision = 'rejected')::int AS rejected,
  count(*) FILTER (WHERE a.decision = 'withdrawn')::int AS withdrawn,
  count(*) FILTER (WHERE a.decision = 'lapsed')::int AS lapsed,
  count(*) FILTER (WHERE a.decision IS NULL)::int AS "inProgress"`;

const HOURS = (from: string, to: string) => `extract(epoch FROM (${to} - ${from})) / 3600.0`;
const SPREAD = (expr: string) => `count(*)::int AS count,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY ${expr}) AS median,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY ${expr}) AS p90`;

function flow(row: Record<string, number>): FlowCounts {
  return { submitted: row.submitted, approved: row.approved, rejected: row.rejected, withdrawn: row.withdrawn, lapsed: row.lapsed, inProgress: row.inProgress };
}

function spread(row: { count: number; median: number | null; p90: number | null } | undefined): Spread {
  return row ? { count: row.count, medianHours: round(row.median), p90Hours: round(row.p90) } : { count: 0, medianHours: null, p90Hours: null };
}

/**
 * The assessment report (PROGRAMS.md, metrics), computed from the projection's facts, which come from the event
 * log alone. `from`/`to` bound the submission time for flow and speed, and the time money moved for money.
 */
export async function assessmentReport(ds: DataSource, filters: ReportFilters, policy: AssessmentPolicy = ASSESSMENT_POLICY_V1, now = new Date()): Promise<AssessmentReport> {
  const p = [filters.from ?? null, filters.to ?? null, filters.program ?? null, filters.town ?? null];
  const appWhere = `($1::timestamptz IS NULL OR a.submitted_at >= $1) AND ($2::timestamptz IS NULL OR a.submitted_at < $2)
    AND ($3::text IS NULL OR a.program = $3) AND ($4::text IS NULL OR a.town = $4)`;
  const q = <T>(sql: string, params: unknown[] = p) => ds.query(sql, params) as Promise<T[]>;

  const [totals] = await q<Record<string, number>>(`SELECT ${FLOW_COLUMNS} FROM metric_applications a WHERE ${appWhere}`);
  const byProgram = await q<Record<string, number> & { program: string }>(`SELECT a.program, ${FLOW_COLUMNS} FROM metric_applications a WHERE ${appWhere} GROUP BY a.program ORDER BY a.program`);
  const byTown = await q<Record<string, number> & { town: string }>(`SELECT a.town, ${FLOW_COLUMNS} FROM metric_applications a WHERE ${appWhere} GROUP BY a.town ORDER BY a.town`);
  const byMonth = await q<Record<string, number> & { month: string }>(
    `SELECT to_char(a.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, ${FLOW_COLUMNS} FROM metric_applications a WHERE ${appWhere} GROUP BY 1 ORDER BY 1`,
  );
  const taskRows = await q<{ queue: string; created: number; completed: number }>(
    `SELECT t.queue, count(*)::int AS created, count(*) FILTER (WHERE t.outcome IS NOT NULL AND t.outcome <> 'cancelled')::int AS completed
     FROM metric_tasks t JOIN metric_applications a ON a.id = t.application_id WHERE ${appWhere} GROUP BY t.queue`,
  );
  const departments = new Map<string, { department: string; tasksCreated: number; tasksCompleted: number }>();
  for (const r of taskRows) {
    const d = departmentOf(r.queue, policy);
    const entry = departments.get(d) ?? { department: d, tasksCreated: 0, tasksCompleted: 0 };
    entry.tasksCreated += r.created;
    entry.tasksCompleted += r.completed;
    departments.set(d, entry);
  }

  const decisionExpr = HOURS('a.submitted_at', 'a.decided_at');
  const [decision] = await q<{ count: number; median: number; p90: number }>(`SELECT ${SPREAD(decisionExpr)} FROM metric_applications a WHERE ${appWhere} AND a.decided_at IS NOT NULL`);
  const decisionByProgram = await q<{ program: string; count: number; median: number; p90: number }>(
    `SELECT a.program, ${SPREAD(decisionExpr)} FROM metric_applications a WHERE ${appWhere} AND a.decided_at IS NOT NULL GROUP BY a.program ORDER BY a.program`,
  );
  const stages = await q<{ kind: string; queue: string; count: number; median: number; p90: number }>(
    `SELECT t.kind, t.queue, ${SPREAD(HOURS('t.created_at', 't.ended_at'))}
     FROM metric_tasks t JOIN metric_applications a ON a.id = t.application_id
     WHERE ${appWhere} AND t.ended_at IS NOT NULL AND t.outcome <> 'cancelled' GROUP BY t.kind, t.queue ORDER BY t.kind, t.queue`,
  );
  const overdue = await q<{ queue: string; overdue: number; escalated: number }>(
    `SELECT t.queue, count(*) FILTER (WHERE coalesce(t.ended_at, $5::timestamptz) > t.due_at AND coalesce(t.outcome, '') <> 'cancelled')::int AS overdue,
            count(*) FILTER (WHERE t.escalated)::int AS escalated
     FROM metric_tasks t JOIN metric_applications a ON a.id = t.application_id WHERE ${appWhere} GROUP BY t.queue ORDER BY t.queue`,
    [...p, now.toISOString()],
  );
  const backlog = await q<{ queue: string; open: number }>(
    `SELECT t.queue, count(*)::int AS open FROM metric_tasks t JOIN metric_applications a ON a.id = t.application_id
     WHERE ${appWhere} AND t.ended_at IS NULL GROUP BY t.queue ORDER BY t.queue`,
  );

  const moneyWhere = (col: string) => `($1::timestamptz IS NULL OR ${col} >= $1) AND ($2::timestamptz IS NULL OR ${col} < $2) AND ($3::text IS NULL OR a.program = $3) AND ($4::text IS NULL OR a.town = $4)`;
  const year = (col: string) => `extract(year FROM ${col} AT TIME ZONE 'Asia/Shanghai')::int`;
  const money = await q<{ program: string; year: number; kind: string; fen: string }>(
    `SELECT a.program, ${year('a.decided_at')} AS year, 'committed' AS kind, sum(a.approved_fen)::bigint AS fen FROM metric_applications a
       WHERE a.decision = 'approved' AND ${moneyWhere('a.decided_at')} GROUP BY 1, 2
     UNION ALL
     SELECT a.program, ${year('pay.confirmed_at')}, 'disbursed', sum(pay.amount_fen)::bigint FROM metric_payments pay JOIN metric_applications a ON a.id = pay.application_id
       WHERE pay.status = 'confirmed' AND ${moneyWhere('pay.confirmed_at')} GROUP BY 1, 2
     UNION ALL
     SELECT a.program, ${year('c.claimed_at')}, 'clawedBack', sum(c.amount_fen)::bigint FROM metric_clawbacks c JOIN metric_applications a ON a.id = c.application_id
       WHERE ${moneyWhere('c.claimed_at')} GROUP BY 1, 2
     UNION ALL
     SELECT a.program, ${year('c.claimed_at')}, 'clawbackOutstanding', sum(c.amount_fen - c.repaid_fen)::bigint FROM metric_clawbacks c JOIN metric_applications a ON a.id = c.application_id
       WHERE ${moneyWhere('c.claimed_at')} GROUP BY 1, 2`,
  );
  const programYears = new Map<string, { program: string; year: number; committedFen: number; disbursedFen: number; clawedBackFen: number; clawbackOutstandingFen: number }>();
  for (const r of money) {
    const key = `${r.program}:${r.year}`;
    const entry = programYears.get(key) ?? { program: r.program, year: r.year, committedFen: 0, disbursedFen: 0, clawedBackFen: 0, clawbackOutstandingFen: 0 };
    entry[`${r.kind}Fen` as 'committedFen'] += Number(r.fen);
    programYears.set(key, entry);
  }
  const byProgramYear = [...programYears.values()].sort((a, b) => a.year - b.year || a.program.localeCompare(b.program));
  const years = new Map<number, { year: number; budgetFen: number | null; committedFen: number; disbursedFen: number; clawedBackFen: number; clawbackOutstandingFen: number; utilisation: number | null }>();
  for (const r of byProgramYear) {
    const budget = policy.budgetFenByYear[String(r.year)] ?? null;
    const entry = years.get(r.year) ?? { year: r.year, budgetFen: budget, committedFen: 0, disbursedFen: 0, clawedBackFen: 0, clawbackOutstandingFen: 0, utilisation: null };
    entry.committedFen += r.committedFen;
    entry.disbursedFen += r.disbursedFen;
    entry.clawedBackFen += r.clawedBackFen;
    entry.clawbackOutstandingFen += r.clawbackOutstandingFen;
    entry.utilisation = budget ? round(entry.disbursedFen / budget, 6) : null;
    years.set(r.year, entry);
  }

  const count = async (program: string, decision: 'approved' | 'completed') => {
    const col = decision === 'approved' ? `a.decision = 'approved'` : `a.status = 'completed'`;
    const [r] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM metric_applications a WHERE ${appWhere} AND a.program = '${program}' AND ${col}`);
    return r.n;
  };
  const disbursed = [...years.values()].reduce((sum, y) => sum + y.disbursedFen, 0);
  const observed: Record<string, number> = {
    'degree-doubling-approvals': await count('degree-doubling', 'approved'),
    'top-talent-approvals': await count('top-talent', 'approved'),
    'skill-subsidy-approvals': await count('skill-subsidy', 'approved'),
    'title-fast-track-completions': await count('title-fast-track', 'completed'),
    'talent-fund-disbursed-wan': disbursed / 1_000_000,
  };
  const indicators = policy.indicators.map((i) => {
    const spending = i.observes === 'talent-fund-disbursed-wan';
    const actual = spending ? round(observed[i.observes], 4)! : i.baseline + observed[i.observes];
    const progress = spending ? actual / i.target : i.target === i.baseline ? 1 : (actual - i.baseline) / (i.target - i.baseline);
    return { key: i.key, name: i.name, unit: i.unit, baseline: i.baseline, target: i.target, actual, progress: round(progress, 4)! };
  });

  const townRows = await q<{ town: string; approvals: number; high_skill: number; median: number | null }>(
    `SELECT a.town, count(*) FILTER (WHERE a.decision = 'approved')::int AS approvals,
            count(*) FILTER (WHERE a.decision = 'approved' AND a.program = 'skill-subsidy' AND a.skill_level <= 3)::int AS high_skill,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ${decisionExpr}) FILTER (WHERE a.decided_at IS NOT NULL) AS median
     FROM metric_applications a WHERE ${appWhere} GROUP BY a.town`,
  );
  const townMoney = await q<{ town: string; fen: string }>(
    `SELECT a.town, sum(pay.amount_fen)::bigint AS fen FROM metric_payments pay JOIN metric_applications a ON a.id = pay.application_id
     WHERE pay.status = 'confirmed' AND ${moneyWhere('pay.confirmed_at')} GROUP BY a.town`,
  );
  const towns = XIUZHOU_TOWNS.filter((t) => !filters.town || t.code === filters.town);
  const facts = towns.map((t) => {
    const r = townRows.find((x) => x.town === t.code);
    return {
      town: t.code,
      name: t.name,
      approvals: r?.approvals ?? 0,
      disbursedFen: Number(townMoney.find((x) => x.town === t.code)?.fen ?? 0),
      medianDecisionHours: r?.median === null || r?.median === undefined ? null : round(r.median),
      highSkill: r?.high_skill ?? 0,
    };
  });
  const max = (f: (x: (typeof facts)[number]) => number) => Math.max(0, ...facts.map(f));
  const fastest = Math.min(...facts.filter((f) => f.medianDecisionHours !== null && f.medianDecisionHours > 0).map((f) => f.medianDecisionHours!), Infinity);
  const w = policy.townIndexWeights;
  const norm = (v: number, m: number) => (m > 0 ? v / m : 0);
  const townIndex = facts
    .map((f) => ({
      ...f,
      index: round(
        100 *
          (w.approvals * norm(f.approvals, max((x) => x.approvals)) +
            w.disbursedFen * norm(f.disbursedFen, max((x) => x.disbursedFen)) +
            w.speed * (f.medianDecisionHours && Number.isFinite(fastest) ? fastest / f.medianDecisionHours : 0) +
            w.highSkill * norm(f.highSkill, max((x) => x.highSkill))),
      )!,
    }))
    .sort((a, b) => b.index - a.index || a.town.localeCompare(b.town));

  return {
    generatedAt: now.toISOString(),
    filters,
    policyVersion: policy.version,
    flow: {
      totals: flow(totals),
      byProgram: Object.fromEntries(byProgram.map((r) => [r.program, flow(r)])),
      byTown: Object.fromEntries(byTown.map((r) => [r.town, flow(r)])),
      byMonth: byMonth.map((r) => ({ month: r.month, ...flow(r) })),
      byDepartment: [...departments.values()].sort((a, b) => a.department.localeCompare(b.department)),
    },
    speed: {
      decision: spread(decision),
      byProgram: Object.fromEntries(decisionByProgram.map((r) => [r.program, spread(r)])),
      stages: stages.map((r) => ({ kind: r.kind, queue: r.queue, department: departmentOf(r.queue, policy), ...spread(r) })),
      overdue: overdue.map((r) => ({ queue: r.queue, department: departmentOf(r.queue, policy), overdue: r.overdue, escalated: r.escalated })),
      backlog: backlog.map((r) => ({ queue: r.queue, department: departmentOf(r.queue, policy), open: r.open })),
    },
    money: { byProgramYear, byYear: [...years.values()].sort((a, b) => a.year - b.year) },
    indicators,
    townIndex,
  };
}

export { ZERO as EMPTY_FLOW };
