import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApplicationEvent, ActorRef, Program, TaskCandidates, TaskOutcome, XIUZHOU_TOWNS, SKILL_SUBSIDY_POLICY_V1, DEGREE_DOUBLING_POLICY_V1, repeatableRandom } from '#domain';
import { ApplicationProjection, EventStore, NewEvent, ProjectionRunner, createDataSource, migrate } from '#event-store';
import { AssessmentProjection } from '#metrics';
import { makeIdNumber, makeUscc } from '../test/support/fixtures';

/**
 * `npm run load -- --applications 100000`: five years of the plan written straight into the store — the four
 * programs with their statuses, tasks, payments, towns and dates — through `EventStore.importStreams` (the same
 * sealing, hash chain and inline read models as the real path, rows by COPY in batches), then the assessment
 * projection caught up from the log. Loaded history is the past: nobody is notified of it (the notification
 * projection's checkpoint moves to the head). Simulated data: made-up people, no documents, no registry rows.
 */

type Imported = NewEvent & { recordedAt: string };
const DAY = 86_400_000;
const YEARS = 5;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '沈', '朱', '钱'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '杰', '涛', '明', '超', '婷', '晨', '宇'];
const OCCUPATIONS = ['电工', '焊工', '数控车工', '钳工', '育婴员', '养老护理员', '西式面点师', '汽车维修工'];

/** One application's history: events appended as time moves on, stopping at `now` (what has not happened yet). */
class History {
  readonly events: Imported[] = [];
  readonly id = randomUUID();
  t: number;
  open = true;

  constructor(
    readonly program: Program,
    submittedAt: number,
    private readonly now: number,
    readonly rnd: () => number,
  ) {
    this.t = submittedAt;
  }

  get streamId(): string {
    return `application-${this.id}`;
  }

  /** Records an event `afterMs` after the last one; false (and nothing recorded) once that is in the future. */
  add<E extends ApplicationEvent>(type: E['type'], data: E['data'], actor: ActorRef, afterMs = 60_000): boolean {
    if (!this.open || this.t + afterMs > this.now) return (this.open = false);
    this.t += afterMs;
    this.events.push({
      eventId: randomUUID(),
      type,
      data,
      metadata: { actor, workflowId: `${this.program}-${this.id}`, policyVersion: 1 },
      recordedAt: new Date(this.t).toISOString(),
    });
    return true;
  }

  days(min: number, max: number): number {
    return Math.round((min + this.rnd() * (max - min)) * DAY);
  }

  /** A task from creation to completion, with the claim between for queues of people; false if it is still open. */
  task(kind: string, stage: string, candidates: TaskCandidates, outcome: TaskOutcome, by: ActorRef, fields: Record<string, unknown> = {}, daysToDo: [number, number] = [1, 6]): boolean {
    const taskId = randomUUID();
    const dueAt = new Date(this.t + 7 * DAY).toISOString();
    if (!this.add('TaskCreated', { taskId, kind, stage, candidates, outcomes: ['approve', 'reject', 'return'], priority: Math.floor(this.rnd() * 3), dueAt, calendarBasis: 'chinese-days' }, SYSTEM)) return false;
    if (!candidates.assignee && !this.add('TaskClaimed', { taskId, by: by.id }, by, this.days(0.1, daysToDo[0]))) return false;
    if (this.rnd() < 0.03 && candidates.queues[0] === 'hrss-skill') {
      if (!this.add('TaskEscalated', { taskId, fromQueue: 'hrss-skill', toQueue: 'hrss-skill-lead', overdueSince: dueAt }, SYSTEM, 8 * DAY)) return false;
    }
    return this.add('TaskCompleted', { taskId, outcome, by: by.id, fields, ...(outcome === 'approve' ? {} : { comment: '材料不全' }) }, by, this.days(daysToDo[0], daysToDo[1]));
  }

