import {
  ActivityOptions,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ActorRef, ApplicationEvent, DocumentRef, CalendarBasis, CheckEvidence, DecisionUnderReview, RecordedEvent, ReturnItem, TaskCandidates, TaskOutcome, TimerSpec } from '#domain';
import {
  ApplicationCommand,
  TaskActor as TaskActionArgsActor,
  decide,
  ApplicationState,
  TaskState,
  evolve,
  DomainError,
  CLOSED_STATUSES,
  TASK_KINDS,
  procedureOf,
  streamIdOf,
} from '#domain';
import {
  ApplicationInput,
  ApplicationSummary,
  CompleteTaskArgs,
  claimTaskUpdate,
  completeTaskUpdate,
  fileObjectionUpdate,
  reassignTaskUpdate,
  releaseTaskUpdate,
  requestReconsiderationUpdate,
  submitStatementUpdate,
  submittedUpdate,
  summaryQuery,
  supplementUpdate,
  withdrawUpdate,
} from './application.messages';
import type { CoreActivities } from './core.activities';

export const SYSTEM: ActorRef = { id: 'talentflow', role: 'system' };

/** Activities retry until they succeed (Postgres down, worker killed) unless the error is a domain verdict. */
export const ACTIVITY_OPTIONS: ActivityOptions = {
  // Appends take milliseconds; a short timeout lets a killed worker's activities be retried elsewhere soon.
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '500 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['STREAM.WRONG_EXPECTED_VERSION', 'DomainError'],
  },
};

const core = proxyActivities<CoreActivities>(ACTIVITY_OPTIONS);

/**
 * Appends and deadline lookups as local activities: they take milliseconds, and running them inside the workflow
 * task saves the server a schedule/start/complete round trip each. A worker that dies mid-append makes the
 * workflow task run again elsewhere; the append carries the same deterministic event ids, so it is a no-op.
 */
const localCore = proxyLocalActivities<CoreActivities>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '10 seconds',
  retry: ACTIVITY_OPTIONS.retry,
});

/** Histories recorded before local appends keep replaying with ordinary activities. */
const LOCAL_CORE_ACTIVITIES = 'local-core-activities';

/** Histories recorded before task updates waited for a task not replayed yet keep replaying without the wait. */
const AWAIT_UNKNOWN_TASK = 'await-unknown-task';

/**
 * How long a task update waits for a task the read model shows but this run does not know yet: after a worker
 * crash the task's append is committed, while the replayed run stores it again only when its main line gets there.
 */
const UNKNOWN_TASK_WAIT_MS = 60_000;

/** Histories recorded before 复核 end with the rejection; since, the workflow stays open for the window. */
const RECONSIDERATION = 'reconsideration';

/** Histories recorded before a stop or termination could be reconsidered end with the stop (and its clawback). */
const RECONSIDER_STOPS = 'reconsider-stops';

/** Histories recorded before 一次性告知 limited the returns for supplement keep replaying without the limit. */
const RETURN_LIMIT = 'return-limit';

/** Histories recorded before a leadership decision had to record its meeting keep replaying without it. */
const LEADERSHIP_MEETING = 'leadership-meeting';

/** Histories recorded before the employer's confirmation recorded the labour contract keep replaying without it. */
const CONTRACT_CONFIRMATION = 'contract-confirmation';

function coreActivities(): CoreActivities {
  return patched(LOCAL_CORE_ACTIVITIES) ? localCore : core;
}

/** When a message's answer is sent: once its events are stored, or once the main line has acted on them. */
export type AnswerWhen = 'stored' | 'settled';

/**
 * Registers the messages every application answers (summary query; submitted, claim, release, reassign, complete,
 * withdraw, supplement and objection updates with their validators). Each workflow calls it first thing, before
 * its main line, so that no message can arrive unanswered.
 */
export function registerApplicationHandlers(app: ApplicationProcess<unknown>): void {
  app.registerHandlers();
}

