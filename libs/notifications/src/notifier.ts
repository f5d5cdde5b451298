import { DataSource } from 'typeorm';
import { EventStore, ProjectionRunner } from '#event-store';
import { PublishedCalendars } from '#registries';
import { EmailChannel, LoggingSmsGateway, NotificationChannel } from './channels';
import { scanDeadlines } from './deadlines';
import { NotificationPolicies, NotificationProjection } from './notification.projection';
import { DEFAULT_OUTBOX_OPTIONS, Outbox, OutboxOptions } from './outbox';

export interface NotifierOptions {
  channels: NotificationChannel[];
  outbox?: Partial<OutboxOptions>;
  /** How often the log is followed and the outbox emptied. */
  intervalMs?: number;
  /** How often deadlines are looked at (reminders, tasks due tomorrow). */
  scanIntervalMs?: number;
}

/** The channels the environment configures: e-mail when SMTP_URL is set; SMS by the logging stand-in unless NOTIFY_SMS=off. */
export function channelsFromEnv(env: NodeJS.ProcessEnv = process.env): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  if (env.SMTP_URL) channels.push(new EmailChannel(env.SMTP_URL, env.NOTIFY_FROM ?? 'TalentFlow 人才服务 <noreply@talentflow.local>'));
  if ((env.NOTIFY_SMS ?? 'log') === 'log') channels.push(new LoggingSmsGateway());
  return channels;
}

export function outboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<OutboxOptions> {
  const n = (name: string) => (env[name] !== undefined && Number(env[name]) > 0 ? Number(env[name]) : undefined);
  return Object.fromEntries(
    Object.entries({ baseDelayMs: n('NOTIFY_RETRY_BASE_MS'), maxDelayMs: n('NOTIFY_RETRY_MAX_MS'), maxAttempts: n('NOTIFY_MAX_ATTEMPTS') }).filter(([, v]) => v !== undefined),
  );
}

/**
 * Notifications in one place for a worker process: follows the log (a projection with its own checkpoint),
 * scans deadlines, and empties the outbox. Several workers may each run one: the checkpoint row is locked per
 * batch, notifications are keyed, and deliveries are claimed with SKIP LOCKED.
 */
export class Notifier {
  readonly runner: ProjectionRunner;
  readonly outbox: Outbox;
  private readonly policies: NotificationPolicies;
  private readonly calendars: PublishedCalendars;
  private timers: NodeJS.Timeout[] = [];
  /** One guard per job: a long outbox drain does not starve the deadline scan. */
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ds: DataSource,
    store: EventStore,
    private readonly options: NotifierOptions,
  ) {
    this.policies = new NotificationPolicies(ds);
    this.calendars = new PublishedCalendars(ds);
    this.runner = new ProjectionRunner(ds, store, new NotificationProjection(this.policies));
    this.outbox = new Outbox(ds, options.channels, { ...DEFAULT_OUTBOX_OPTIONS, ...(options.outbox ?? {}) });
  }

  /** Follows the log and sends what is due, once; answers how many deliveries it attempted. */
  async tick(): Promise<number> {
    await this.runner.catchUp();
    let attempted = 0;
    for (let n = await this.outbox.dispatchOnce(); n > 0; n = await this.outbox.dispatchOnce()) attempted += n;
    return attempted;
  }

  scan(now = new Date()): Promise<number> {
    return scanDeadlines(this.ds, this.policies, this.calendars, now);
  }

  start(): void {
    if (this.timers.length) return;
    const every = (name: string, ms: number, work: () => Promise<unknown>) => {
      const timer = setInterval(() => {
        if (this.busy.has(name)) return;
        this.busy.set(
          name,
          work()
            .catch((err) => process.stderr.write(`notifications (${name}): ${String(err)}\n`))
            .finally(() => this.busy.delete(name)),
        );
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every('log and outbox', this.options.intervalMs ?? 1000, () => this.tick());
    every('deadlines', this.options.scanIntervalMs ?? 60_000, () => this.scan());
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all(this.busy.values());
    for (const c of this.options.channels) (c as { close?: () => void }).close?.();
  }
}