  payment(n: number, amountFen: number, purpose: string, finance: ActorRef): boolean {
    const paymentId = `${this.id}-p${n}`;
    return (
      this.add('PaymentInstructed', { paymentId, amountFen, purpose, payeeAccountMasked: '6228********5678', gatewayReference: `SIM-${paymentId.slice(0, 8)}-${n}` }, SYSTEM) &&
      this.task('payment-confirmation', 'payment', { role: 'finance', queues: ['finance'] }, 'approve', finance, {}, [1, 4]) &&
      this.add('PaymentConfirmed', { paymentId, reference: `BANK-${n}-${paymentId.slice(0, 6)}` }, SYSTEM)
    );
  }

  rejectWithWindow(reason: string, automatic: boolean, stage: string, deciders: string[]): void {
    if (!this.add('ApplicationRejected', { reason, automatic }, SYSTEM)) return;
    if (!this.add('ReconsiderationWindowOpened', { decision: { status: 'rejected', reason, stage, automatic, deciders }, dueAt: new Date(this.t + 21 * DAY).toISOString(), calendarBasis: 'chinese-days' }, SYSTEM)) return;
    this.add('ReconsiderationWindowClosed', { reason: 'not-requested' }, SYSTEM, 21 * DAY);
  }
}

const SYSTEM: ActorRef = { id: 'talentflow', role: 'system' };
const staff = (rnd: () => number, role: ActorRef['role'], prefix: string, n = 12): ActorRef => ({ id: `${prefix}-${1 + Math.floor(rnd() * n)}`, role });

function person(rnd: () => number): { name: string; idNumber: string } {
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(rnd() * 30 * 365) * DAY).toISOString().slice(0, 10);
  return { name: SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)], idNumber: makeIdNumber(birth, 100 + Math.floor(rnd() * 900)) };
}

function submit(h: History, form: Record<string, unknown>, applicant: { name: string; idNumber: string; orgCode?: string }): boolean {
  const town = XIUZHOU_TOWNS[Math.floor(h.rnd() * XIUZHOU_TOWNS.length)].code;
  const sub = `loaded-${h.id.slice(0, 12)}`;
  return h.add('ApplicationSubmitted', { applicationId: h.id, program: h.program, town, policyVersion: 1, applicant: { sub, ...applicant }, form, requestHash: h.id.replace(/-/g, '') }, { id: sub, role: 'applicant' }, 0);
}

function checks(h: History, names: string[], failing?: string): boolean {
  return names.every((check) =>
    h.add('AutomaticCheckRecorded', { check, source: 'simulated-registry', checkedAt: new Date(h.t).toISOString(), passed: check !== failing, ...(check === failing ? { reason: 'not-found' } : {}), responseHash: '0'.repeat(64), details: {} }, SYSTEM, 2000),
  );
}