export interface HumanTaskSpec {
  kind: string;
  stage: string;
  candidates: TaskCandidates;
  outcomes: TaskOutcome[];
  sla: TimerSpec;
  escalationQueue?: string;
  priority?: number;
  /** What an overdue task does: escalate (default) and keep waiting, or end cancelled for the caller to act on. */
  onOverdue?: 'escalate' | 'cancel';
  /** A fixed due instant instead of the SLA (a committee sitting that closes for everyone at once). */
  dueAt?: string;
  /** People who hold the queue but may not act (回避). */
  recused?: string[];
  /** Work on a file that stays to do after it closed (recovering a clawback): the close does not end the task. */
  afterClose?: boolean;
}

export interface CreatedTask {
  taskId: string;
  dueAt: string;
}

export function toFailure(err: unknown): unknown {
  if (err instanceof DomainError) {
    return ApplicationFailure.create({ type: err.code, message: err.message, details: [err.details], nonRetryable: true });
  }
  return err;
}

/**
 * One application's process, shared by every program's workflow: it owns the state, turns commands into
 * events through the decider, appends them one command at a time (the workflow is the single writer of its
 * stream), and answers the updates every program has: claim, release, complete, withdraw, supplement.
 */
export class ApplicationProcess<F = unknown> {
  private current: ApplicationState | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** The stream version at which the main line last started waiting; null while it works. */
  private waitingAt: number | null = null;
  private done = false;
  /** Commands queued or running; the read model may already show what they store. */
  private inFlight = 0;
  /** Automatic verdicts (check reasons) a reconsideration set aside: they no longer stop this file. */
  private readonly overruled = new Set<string>();

  constructor(readonly input: ApplicationInput) {}

  get state(): ApplicationState {
    if (!this.current) throw new Error('application not submitted yet');
    return this.current;
  }

  /** The application's form as it stands now (a supplement may have corrected it), typed by the program. */
  get form(): F {
    return this.state.form as F;
  }

  get closed(): boolean {
    return this.current !== null && CLOSED_STATUSES.includes(this.current.status);
  }

  get workflowId(): string {
    return workflowInfo().workflowId;
  }

  summary(): ApplicationSummary {
    const s = this.state;
    return { id: s.id, program: s.program, status: s.status, stage: s.stage, version: s.version, workflowId: this.workflowId };
  }

  /** Stores ApplicationSubmitted, the first event of every application. */
  async submit(): Promise<void> {
    const i = this.input;
    await this.enqueue(this.input.submittedBy, () => [
      {
        type: 'ApplicationSubmitted',
        data: {
          applicationId: i.applicationId,
          program: i.program,
          town: i.town,
          policyVersion: i.policy.version,
          applicant: i.applicant,
          form: i.form,
          requestHash: i.requestHash,
          ...(i.documents?.length ? { documents: i.documents } : {}),
        },
      },
    ]);
  }

  /** Runs a command against the state as it is when its turn comes, and stores what it decides. */
  execute(command: ApplicationCommand, actor: ActorRef = SYSTEM): Promise<RecordedEvent[]> {
    return this.enqueue(actor, (state) => decide(command, state!));
  }

