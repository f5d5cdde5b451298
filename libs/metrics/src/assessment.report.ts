import { DataSource } from 'typeorm';
import {
  ASSESSMENT_POLICY_V1,
  AssessmentPolicy,
  IndicatorGroup,
  PROMISED_HANDLING,
  PolicyBase,
  Program,
  XIUZHOU_TOWNS,
  chinaDate,
  chinaYear,
  deadlinesFrom,
  departmentOf,
  indicatorProgress,
  promisedHandlingOf,
  workingCalendar,
} from '#domain';
import { PublishedCalendars } from '#registries';

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
  /** The year whose figures the indicators show (the `to` bound's year, or this year). */
  reportingYear: number;
  indicators: IndicatorFigure[];
  townIndex: { town: string; name: string; approvals: number; disbursedFen: number; medianDecisionHours: number | null; highSkill: number; index: number }[];
  /** Where the towns come from: the social-insurance registry's town of the employer, or the declared town only. */
  townBasis: { registry: number; declaredOnly: number };
  /** 承诺时限 kept: decisions within the program's promised handling time (waiting on the applicant excluded); tasks within their due time. */
  onTime: {
    /** Decisions (approved or rejected) and how many came in time; open files already past the promise count as late. */
    byProgram: { program: string; decided: number; onTime: number; openLate: number; rate: number | null }[];
    byStage: { kind: string; queue: string; department: string; ended: number; onTime: number; rate: number | null }[];
    byDepartment: { department: string; ended: number; onTime: number; rate: number | null }[];
  };
  /** 人才发展指数 of each department: its tasks' on-time rate, its indicators' progress, its indicators reported. */
  departmentIndex: { department: string; onTimeRate: number | null; indicatorProgress: number | null; reported: number; indicators: number; index: number }[];
  /** 责任清单: what each department answers for — open and overdue tasks (管理), indicators and those not reported (服务). */
  departments: { department: string; openTasks: number; overdueTasks: number; indicators: string[]; unreported: string[]; awaitingReview: string[] }[];
  /** The weights the indices were computed with (policy data), so a reader can follow them. */
  indexWeights: { town: AssessmentPolicy['townIndexWeights']; department: AssessmentPolicy['departmentIndexWeights'] };
}

export interface IndicatorFigure {
  key: string;
  group: IndicatorGroup;
  name: string;
  unit: string;
  baseline: number | null;
  target: number;
  actual: number | null;
  progress: number | null;
  /** The data's date: the reported period and its acceptance, or the time the log was read. */
  asOf: string | null;
  source: 'events' | 'report';
  department: string;
  /** Row of the plan's Table 2; absent for an indicator the policy adds. */
  table2Row?: number;
  inTable2: boolean;
}

const round = (n: number | null, digits = 2) => (n === null || n === undefined ? null : Number(Number(n).toFixed(digits)));
const ZERO: FlowCounts = { submitted: 0, approved: 0, rejected: 0, withdrawn: 0, lapsed: 0, inProgress: 0 };

const FLOW_COLUMNS = `count(*)::int AS submitted,
  count(*) FILTER (WHERE a.decision = 'approved')::int AS approved,
  count(*) FILTER (WHERE a.decision = 'rejected')::int AS rejected,
  count(*) FILTER (WHERE a.decision = 'withdrawn')::int AS withdrawn,
  count(*) FILTER (WHERE a.decision = 'lapsed')::int AS lapsed,
  count(*) FILTER (WHERE a.decision IS NULL)::int AS "inProgress"`;

/**
 * The town a file counts in, everywhere in the report (filter, counts, index): the town the social-insurance registry
 * places its employer in where the log records it (硕博倍增's employment check), the declared town otherwise.
 */