/** 技能补贴: checks, review (some returned for supplement, some rejected), one payment. */
function skillSubsidy(h: History): void {
  const r = h.rnd;
  const level = 1 + Math.floor(r() * 5);
  const p = person(r);
  if (!submit(h, { certificateNumber: `CERT-${h.id.slice(0, 8).toUpperCase()}`, level, occupation: OCCUPATIONS[Math.floor(r() * OCCUPATIONS.length)], issuedOn: new Date(h.t - 60 * DAY).toISOString().slice(0, 10), bankAccount: { bankName: '农业银行', accountNumber: `62284800${String(Math.floor(r() * 1e8)).padStart(8, '0')}` } }, p)) return;
  if (r() < 0.08) {
    if (checks(h, ['certificate-registry', 'social-insurance', 'duplicate-claims'], 'certificate-registry')) h.rejectWithWindow('证书核验未通过', true, 'automatic-checks', []);
    return;
  }
  if (!checks(h, ['certificate-registry', 'social-insurance', 'duplicate-claims'])) return;
  const reviewer = staff(r, 'reviewer', 'hrss-reviewer');
  const queue: TaskCandidates = { role: 'reviewer', queues: [SKILL_SUBSIDY_POLICY_V1.queues.review] };
  const roll = r();
  if (roll < 0.1) {
    if (!h.task('review', 'review', queue, 'return', reviewer)) return;
    if (!h.add('SupplementRequested', { taskId: randomUUID(), comment: '请补正材料', dueAt: new Date(h.t + 14 * DAY).toISOString(), calendarBasis: 'chinese-days', items: [{ document: 'certificate', reason: '证书照片不清晰' }] }, reviewer)) return;
    if (r() < 0.15) return void h.add('ApplicationLapsed', { reason: 'supplement-deadline-passed' }, SYSTEM, 15 * DAY);
    if (!h.add('SupplementProvided', { message: '已补正', formChanged: false }, { id: 'applicant', role: 'applicant' }, h.days(1, 9))) return;
  } else if (roll < 0.15) {
    if (h.task('review', 'review', queue, 'reject', reviewer)) h.rejectWithWindow('不符合申领条件', false, 'review', [reviewer.id]);
    return;
  } else if (roll < 0.17) {
    return void h.add('ApplicationWithdrawn', { reason: '个人原因' }, { id: 'applicant', role: 'applicant' }, h.days(0.5, 3));
  }
  if (!h.task('review', 'review', queue, 'approve', reviewer)) return;
  const amountFen = SKILL_SUBSIDY_POLICY_V1.amountsFenByLevel[String(level) as '1'];
  if (!h.add('ApplicationApproved', { amountFen }, reviewer)) return;
  if (h.payment(1, amountFen, 'skill-subsidy', staff(r, 'finance', 'finance', 4))) h.add('ApplicationCompleted', {}, SYSTEM);
}

/** 硕博倍增: employer confirms, the talent office reviews, settling money and yearly living allowance. */
function degreeDoubling(h: History): void {
  const r = h.rnd;
  const degree = r() < 0.8 ? 'master' : 'phd';
  const orgCode = makeUscc();
  const p = person(r);
  if (!submit(h, { degree, university: '浙江大学', graduatedOn: new Date(h.t - 90 * DAY).toISOString().slice(0, 10), employerOrgCode: orgCode, bankAccount: { bankName: '工商银行', accountNumber: `62220200${String(Math.floor(r() * 1e8)).padStart(8, '0')}` } }, p)) return;
  if (!checks(h, ['degree-verification', 'social-insurance', 'duplicate-claims'])) return;
  const employer: ActorRef = { id: `hr-${orgCode.slice(8, 16)}`, role: 'employer' };
  if (!h.task('employment-confirmation', 'employer-confirmation', { role: 'employer', queues: ['employers'], assignee: { kind: 'orgCode', value: orgCode } }, 'approve', employer, {}, [1, 8])) return;
  const reviewer = staff(r, 'reviewer', 'talent-office', 6);
  const queue: TaskCandidates = { role: 'reviewer', queues: [DEGREE_DOUBLING_POLICY_V1.queues.review] };
  if (r() < 0.06) {
    if (h.task('review', 'talent-office-review', queue, 'reject', reviewer)) h.rejectWithWindow('不符合申领条件', false, 'talent-office-review', [reviewer.id]);
    return;
  }
  if (!h.task('review', 'talent-office-review', queue, 'approve', reviewer)) return;
  const settling = DEGREE_DOUBLING_POLICY_V1.settlingFen[degree];
  const living = DEGREE_DOUBLING_POLICY_V1.livingAllowanceFenPerYear[degree];
  if (!h.add('ApplicationApproved', { amountFen: settling + 3 * living }, reviewer)) return;
  const items = [
    { key: 'settling', purpose: '安家补贴', amountFen: settling },
    ...[1, 2, 3].map((y) => ({ key: `living-${y}`, purpose: `第${y}年生活补贴`, amountFen: living, dueOn: new Date(h.t + y * 365 * DAY).toISOString() })),
  ];
  if (!h.add('PaymentScheduleSet', { items, reason: 'policy' }, SYSTEM)) return;
  const finance = staff(r, 'finance', 'finance', 4);
  for (const [n, item] of items.entries()) {
    if (n > 0 && !h.add('AutomaticCheckRecorded', { check: 'social-insurance', source: 'simulated-registry', checkedAt: new Date(h.t).toISOString(), passed: true, responseHash: '0'.repeat(64), details: {} }, SYSTEM, 365 * DAY - 10 * DAY)) return;
    if (!h.payment(n + 1, item.amountFen, item.key, finance)) return;
  }
  h.add('ApplicationCompleted', {}, SYSTEM);
}