  private enqueue(actor: ActorRef, decideEvents: (state: ApplicationState | null) => ApplicationEvent[]): Promise<RecordedEvent[]> {
    const run = async (): Promise<RecordedEvent[]> => {
      const events = decideEvents(this.current);
      if (events.length === 0) return [];
      const expectedVersion = this.current?.version ?? 0;
      const metadata = { actor, workflowId: this.workflowId, policyVersion: this.input.policy.version };
      const stored = await coreActivities().appendEvents(
        streamIdOf(this.input.applicationId),
        expectedVersion,
        events.map((e) => ({ eventId: uuid4(), type: e.type, schemaVersion: 1, data: e.data, metadata })),
      );
      const before = this.current?.status;
      for (const event of stored) this.current = evolve(this.current, event as RecordedEvent & ApplicationEvent);
      if (this.input.searchAttributes !== false && this.current && this.current.status !== before) {
        upsertSearchAttributes({ ApplicationStatus: [this.current.status] });
      }
      return stored;
    };
    this.inFlight += 1;
    const result = this.queue.then(run, run).finally(() => {
      this.inFlight -= 1;
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The main line waits here; handlers that must answer with settled state wait for it to come back. */
  async waitFor(predicate: () => boolean, timeoutMs?: number): Promise<boolean> {
    this.waitingAt = this.current?.version ?? 0;
    try {
      if (timeoutMs === undefined) {
        await condition(predicate);
        return true;
      }
      return await condition(predicate, Math.max(1, timeoutMs));
    } finally {
      this.waitingAt = null;
    }
  }

  private async settledAfter(version: number): Promise<void> {
    await condition(() => this.done || (this.waitingAt !== null && this.waitingAt >= version));
  }

  async deadline(spec: TimerSpec): Promise<{ dueAt: string; basis: CalendarBasis; ms: number }> {
    const now = new Date();
    const { dueAt, basis } = await coreActivities().computeDeadline(now.toISOString(), spec);
    return { dueAt, basis, ms: Date.parse(dueAt) - now.getTime() };
  }

  /** When a wait of `spec` that starts at `from` ends (anniversaries count from the approval, not from now). */
  async deadlineFrom(from: string, spec: TimerSpec): Promise<{ dueAt: string; basis: CalendarBasis }> {
    return coreActivities().computeDeadline(from, spec);
  }

  /** Opens a task and returns at once; the caller waits for it (several at a time, for panels). */
  async createTask(spec: HumanTaskSpec): Promise<CreatedTask> {
    const due = spec.dueAt ? { dueAt: spec.dueAt, basis: 'chinese-days' as const } : await this.deadline(spec.sla);
    const taskId = uuid4();
    await this.execute({
      type: 'CreateTask',
      task: {
        taskId,
        kind: spec.kind,
        stage: spec.stage,
        candidates: spec.candidates,
        outcomes: spec.outcomes,
        priority: spec.priority ?? 0,
        dueAt: due.dueAt,
        calendarBasis: due.basis,
        escalationQueue: spec.escalationQueue,
        ...(spec.recused?.length ? { recused: spec.recused } : {}),
      },
    });
    return { taskId, dueAt: due.dueAt };
  }

  /** Has this task ended (completed or cancelled), or the application closed (unless the task outlives that)? */
  taskEnded(taskId: string, afterClose = false): boolean {
    const task = this.state.tasks[taskId];
    return task.status === 'completed' || task.status === 'cancelled' || (this.closed && !afterClose);
  }

  /**
   * A human step: creates the task, waits for its completion, and when its SLA passes escalates it once (or,
   * with onOverdue 'cancel', cancels it). Returns the task as it ended (completed, or cancelled when the
   * application closed meanwhile or the task was overdue).
   */
  async humanTask(spec: HumanTaskSpec): Promise<TaskState> {
    const { taskId, dueAt } = await this.createTask(spec);
    const ended = () => this.taskEnded(taskId, spec.afterClose);
    if (!(await this.waitFor(ended, Date.parse(dueAt) - Date.now()))) {
      if (spec.onOverdue === 'cancel') {
        await this.execute({ type: 'CancelTask', taskId, reason: 'overdue' });
      } else {
        await this.execute({ type: 'EscalateTask', taskId });
      }
      await this.waitFor(ended);
    }
    return this.state.tasks[taskId];
  }

  /** Ms from now until an instant (at least 1, as a timer needs). */
  msUntil(instant: string): number {
    return Math.max(1, Date.parse(instant) - Date.now());
  }

  /**
   * A new run after continue-as-new: the state is folded from the stored events, not carried in the input, so
   * the run's history starts small whatever came before.
   */
  async resume(): Promise<void> {
    const state = await coreActivities().loadApplication(streamIdOf(this.input.applicationId));
    if (!state) throw ApplicationFailure.create({ type: 'APPLICATION.NOT_FOUND', message: 'no events to resume from', nonRetryable: true });
    this.current = state;
  }

  /** Waits for in-flight updates, then continues as a new run with `input`. */
  async continueAsNew(input: ApplicationInput): Promise<never> {
    this.done = true;
    await condition(allHandlersFinished);
    return continueAsNew<(i: ApplicationInput) => Promise<ApplicationSummary>>(input);
  }

  /**
   * 退回补正: asks the applicant for a supplement — the items the reviewer listed (一次性告知) — and waits for it,
   * or lapses the application.
   */
  async awaitSupplement(taskId: string, comment: string, window: TimerSpec): Promise<'provided' | 'lapsed' | 'closed'> {
    const due = await this.deadline(window);
    const items = this.state.tasks[taskId]?.fields?.items as ReturnItem[] | undefined;
    await this.execute({ type: 'RequestSupplement', taskId, comment, dueAt: due.dueAt, calendarBasis: due.basis, ...(items?.length ? { items } : {}) });
    const answered = await this.waitFor(() => this.state.status !== 'awaiting-supplement', due.ms);
    if (!answered) {
      await this.execute({ type: 'Lapse', reason: 'SUPPLEMENT_NOT_RECEIVED' });
    }
    if (this.state.status === 'lapsed') return 'lapsed';
    return this.closed ? 'closed' : 'provided';
  }

  /** The first failed check that still stops this file: a verdict set aside on reconsideration does not. */
  failedCheck(evidence: CheckEvidence[]): CheckEvidence | undefined {
    return evidence.find((e) => !e.passed && !this.overruled.has(e.reason ?? e.check));
  }

  /**
   * 复核: after a rejection, the applicant may ask within the policy's window for the decision to be
   * reconsidered; the program's lead queue decides (whoever took the decision is recused). Answers the decision
   * when it was set aside — the caller sends the file back to the step it was stopped at — or null when the
   * decision is final (upheld, not asked for in time, already reconsidered once, or nothing to reconsider).
   */
  async offerReconsideration(leadQueue: string): Promise<DecisionUnderReview | null> {
    // A stop or termination is offered at the step that took it (offerStopReconsideration), where the program knows
    // how to run on when it is set aside.
    if (this.state.status !== 'rejected') return null;
    if (!patched(RECONSIDERATION)) return null;
    return this.reconsider(leadQueue);
  }

  /**
   * Whether a stop or termination of this run may be reconsidered (复核): runs that began before ended with the
   * stop, and claimed its clawback at once. Since, the clawback is claimed once the stop is final.
   */
  reconsidersStops(): boolean {
    return patched(RECONSIDER_STOPS);
  }

  /**
   * 复核 of a stop or termination (the benefit stopped by a human decision after 陈述申辩): the same window, lead
   * queue and recusal as for a rejection. Answers true when the stop was set aside — the benefit runs on from
   * `resumeStage` — and false when it is final.
   */
  async offerStopReconsideration(leadQueue: string, resumeStage: string): Promise<boolean> {
    if (this.state.status !== 'terminated' || !this.reconsidersStops()) return false;
    return (await this.reconsider(leadQueue, resumeStage)) !== null;
  }

  private async reconsider(leadQueue: string, resumeStage?: string): Promise<DecisionUnderReview | null> {
    const procedure = procedureOf(this.input.policy.policy);
    const window = await this.deadline(procedure.reconsiderationWindow);
    const opened = await this.execute({ type: 'OpenReconsiderationWindow', dueAt: window.dueAt, calendarBasis: window.basis });
    if (opened.length === 0) return null;
    const requested = () => this.state.status === 'reconsidering';
    if (!(await this.waitFor(requested, window.ms))) {
      await this.execute({ type: 'CloseReconsiderationWindow' });
      if (!requested()) return null; // a request that came in the same instant as the window's end still counts
    }
    const decision = this.state.reconsideration!.decision;
    const task = await this.humanTask({
      kind: TASK_KINDS.reconsideration,
      stage: 'reconsideration',
      candidates: { role: 'reviewer', queues: [leadQueue] },
      outcomes: ['uphold', 'overturn'],
      sla: procedure.reconsiderationReview,
      recused: decision.deciders,
    });
    const by = task.completedBy ?? SYSTEM.id;
    const comment = task.comment ?? '';
    if (task.outcome !== 'overturn') {
      await this.execute({ type: 'DecideReconsideration', outcome: 'uphold', by, comment, rights: procedure.rightsStatement });
      return null;
    }
    await this.execute({ type: 'DecideReconsideration', outcome: 'overturn', by, comment, resumeStage: resumeStage ?? decision.stage });
    if (decision.automatic) this.overruled.add(decision.reason);
    return decision;
  }

  /** Waits for in-flight updates to answer before the workflow returns. */
  async finish(): Promise<ApplicationSummary> {
    this.done = true;
    await condition(allHandlersFinished);
    return this.summary();
  }

  private validate(command: ApplicationCommand): void {
    if (!this.current) throw ApplicationFailure.create({ type: 'APPLICATION.NOT_READY', message: 'application not submitted yet', nonRetryable: true });
    try {
      decide(command, this.current);
    } catch (err) {
      // The API found this task in the read model, so its append is committed: either it is in flight here, or
      // (after a worker crash) this replayed run has not reached it yet. The handler waits for it (awaitTask)
      // and decides again against the state it produced; a task that never comes is still TASK.NOT_FOUND.
      if (err instanceof DomainError && err.code === 'TASK.NOT_FOUND' && !this.closed) return;
      throw toFailure(err);
    }
  }

  /** Lets a task command wait, bounded, for a task this run has not stored (again) yet; see `validate`. */
  private async awaitTask(command: ApplicationCommand): Promise<void> {
    if (!('taskId' in command) || this.current?.tasks[command.taskId] || this.inFlight > 0) return;
    if (!patched(AWAIT_UNKNOWN_TASK)) return;
    await condition(() => Boolean(this.current?.tasks[command.taskId]) || this.closed, UNKNOWN_TASK_WAIT_MS);
  }

  /**
   * Runs a command from a message and answers with the summary — when `answer` is 'stored', as soon as its events
   * are stored; when 'settled', once the main line has acted on them and waits again (a completion answers with
   * the next step already open: read-your-writes for the person who acted).
   */
  private async run(command: ApplicationCommand, actor: ActorRef, answer: AnswerWhen): Promise<ApplicationSummary> {
    try {
      await this.awaitTask(command);
      const stored = await this.execute(command, actor);
      if (answer === 'settled' && stored.length > 0) await this.settledAfter(stored[stored.length - 1].version);
      return this.summary();
    } catch (err) {
      throw toFailure(err);
    }
  }

  /** The messages every program answers; see registerApplicationHandlers. */
  registerHandlers(): void {
    // Decided once, at the start (validators may not record markers): runs of before keep no limit.
    const maxReturns = patched(RETURN_LIMIT) ? procedureOf(this.input.policy.policy).maxReturns : undefined;
    const requireMeeting = this.input.program === 'top-talent' && patched(LEADERSHIP_MEETING);
    const confirmContract = this.input.program === 'degree-doubling' && patched(CONTRACT_CONFIRMATION);
    setHandler(summaryQuery, () => (this.current ? this.summary() : null));
    setHandler(submittedUpdate, async ({ requestId }) => {
      await condition(() => this.current !== null);
      return { ...this.summary(), created: requestId === this.input.requestId, requestHash: this.input.requestHash };
    });

    setHandler(
      claimTaskUpdate,
      (a) => this.run({ type: 'ClaimTask', taskId: a.taskId, actor: a.actor }, { id: a.actor.id, role: a.role }, 'stored'),
      { validator: (a) => this.validate({ type: 'ClaimTask', taskId: a.taskId, actor: a.actor }) },
    );
    setHandler(
      releaseTaskUpdate,
      (a) => this.run({ type: 'ReleaseTask', taskId: a.taskId, actor: a.actor }, { id: a.actor.id, role: a.role }, 'stored'),
      { validator: (a) => this.validate({ type: 'ReleaseTask', taskId: a.taskId, actor: a.actor }) },
    );
    const reassign = (a: { taskId: string; actor: TaskActionArgsActor; to: string; reason: string }): ApplicationCommand => ({
      type: 'ReassignTask',
      taskId: a.taskId,
      actor: a.actor,
      to: a.to,
      reason: a.reason,
    });
    setHandler(reassignTaskUpdate, (a) => this.run(reassign(a), { id: a.actor.id, role: a.role }, 'stored'), {
      validator: (a) => this.validate(reassign(a)),
    });
    const completion = (a: CompleteTaskArgs): ApplicationCommand => ({
      type: 'CompleteTask',
      taskId: a.taskId,
      actor: a.actor,
      outcome: a.outcome,
      comment: a.comment,
      fields: a.fields ?? {},
      ...(a.documents?.length ? { documents: a.documents } : {}),
      ...(maxReturns !== undefined ? { maxReturns } : {}),
      ...(requireMeeting ? { requireMeeting } : {}),
      ...(confirmContract ? { confirmContract } : {}),
    });
    setHandler(completeTaskUpdate, (a) => this.run(completion(a), { id: a.actor.id, role: a.role }, 'settled'), {
      validator: (a) => this.validate(completion(a)),
    });
    setHandler(withdrawUpdate, (a) => this.run({ type: 'Withdraw', reason: a.reason }, a.actor, 'stored'), {
      validator: (a) => this.validate({ type: 'Withdraw', reason: a.reason }),
    });
    const supplement = (a: { message: string; form?: Record<string, unknown>; answers?: number[]; documents?: DocumentRef[] }): ApplicationCommand => ({
      type: 'ProvideSupplement',
      message: a.message,
      form: a.form,
      now: new Date().toISOString(),
      ...(a.answers?.length ? { answers: a.answers } : {}),
      ...(a.documents?.length ? { documents: a.documents } : {}),
    });
    setHandler(supplementUpdate, (a) => this.run(supplement(a), a.actor, 'settled'), {
      validator: (a) => this.validate(supplement(a)),
    });
    const objection = (a: { actor: ActorRef; text: string }, objectionId: string): ApplicationCommand => ({
      type: 'FileObjection',
      objectionId,
      by: a.actor.id,
      text: a.text,
    });
    setHandler(fileObjectionUpdate, (a) => this.run(objection(a, uuid4()), a.actor, 'stored'), {
      validator: (a) => this.validate(objection(a, 'validation')),
    });
    const reconsideration = (a: { actor: ActorRef; reason: string }): ApplicationCommand => ({
      type: 'RequestReconsideration',
      reason: a.reason,
      by: a.actor.id,
      now: new Date().toISOString(),
    });
    setHandler(requestReconsiderationUpdate, (a) => this.run(reconsideration(a), a.actor, 'settled'), {
      validator: (a) => this.validate(reconsideration(a)),
    });
    const statement = (a: { actor: ActorRef; text: string }): ApplicationCommand => ({ type: 'SubmitStatement', text: a.text, by: a.actor.id, now: new Date().toISOString() });
    setHandler(submitStatementUpdate, (a) => this.run(statement(a), a.actor, 'stored'), {
      validator: (a) => this.validate(statement(a)),
    });
  }
}