const TOWN = 'coalesce(a.registry_town, a.town)';

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
  const reportingYear = chinaYear(filters.to ? new Date(Date.parse(filters.to) - 1) : now);
  const p = [filters.from ?? null, filters.to ?? null, filters.program ?? null, filters.town ?? null];
  const appWhere = `($1::timestamptz IS NULL OR a.submitted_at >= $1) AND ($2::timestamptz IS NULL OR a.submitted_at < $2)
    AND ($3::text IS NULL OR a.program = $3) AND ($4::text IS NULL OR ${TOWN} = $4)`;
  const q = <T>(sql: string, params: unknown[] = p) => ds.query(sql, params) as Promise<T[]>;

  const [totals] = await q<Record<string, number>>(`SELECT ${FLOW_COLUMNS} FROM metric_applications a WHERE ${appWhere}`);
  const byProgram = await q<Record<string, number> & { program: string }>(`SELECT a.program, ${FLOW_COLUMNS} FROM metric_applications a WHERE ${appWhere} GROUP BY a.program ORDER BY a.program`);
  const byTown = await q<Record<string, number> & { town: string }>(`SELECT ${TOWN} AS town, ${FLOW_COLUMNS} FROM metric_applications a WHERE ${appWhere} GROUP BY 1 ORDER BY 1`);
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

  const moneyWhere = (col: string) => `($1::timestamptz IS NULL OR ${col} >= $1) AND ($2::timestamptz IS NULL OR ${col} < $2) AND ($3::text IS NULL OR a.program = $3) AND ($4::text IS NULL OR ${TOWN} = $4)`;
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

  const indicators = await indicatorFigures(ds, policy, reportingYear, filters.to ?? null, now);
  const townRows = await q<{ town: string; approvals: number; high_skill: number; median: number | null }>(
    `SELECT ${TOWN} AS town, count(*) FILTER (WHERE a.decision = 'approved')::int AS approvals,
            count(*) FILTER (WHERE a.decision = 'approved' AND a.program = 'skill-subsidy' AND a.skill_level <= 3)::int AS high_skill,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ${decisionExpr}) FILTER (WHERE a.decided_at IS NOT NULL) AS median
     FROM metric_applications a WHERE ${appWhere} GROUP BY 1`,
  );
  const townMoney = await q<{ town: string; fen: string }>(
    `SELECT ${TOWN} AS town, sum(pay.amount_fen)::bigint AS fen FROM metric_payments pay JOIN metric_applications a ON a.id = pay.application_id
     WHERE pay.status = 'confirmed' AND ${moneyWhere('pay.confirmed_at')} GROUP BY 1`,
  );
  const [basis] = await q<{ registry: number; declared: number }>(
    `SELECT count(*) FILTER (WHERE a.registry_town IS NOT NULL)::int AS registry, count(*) FILTER (WHERE a.registry_town IS NULL)::int AS declared
     FROM metric_applications a WHERE ${appWhere}`,
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

  const onTime = await onTimeFigures(ds, q, appWhere, p, policy, now);
  const departmentIndex = departmentIndices(policy, onTime.byDepartment, indicators);
  const pendingReports = (await ds.query(`SELECT DISTINCT key FROM metric_indicator_reports WHERE status = 'submitted'`)) as { key: string }[];
  const responsibleFor = responsibilities(policy, indicators, backlog, overdue, new Set(pendingReports.map((r) => r.key)));

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
    reportingYear,
    indicators,
    townIndex,
    townBasis: { registry: basis.registry, declaredOnly: basis.declared },
    onTime,
    departmentIndex,
    departments: responsibleFor,
    indexWeights: { town: policy.townIndexWeights, department: policy.departmentIndexWeights },
  };
}


/**
 * The indicators of the policy with their values for `year`: from the log where the programs measure them, from the
 * talent office's accepted department reports otherwise (the latest accepted report for `year` or before; a
 * returned or unreviewed report does not count).
 */