/** 职称直通车: employer recommends, 人社局 qualifies, a committee of seven votes, notice, sign-off, title. */
function titleFastTrack(h: History): void {
  const r = h.rnd;
  const orgCode = makeUscc();
  if (!submit(h, { series: '工程', level: 'senior', employerOrgCode: orgCode, achievements: [{ kind: 'patent', title: '高效换热器', year: 2024 }] }, person(r))) return;
  const employer: ActorRef = { id: `hr-${orgCode.slice(8, 16)}`, role: 'employer' };
  if (!h.task('employer-recommendation', 'employer-recommendation', { role: 'employer', queues: ['employers'], assignee: { kind: 'orgCode', value: orgCode } }, 'approve', employer)) return;
  const reviewer = staff(r, 'reviewer', 'hrss-title', 5);
  if (!h.task('qualification-review', 'qualification-review', { role: 'reviewer', queues: ['hrss-title'] }, 'approve', reviewer)) return;
  const panelId = randomUUID();
  const members = Array.from({ length: 7 }, (_, i) => `expert-${1 + ((Math.floor(r() * 40) + i) % 40)}`);
  if (!h.add('PanelDrawn', { panelId, purpose: 'committee', seed: panelId.slice(0, 8), size: 7, poolIds: members, excluded: [], members }, SYSTEM)) return;
  for (const m of members) {
    if (!h.task('committee-vote', 'committee', { role: 'expert', queues: ['experts'], assignee: { kind: 'sub', value: m } }, 'approve', { id: m, role: 'expert' }, { vote: 'yes' }, [0.5, 3])) return;
  }
  if (!h.add('PanelConcluded', { panelId, purpose: 'committee', result: 'passed', members: 7, responses: 7, yes: 7, no: 0, abstain: 0 }, SYSTEM)) return;
  const noticeId = randomUUID();
  if (!h.add('PublicNoticeOpened', { noticeId, scope: 'public', summary: { name: '公示', program: 'title-fast-track', title: '高级工程师' }, closesAt: new Date(h.t + 7 * DAY).toISOString(), calendarBasis: 'chinese-days' }, SYSTEM)) return;
  if (!h.add('PublicNoticeClosed', { noticeId, objections: 0 }, SYSTEM, 7 * DAY)) return;
  if (!h.task('title-sign-off', 'sign-off', { role: 'reviewer', queues: ['hrss-title-lead'] }, 'approve', staff(r, 'reviewer', 'hrss-title-lead', 2))) return;
  if (!h.add('TitleConferred', { series: '工程', level: 'senior', certificateNumber: `TITLE-${h.id.slice(0, 8)}` }, SYSTEM)) return;
  h.add('ApplicationCompleted', {}, SYSTEM);
}

