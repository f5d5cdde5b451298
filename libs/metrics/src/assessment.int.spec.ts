import { randomUUID } from 'node:crypto';
import { ApplicationEvent, PROGRAMS, PROMISED_HANDLING, Program, XIUZHOU_TOWNS, deadlineAfter, workingCalendar } from '#domain';
import { PublishedCalendars } from '#registries';
import { EventStore } from '#event-store';
import { isolatedDatabase } from '#test/support/database';
import { AssessmentProjection } from './assessment.projection';
import { assessmentReport } from './assessment.report';
import { ProjectionRunner } from '#event-store';

/** A small seeded generator, so a failing workload can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)], chance: (p: number) => next() < p };
}

/** One application's life, as the workflows would record it, chosen at random (batches = one append each). */
function lifecycle(r: ReturnType<typeof rng>): ApplicationEvent[][] {
  const program = r.pick(PROGRAMS);
  const level = 1 + Math.floor(r.next() * 5);
  const batches: ApplicationEvent[][] = [
    [
      {
        type: 'ApplicationSubmitted',
        data: {
          applicationId: randomUUID(),
          program,
          town: r.pick(XIUZHOU_TOWNS).code,
          policyVersion: 1,
          applicant: { sub: 's', name: 'n', idNumber: '11010519491231002X' },
          form: { level },
          requestHash: 'h',
        },
      },
    ],
  ];
  const check = (passed: boolean): ApplicationEvent => ({
    type: 'AutomaticCheckRecorded',
    data: { check: 'c', source: 's', checkedAt: 'x', passed, responseHash: 'h', details: {} },
  });
  if (r.chance(0.15)) {
    batches.push([check(false)], [{ type: 'ApplicationRejected', data: { reason: 'R', automatic: true } }]);
    return batches;
  }
  batches.push([check(true)]);
  const task = (kind: string, queue: string): { id: string; created: ApplicationEvent } => {
    const id = randomUUID();
    return {
      id,
      created: {
        type: 'TaskCreated',
        data: {
          taskId: id,
          kind,
          stage: kind,
          candidates: { role: 'reviewer', queues: [queue] },
          outcomes: ['approve', 'reject', 'return'],
          priority: 0,
          dueAt: new Date(Date.UTC(2026, 0, 1) + r.next() * 300 * 86_400_000).toISOString(),
          calendarBasis: 'chinese-days',
        },
      },
    };
  };
  for (let round = 0; round < 3; round += 1) {
    const review = task('review', r.pick(['hrss-skill', 'talent-office', 'hrss-title']));
    batches.push([review.created]);
    if (r.chance(0.3)) batches.push([{ type: 'TaskClaimed', data: { taskId: review.id, by: 'r1' } }]);
    if (r.chance(0.2)) batches.push([{ type: 'TaskEscalated', data: { taskId: review.id, fromQueue: 'q', toQueue: 'q-lead', overdueSince: 'x' } }]);
    if (r.chance(0.1)) {
      batches.push([{ type: 'TaskCancelled', data: { taskId: review.id, reason: 'withdrawn' } }, { type: 'ApplicationWithdrawn', data: { reason: 'w' } }]);
      return batches;
    }
    if (r.chance(0.05)) return batches; // still in review
    const outcome = r.pick(['approve', 'approve', 'reject', 'return'] as const);
    batches.push([{ type: 'TaskCompleted', data: { taskId: review.id, outcome, by: 'r1', fields: {}, ...(outcome === 'approve' ? {} : { comment: 'c' }) } }]);
    if (outcome === 'reject') {
      batches.push([{ type: 'ApplicationRejected', data: { reason: 'REVIEW_REJECTED', automatic: false } }]);
      return batches;
    }
    if (outcome === 'return') {
      batches.push([
        { type: 'SupplementRequested', data: { taskId: review.id, comment: 'c', dueAt: 'x', calendarBasis: 'chinese-days' } },
        { type: 'DeadlineClockPaused', data: { reason: 'awaiting-supplement' } },
      ]);
      if (r.chance(0.3)) {
        batches.push([{ type: 'ApplicationLapsed', data: { reason: 'SUPPLEMENT_NOT_RECEIVED' } }]);
        return batches;
      }
      batches.push([
        { type: 'SupplementProvided', data: { message: 'm', formChanged: false } },
        { type: 'DeadlineClockResumed', data: { pausedMs: Math.floor(r.next() * 5 * 86_400_000) } },
      ]);
      continue;
    }
    const amountFen = 100_000 * (1 + Math.floor(r.next() * 40));
    batches.push([{ type: 'ApplicationApproved', data: { amountFen } }]);
    batches.push([{ type: 'PaymentInstructed', data: { paymentId: 'p-1', amountFen, purpose: program, payeeAccountMasked: '***1', gatewayReference: 'g' } }]);
    const pay = task('payment-confirmation', 'finance');
    batches.push([pay.created]);
    if (r.chance(0.2)) return batches; // waiting for finance
    batches.push([{ type: 'TaskCompleted', data: { taskId: pay.id, outcome: 'approve', by: 'f1', fields: {} } }]);
    batches.push([{ type: 'PaymentConfirmed', data: { paymentId: 'p-1', reference: 'r' } }]);
    if (program !== 'skill-subsidy' && r.chance(0.15)) {
      batches.push([{ type: 'BenefitSuspended', data: { reason: 'MILESTONE_OVERDUE' } }], [{ type: 'BenefitResumed', data: { decision: 'continue' } }]);
    }
    if (program !== 'skill-subsidy' && r.chance(0.25)) {
      // Left the district, or terminated by the leadership: the schedule stops and part of the money is claimed back.
      const claimed = Math.floor(amountFen * r.next());
      batches.push([
        { type: 'BenefitStopped', data: { reason: 'left-district' } },
        { type: 'ClawbackClaimed', data: { claimId: 'c-1', amountFen: claimed, basis: 'pro rata' } },
      ]);
      return batches;
    }
    batches.push([{ type: 'ApplicationCompleted', data: {} }]);
    return batches;
  }
  return batches;
}