async function indicatorFigures(ds: DataSource, policy: AssessmentPolicy, year: number, to: string | null, now: Date): Promise<IndicatorFigure[]> {
  const end = to ?? now.toISOString();
  const [counts] = (await ds.query(
    // In force at `end`: approved by then and not stopped by then (a past year's report does not change later).
    `SELECT count(*) FILTER (WHERE program = 'degree-doubling')::int AS "masterPhd", count(*) FILTER (WHERE program = 'top-talent')::int AS "topTalent"
     FROM metric_applications WHERE decision = 'approved' AND decided_at < $1 AND (status <> 'terminated' OR completed_at >= $1)`,
    [end],
  )) as { masterPhd: number; topTalent: number }[];
  const [fund] = (await ds.query(
    `SELECT coalesce(sum(pay.amount_fen), 0)::bigint AS fen FROM metric_payments pay JOIN metric_applications a ON a.id = pay.application_id
     WHERE pay.status = 'confirmed' AND a.program = ANY($1) AND extract(year FROM pay.confirmed_at AT TIME ZONE 'Asia/Shanghai') = $2 AND pay.confirmed_at < $3`,
    [policy.fundPrograms, year, end],
  )) as { fen: string }[];
  const reports = (await ds.query(
    `SELECT DISTINCT ON (key) key, period, value, reviewed_at FROM metric_indicator_reports
     WHERE status = 'accepted' AND period <= $1 AND reviewed_at < $2 ORDER BY key, period DESC, reviewed_at DESC`,
    [String(year), end],
  )) as { key: string; period: string; value: number; reviewed_at: Date }[];
  const measured: Record<string, number> = {
    'master-phd-in-force': counts.masterPhd,
    'top-talent-approvals': counts.topTalent,
    'talent-fund-disbursed-wan': Number(fund.fen) / 1_000_000,
  };
  return policy.indicators.map((i) => {
    let actual: number | null = null;
    let asOf: string | null = null;
    if (i.source === 'events') {
      const m = measured[i.measure!] ?? 0;
      // Counts add to the plan's 2020 base; money is the year's disbursement itself.
      actual = i.measure === 'talent-fund-disbursed-wan' ? round(m, 4) : (i.baseline ?? 0) + m;
      asOf = Date.parse(end) < now.getTime() ? end : now.toISOString();
    } else {
      const r = reports.find((x) => x.key === i.key);
      if (r) {
        actual = Number(r.value);
        asOf = `${r.period}年数据，${chinaDate(r.reviewed_at)} 审核采纳`;
      }
    }
    // The fund's figure is the year's disbursement; its progress is against that year's budget (none published: none).
    const budgetWan = policy.budgetFenByYear[String(year)] !== undefined ? policy.budgetFenByYear[String(year)] / 1_000_000 : null;
    const progress =
      i.measure === 'talent-fund-disbursed-wan' ? (budgetWan && actual !== null ? Math.min(1, round(actual / budgetWan, 4)!) : null) : indicatorProgress(i, actual);
    return {
      key: i.key,
      group: i.group,
      name: i.name,
      unit: i.unit,
      baseline: i.baseline,
      target: i.target,
      actual,
      progress,
      asOf,
      source: i.source,
      department: i.department,
      ...(i.table2Row ? { table2Row: i.table2Row } : {}),
      inTable2: i.table2Row !== undefined,
    };
  });
}

const rate = (part: number, whole: number) => (whole > 0 ? round(part / whole, 4) : null);

/**
 * 承诺时限: a decision is on time when it came within the program's promised handling time (its policy version's
 * `timers.promisedHandling`, on the working-day calendar) plus the time the file waited on the applicant; a task when
 * it ended by its due time.
 */