/** 顶尖人才一事一议: prescreen, five experts score, leadership decides a package, notice, agreement, milestones paid. */
function topTalent(h: History): void {
  const r = h.rnd;
  const orgCode = makeUscc();
  const sponsor = person(r);
  const talent = person(r);
  if (!submit(h, { talent: { ...talent, category: 'national', honours: ['国家级人才'] }, project: { title: '新型储能材料产业化', investmentFen: 500_000_000 }, sponsorOrgCode: orgCode }, { ...sponsor, orgCode })) return;
  const office = staff(r, 'reviewer', 'talent-office', 6);
  if (!h.task('prescreen', 'prescreen', { role: 'reviewer', queues: ['talent-office'] }, 'approve', office, {}, [2, 10])) return;
  const panelId = randomUUID();
  const members = Array.from({ length: 5 }, (_, i) => `expert-${1 + ((Math.floor(r() * 40) + i) % 40)}`);
  if (!h.add('PanelDrawn', { panelId, purpose: 'expert-panel', seed: panelId.slice(0, 8), size: 5, poolIds: members, excluded: [], members }, SYSTEM)) return;
  for (const m of members) {
    if (!h.task('expert-scoring', 'expert-panel', { role: 'expert', queues: ['experts'], assignee: { kind: 'sub', value: m } }, 'approve', { id: m, role: 'expert' }, { score: 80 + Math.floor(r() * 20) }, [1, 7])) return;
  }
  if (!h.add('PanelConcluded', { panelId, purpose: 'expert-panel', result: 'passed', members: 5, responses: 5, meanScore: 88 }, SYSTEM)) return;
  const lead = staff(r, 'leadership', 'leader', 3);
  if (!h.task('leadership-decision', 'leadership-decision', { role: 'leadership', queues: ['leadership'] }, 'approve', lead, {}, [3, 20])) return;
  const total = 10_000_000 * (3 + Math.floor(r() * 8));
  const milestones = [1, 2, 3].map((y) => ({ title: `第${y}阶段`, amountFen: total / 4, dueOn: new Date(h.t + y * 365 * DAY).toISOString().slice(0, 10) }));
  if (!h.add('LeadershipDecided', { decision: 'approve', package: { totalFundingFen: total, milestones, spaceSqm: 500 }, meeting: { body: '区人才工作领导小组', date: new Date(h.t).toISOString().slice(0, 10), minutesRef: `纪要-${h.id.slice(0, 6)}` } }, lead)) return;
  const noticeId = randomUUID();
  if (!h.add('PublicNoticeOpened', { noticeId, scope: 'public', summary: { name: talent.name, program: 'top-talent', amountFen: total, project: '新型储能材料产业化' }, closesAt: new Date(h.t + 7 * DAY).toISOString(), calendarBasis: 'chinese-days' }, SYSTEM)) return;
  if (!h.add('PublicNoticeClosed', { noticeId, objections: 0 }, SYSTEM, 7 * DAY)) return;
  const applicant: ActorRef = { id: `loaded-${h.id.slice(0, 12)}`, role: 'applicant' };
  const own: TaskCandidates = { role: 'applicant', queues: ['applicants'], assignee: { kind: 'sub', value: applicant.id } };
  if (!h.task('agreement-signing', 'agreement', own, 'approve', applicant, {}, [2, 10])) return;
  if (!h.add('AgreementSigned', { by: applicant.id }, applicant)) return;
  if (!h.add('ApplicationApproved', { amountFen: total }, SYSTEM)) return;
  const items = [{ key: 'signing', purpose: '签约资助', amountFen: total / 4 }, ...milestones.map((m, i) => ({ key: `milestone-${i + 1}`, purpose: m.title, amountFen: m.amountFen, dueOn: m.dueOn }))];
  if (!h.add('PaymentScheduleSet', { items, reason: 'package' }, SYSTEM)) return;
  const finance = staff(r, 'finance', 'finance', 4);
  for (const [n, item] of items.entries()) {
    if (n > 0) {
      if (!h.task('milestone-report', 'milestones', own, 'approve', applicant, {}, [300, 360])) return;
      if (!h.task('milestone-verification', 'milestones', { role: 'reviewer', queues: ['talent-office'] }, 'approve', office, {}, [3, 15])) return;
      if (!h.add('MilestoneVerified', { key: item.key, passed: true }, office)) return;
    }
    if (!h.payment(n + 1, item.amountFen, item.key, finance)) return;
  }
  h.add('ApplicationCompleted', {}, SYSTEM);
}