describe('assessment projection', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    db = await isolatedDatabase('metrics');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('gives the same figures rebuilt from zero as maintained incrementally, on a random workload of 10,000+ events', async () => {
    const r = rng(20261127);
    // Event times spread over 2025-2026, so months, years and durations vary.
    let clock = Date.UTC(2025, 0, 1);
    const store = new EventStore(db.ds, [], () => new Date((clock += Math.floor(r.next() * 40 * 60_000))));
    const runner = new ProjectionRunner(db.ds, store, new AssessmentProjection(), 300);
    const lives = Array.from({ length: 1400 }, () => lifecycle(r));
    let appended = 0;
    let appliedWhileWriting = 0;
    let writing = true;
    const follower = (async () => {
      while (writing) {
        appliedWhileWriting += await runner.catchUp();
        await new Promise((res) => setTimeout(res, 5));
      }
    })();
    const writers = Array.from({ length: 6 }, async (_, w) => {
      for (let i = w; i < lives.length; i += 6) {
        const streamId = `application-${(lives[i][0][0].data as { applicationId: string }).applicationId}`;
        let version = 0;
        for (const batch of lives[i]) {
          await store.append(
            streamId,
            version,
            batch.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata: { actor: { id: 'gen', role: 'system' }, workflowId: streamId, policyVersion: 1 } })),
          );
          version += batch.length;
          appended += batch.length;
        }
      }
    });
    // Departments' indicator reports and the talent office's reviews, in their own streams, interleaved with the rest.
    const reportKeys = ['rd-personnel', 'high-skill-density', 'pct-applications'];
    const indicatorWriter = (async () => {
      for (const key of reportKeys) {
        let version = 0;
        for (let k = 0; k < 20; k += 1) {
          const reportId = randomUUID();
          const events: { type: string; data: object }[] = [
            { type: 'IndicatorReported', data: { reportId, key, period: String(2025 + (k % 2)), value: 100 + k, evidenceRef: `ref-${k}`, department: '区科技局', by: 'reporter' } },
          ];
          if (r.chance(0.7)) events.push({ type: 'IndicatorReportReviewed', data: { reportId, outcome: r.chance(0.7) ? 'accept' : 'return', comment: 'c', by: 'office' } });
          await store.append(
            `indicator-${key}`,
            version,
            events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata: { actor: { id: 'gen', role: 'system' }, workflowId: 'none', policyVersion: 0 } })),
          );
          version += events.length;
          appended += events.length;
        }
      }
    })();
    await Promise.all([...writers, indicatorWriter]);
    // Slow files, so that 承诺时限 has something to find: decided 0-58 days after submission (late past the promise),
    // some with the clock paused 20 days while the applicant supplied, some never decided.
    for (let k = 0; k < 30; k += 1) {
      const submitted = lifecycle(r)[0][0];
      const streamId = `application-${(submitted.data as { applicationId: string }).applicationId}`;
      const later: ApplicationEvent[] = [];
      if (k % 3 === 0) later.push({ type: 'DeadlineClockPaused', data: { reason: 'supplement' } }, { type: 'DeadlineClockResumed', data: { pausedMs: 20 * 86_400_000 } });
      if (k % 5 !== 4) later.push({ type: 'ApplicationApproved', data: { amountFen: 100_000 } });
      if (k % 5 === 0) {
        const claimId = randomUUID();
        later.push({ type: 'ClawbackClaimed', data: { claimId, amountFen: 50_000, basis: 'b' } }, { type: 'ClawbackRepaid', data: { claimId, amountFen: 20_000, reference: 'r' } });
      }
      const meta = { actor: { id: 'gen', role: 'system' as const }, workflowId: streamId, policyVersion: 1 };
      await store.append(streamId, 0, [{ eventId: randomUUID(), type: submitted.type, data: submitted.data, metadata: meta }]);
      clock += k * 2 * 86_400_000;
      if (later.length) await store.append(streamId, 1, later.map((e) => ({ eventId: randomUUID(), type: e.type, data: e.data, metadata: meta })));
      clock -= k * 2 * 86_400_000;
      appended += 1 + later.length;
    }
    writing = false;
    await follower;
    await runner.catchUp();
    expect(appended).toBeGreaterThanOrEqual(10_000);
    expect(appliedWhileWriting).toBeGreaterThan(0); // it followed the log while writers raced
    expect((await runner.lag()).lag).toBe(0);

    const now = new Date(Date.UTC(2027, 0, 1));
    const filters = [{}, { program: 'skill-subsidy' }, { town: 'wangdian' }, { from: '2025-03-01T00:00:00Z', to: '2025-06-01T00:00:00Z' }];
    const incremental = [];
    for (const f of filters) incremental.push(await assessmentReport(db.ds, f, undefined, now));
    const applied = await runner.rebuild();
    expect(applied).toBe(appended);
    for (const [i, f] of filters.entries()) expect(await assessmentReport(db.ds, f, undefined, now)).toEqual(incremental[i]);

    // The figures are the log's: a count straight from the events agrees.
    const [{ n }] = (await db.ds.query(`SELECT count(*)::int AS n FROM events WHERE type = 'ApplicationSubmitted'`)) as { n: number }[];
    expect(incremental[0].flow.totals.submitted).toBe(n);
    const [{ approved }] = (await db.ds.query(`SELECT count(*)::int AS approved FROM events WHERE type = 'ApplicationApproved'`)) as { approved: number }[];
    expect(incremental[0].flow.totals.approved).toBe(approved);
    const [{ clawed }] = (await db.ds.query(`SELECT coalesce(sum((data->>'amountFen')::bigint), 0)::bigint AS clawed FROM events WHERE type = 'ClawbackClaimed'`)) as { clawed: string }[];
    expect(Number(clawed)).toBeGreaterThan(0);
    expect(incremental[0].money.byYear.reduce((sum: number, y: { clawedBackFen: number }) => sum + y.clawedBackFen, 0)).toBe(Number(clawed));
    const [{ stopped }] = (await db.ds.query(`SELECT count(*)::int AS stopped FROM events WHERE type = 'BenefitStopped'`)) as { stopped: number }[];
    const [{ terminated }] = (await db.ds.query(`SELECT count(*)::int AS terminated FROM metric_applications WHERE status = 'terminated'`)) as { terminated: number }[];
    expect(terminated).toBe(stopped);
    // The reported indicators show the latest accepted report of the year (2026) or before; returned ones never count.
    for (const key of reportKeys) {
      const [latest] = (await db.ds.query(
        `SELECT e.data->>'value' AS value FROM events e JOIN events rv ON rv.stream_id = e.stream_id AND rv.type = 'IndicatorReportReviewed'
           AND rv.data->>'reportId' = e.data->>'reportId' AND rv.data->>'outcome' = 'accept'
         WHERE e.stream_id = $1 AND e.type = 'IndicatorReported' ORDER BY e.data->>'period' DESC, rv.recorded_at DESC LIMIT 1`,
        [`indicator-${key}`],
      )) as { value: string }[];
      expect(incremental[0].indicators.find((i) => i.key === key)?.actual ?? null).toBe(latest ? Number(latest.value) : null);
    }
    // 承诺时限, file by file as the rule says (each file's deadline counted on its own, in JavaScript), agrees with
    // the report's one pass in SQL — for every filter, with files decided on time, decided late and open late.
    const calendar = workingCalendar(await new PublishedCalendars(db.ds).years());
    const policyRows = (await db.ds.query(`SELECT program, version, document FROM policies`)) as { program: Program; version: number; document: { timers: Record<string, unknown> } }[];
    const facts = (await db.ds.query(`SELECT program, policy_version, town, registry_town, submitted_at, decided_at, decision, paused_ms FROM metric_applications`)) as {
      program: Program; policy_version: number | null; town: string; registry_town: string | null; submitted_at: Date; decided_at: Date | null; decision: string | null; paused_ms: string;
    }[];
    let late = 0;
    for (const [i, f] of filters.entries()) {
      const expected = new Map<string, { decided: number; onTime: number; openLate: number }>();
      for (const a of facts) {
        const from = (f as { from?: string }).from;
        const to = (f as { to?: string }).to;
        if ((f as { program?: string }).program && a.program !== (f as { program?: string }).program) continue;
        if ((f as { town?: string }).town && (a.registry_town ?? a.town) !== (f as { town?: string }).town) continue;
        if ((from && a.submitted_at < new Date(from)) || (to && a.submitted_at >= new Date(to))) continue;
        if (a.decision !== null && a.decision !== 'approved' && a.decision !== 'rejected') continue;
        const own = policyRows.find((v) => v.program === a.program && v.version === a.policy_version)?.document.timers.promisedHandling;
        const spec = (own ?? PROMISED_HANDLING[a.program]) as Parameters<typeof deadlineAfter>[1];
        const due = Date.parse(deadlineAfter(a.submitted_at, spec, calendar).dueAt) + Number(a.paused_ms);
        const e = expected.get(a.program) ?? { decided: 0, onTime: 0, openLate: 0 };
        if (a.decided_at) {
          e.decided += 1;
          if (a.decided_at.getTime() <= due) e.onTime += 1;
          else late += 1;
        } else if (now.getTime() > due) e.openLate += 1;
        expected.set(a.program, e);
      }
      const want = [...expected.entries()].filter(([, v]) => v.decided + v.openLate > 0).sort(([a], [b]) => a.localeCompare(b));
      expect(incremental[i].onTime.byProgram.map((x) => [x.program, { decided: x.decided, onTime: x.onTime, openLate: x.openLate }])).toEqual(want);
    }
    expect(late).toBeGreaterThan(0);
    expect(incremental[0].onTime.byProgram.some((x) => x.onTime > 0 && x.openLate > 0)).toBe(true);

    // Applying a batch again changes nothing (idempotent facts), the running sums included.
    const sums = () => db.ds.query(`SELECT (SELECT sum(paused_ms)::text FROM metric_applications) AS paused, (SELECT sum(repaid_fen)::text FROM metric_clawbacks) AS repaid`);
    const before = await sums();
    expect(before[0].paused).not.toBe('0');
    expect(Number(before[0].repaid)).toBeGreaterThan(0);
    await db.ds.query(`UPDATE projection_checkpoints SET position = 0 WHERE name = 'assessment'`);
    await runner.catchUp();
    expect(await sums()).toEqual(before);
    expect(await assessmentReport(db.ds, {}, undefined, now)).toEqual(incremental[0]);
  });
});