async function onTimeFigures(
  ds: DataSource,
  q: <T>(sql: string, params?: unknown[]) => Promise<T[]>,
  appWhere: string,
  baseParams: unknown[],
  policy: AssessmentPolicy,
  now: Date,
): Promise<AssessmentReport['onTime']> {
  const deadline = deadlinesFrom(workingCalendar(await new PublishedCalendars(ds).years()));
  const versions = (await ds.query(`SELECT program, version, document FROM policies`)) as { program: string; version: number; document: PolicyBase }[];
  const promise = (program: string, version: number | null) => {
    const doc = versions.find((v) => v.program === program && v.version === version)?.document;
    return doc ? promisedHandlingOf(program as Program, doc) : PROMISED_HANDLING[program as Program];
  };
  // Approved or rejected files (a withdrawal or a lapse is no decision of the office), and open files already late.
  const judged = `${appWhere} AND (a.decision IN ('approved', 'rejected') OR a.decision IS NULL)`;
  const chinaDay = `to_char(a.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
  // The promised deadline of every start date once (a working-day wait depends only on the date it starts on; a
  // duration is added to the instant in SQL), then each file compared with its own in one pass over the facts.
  const starts = await q<{ program: string; policy_version: number | null; day: string; first: Date }>(
    `SELECT a.program, a.policy_version, ${chinaDay} AS day, min(a.submitted_at) AS first FROM metric_applications a WHERE ${judged} GROUP BY 1, 2, 3`,
  );
  const byDay = starts.flatMap((st) => {
    const spec = promise(st.program, st.policy_version);
    return 'iso' in spec ? [] : [{ ...st, dueAt: deadline(st.first, spec).dueAt }];
  });
  const byDuration = [...new Map(starts.map((st) => [`${st.program}:${st.policy_version}`, st])).values()].flatMap((st) => {
    const spec = promise(st.program, st.policy_version);
    return 'iso' in spec ? [{ program: st.program, version: st.policy_version, iso: spec.iso }] : [];
  });
  // A duration is added in China time, as deadlineAfter adds it.
  const due = `(coalesce(d.due_at, ((a.submitted_at AT TIME ZONE 'Asia/Shanghai') + i.span) AT TIME ZONE 'Asia/Shanghai') + a.paused_ms * interval '1 millisecond')`;
  const counted = await q<{ program: string; decided: number; on_time: number; open_late: number }>(
    `WITH d AS (SELECT * FROM unnest($5::text[], $6::int[], $7::text[], $8::timestamptz[]) AS d(program, version, day, due_at)),
          i AS (SELECT * FROM unnest($9::text[], $10::int[], $11::interval[]) AS i(program, version, span))
     SELECT a.program, count(*) FILTER (WHERE a.decided_at IS NOT NULL)::int AS decided,
            count(*) FILTER (WHERE a.decided_at <= ${due})::int AS on_time,
            count(*) FILTER (WHERE a.decided_at IS NULL AND $12::timestamptz > ${due})::int AS open_late
     FROM metric_applications a
       LEFT JOIN d ON d.program = a.program AND d.version IS NOT DISTINCT FROM a.policy_version AND d.day = ${chinaDay}
       LEFT JOIN i ON i.program = a.program AND i.version IS NOT DISTINCT FROM a.policy_version
     WHERE ${judged} GROUP BY a.program`,
    [
      ...baseParams,
      byDay.map((x) => x.program),
      byDay.map((x) => x.policy_version),
      byDay.map((x) => x.day),
      byDay.map((x) => x.dueAt),
      byDuration.map((x) => x.program),
      byDuration.map((x) => x.version),
      byDuration.map((x) => x.iso),
      now.toISOString(),
    ],
  );
  const programs = new Map(counted.map((c) => [c.program, { decided: c.decided, onTime: c.on_time, openLate: c.open_late }]));
  const stages = await q<{ kind: string; queue: string; ended: number; on_time: number }>(
    `SELECT t.kind, t.queue, count(*)::int AS ended, count(*) FILTER (WHERE t.ended_at <= t.due_at)::int AS on_time
     FROM metric_tasks t JOIN metric_applications a ON a.id = t.application_id
     WHERE ${appWhere} AND t.ended_at IS NOT NULL AND t.outcome <> 'cancelled' GROUP BY t.kind, t.queue ORDER BY t.kind, t.queue`,
  );
  const departments = new Map<string, { ended: number; onTime: number }>();
  for (const st of stages) {
    const d = departmentOf(st.queue, policy);
    const entry = departments.get(d) ?? { ended: 0, onTime: 0 };
    entry.ended += st.ended;
    entry.onTime += st.on_time;
    departments.set(d, entry);
  }
  return {
    byProgram: [...programs.entries()]
      .filter(([, v]) => v.decided + v.openLate > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([program, v]) => ({ program, ...v, rate: rate(v.onTime, v.decided + v.openLate) })),
    byStage: stages.map((st) => ({ kind: st.kind, queue: st.queue, department: departmentOf(st.queue, policy), ended: st.ended, onTime: st.on_time, rate: rate(st.on_time, st.ended) })),
    byDepartment: [...departments.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([department, v]) => ({ department, ...v, rate: rate(v.onTime, v.ended) })),
  };
}

/** 人才发展指数 of the departments: each weighted component is 0..1, the index 0..100. */
function departmentIndices(policy: AssessmentPolicy, onTime: AssessmentReport['onTime']['byDepartment'], indicators: IndicatorFigure[]): AssessmentReport['departmentIndex'] {
  const names = new Set([...onTime.map((d) => d.department), ...indicators.map((i) => i.department)]);
  const w = policy.departmentIndexWeights;
  return [...names]
    .map((department) => {
      const own = indicators.filter((i) => i.department === department);
      const reported = own.filter((i) => i.actual !== null).length;
      const progressed = own.filter((i) => i.progress !== null);
      const onTimeRate = onTime.find((d) => d.department === department)?.rate ?? null;
      const indicatorProgressMean = progressed.length ? round(progressed.reduce((sum, i) => sum + i.progress!, 0) / progressed.length, 4) : null;
      const reporting = own.length ? reported / own.length : null;
      // A component the department has nothing for leaves the index, and the other weights carry it.
      const parts = [
        [w.onTime, onTimeRate],
        [w.indicatorProgress, indicatorProgressMean],
        [w.reporting, reporting],
      ].filter((x): x is [number, number] => x[1] !== null);
      const weight = parts.reduce((sum, [wt]) => sum + wt, 0);
      const index = weight > 0 ? round((100 * parts.reduce((sum, [wt, v]) => sum + wt * v, 0)) / weight, 1)! : 0;
      return { department, onTimeRate, indicatorProgress: indicatorProgressMean, reported, indicators: own.length, index };
    })
    .sort((a, b) => b.index - a.index || a.department.localeCompare(b.department));
}

/** 责任清单 by department: its open and overdue tasks, the indicators it answers for and those it has not reported. */
function responsibilities(
  policy: AssessmentPolicy,
  indicators: IndicatorFigure[],
  backlog: { queue: string; open: number }[],
  overdue: { queue: string; overdue: number }[],
  pending: ReadonlySet<string>,
): AssessmentReport['departments'] {
  const out = new Map<string, AssessmentReport['departments'][number]>();
  const of = (department: string) =>
    out.get(department) ?? out.set(department, { department, openTasks: 0, overdueTasks: 0, indicators: [], unreported: [], awaitingReview: [] }).get(department)!;
  for (const b of backlog) of(departmentOf(b.queue, policy)).openTasks += b.open;
  for (const o of overdue) of(departmentOf(o.queue, policy)).overdueTasks += o.overdue;
  for (const i of indicators) {
    const d = of(i.department);
    d.indicators.push(i.key);
    if (i.actual === null) (pending.has(i.key) ? d.awaitingReview : d.unreported).push(i.key);
  }
  return [...out.values()].sort((a, b) => a.department.localeCompare(b.department));
}

export { ZERO as EMPTY_FLOW };