/** The plan's mix: most applications are skill subsidies and graduates; few are titles and top talents. */
const MIX: [number, Program, (h: History) => void][] = [
  [0.6, 'skill-subsidy', skillSubsidy],
  [0.9, 'degree-doubling', degreeDoubling],
  [0.98, 'title-fast-track', titleFastTrack],
  [1, 'top-talent', topTalent],
];

export interface LoadResult {
  applications: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Rows written per second: events, stream heads, subject keys, application and task read models. */
  rowsPerSecond: number;
  projectionSeconds: number;
}

/** Loads `applications` histories submitted over the five years before `now`, in batches of `batch`. */
export async function bulkLoad(ds: DataSource, o: { applications: number; batch?: number; seed?: number; now?: Date; progress?: (done: number) => void }): Promise<LoadResult> {
  const store = new EventStore(ds, [new ApplicationProjection()]);
  const rnd = repeatableRandom(String(o.seed ?? 20_211_001));
  const now = (o.now ?? new Date()).getTime();
  const from = now - YEARS * 365 * DAY;
  const batch = o.batch ?? 500;
  const rowsBefore = await countRows(ds);
  const started = Date.now();
  let events = 0;
  for (let done = 0; done < o.applications; ) {
    const n = Math.min(batch, o.applications - done);
    // Submission times in increasing order across the load, so the log reads roughly as the years went.
    const histories = Array.from({ length: n }, (_, i) => {
      const submittedAt = from + ((done + i + rnd()) / o.applications) * (now - from - DAY);
      const pick = rnd();
      const [, program, build] = MIX.find(([upTo]) => pick < upTo)!;
      const h = new History(program, submittedAt, now, rnd);
      build(h);
      return h;
    });
    events += await store.importStreams(histories.filter((h) => h.events.length).map((h) => ({ streamId: h.streamId, events: h.events })));
    done += n;
    o.progress?.(done);
  }
  const loadSeconds = (Date.now() - started) / 1000;
  const rows = (await countRows(ds)) - rowsBefore;
  const p0 = Date.now();
  await new ProjectionRunner(ds, store, new AssessmentProjection(), 5000).catchUp();
  // The loaded past is not news: the notifier starts after it.
  await ds.query(
    `INSERT INTO projection_checkpoints (name, position) SELECT 'notifications', coalesce(max(position), 0) FROM events
     ON CONFLICT (name) DO UPDATE SET position = GREATEST(projection_checkpoints.position, EXCLUDED.position), updated_at = now()`,
  );
  await ds.query('ANALYZE');
  const projectionSeconds = (Date.now() - p0) / 1000;
  return { applications: o.applications, events, seconds: Math.round(loadSeconds * 10) / 10, eventsPerSecond: Math.round(events / loadSeconds), rowsPerSecond: Math.round(rows / loadSeconds), projectionSeconds: Math.round(projectionSeconds * 10) / 10 };
}

async function countRows(ds: DataSource): Promise<number> {
  const [r] = (await ds.query(
    `SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM streams) + (SELECT count(*) FROM subject_keys) + (SELECT count(*) FROM applications) + (SELECT count(*) FROM tasks) AS n`,
  )) as { n: string }[];
  return Number(r.n);
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const applications = arg('applications', 10_000);
  if (!Number.isInteger(applications) || applications < 1) throw new Error('usage: npm run load -- --applications <n> [--batch <n>] [--seed <n>]');
  await migrate();
  const ds = createDataSource({ applicationName: 'talentflow-load' });
  await ds.initialize();
  try {
    const result = await bulkLoad(ds, {
      applications,
      batch: arg('batch', 500),
      seed: arg('seed', Date.now() % 1e9),
      progress: (done) => process.stderr.write(`\rloaded ${done}/${applications} applications`),
    });
    process.stderr.write('\n');
    process.stdout.write(`${JSON.stringify(result, null, 2)}\nverify with: npm run audit -- verify\n`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
