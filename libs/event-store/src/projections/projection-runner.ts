import { DataSource, EntityManager } from 'typeorm';
import { EventStore, StoredEvent } from '../event-store';

/** An asynchronous projection: applies events in position order; `reset` empties what it keeps. */
export interface AsyncProjection {
  readonly name: string;
  apply(m: EntityManager, event: StoredEvent): Promise<void>;
  reset(m: EntityManager): Promise<void>;
}

export interface ProjectionLag {
  name: string;
  checkpoint: number;
  head: number;
  lag: number;
}

/**
 * Follows the global position with a stored checkpoint. Each batch is applied and the checkpoint advanced in
 * one transaction, so a crash repeats nothing and skips nothing; `readAll` never returns past a position still
 * in flight (see EventStore). `rebuild` resets the projection and replays the log from zero.
 */
export class ProjectionRunner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly ds: DataSource,
    private readonly store: EventStore,
    private readonly projection: AsyncProjection,
    private readonly batchSize = 500,
  ) {}

  async checkpoint(): Promise<number> {
    const [row] = (await this.ds.query(`SELECT position FROM projection_checkpoints WHERE name = $1`, [this.projection.name])) as { position: string }[];
    return row ? Number(row.position) : 0;
  }

  /** Applies everything available now; returns how many events it applied. */
  catchUp(): Promise<number> {
    // One catch-up at a time per runner; a second caller waits for the one under way.
    this.running ??= this.loop().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loop(): Promise<number> {
    let applied = 0;
    for (;;) {
      const from = await this.checkpoint();
      const events = await this.store.readAll(from, this.batchSize);
      if (events.length === 0) return applied;
      await this.ds.transaction(async (m) => {
        // The checkpoint row is locked: two runners (two workers) never apply the same batch twice.
        await m.query(`INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING`, [this.projection.name]);
        const locked = (await m.query(`SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE`, [this.projection.name])) as { position: string }[];
        const current = Number(locked[0].position);
        const fresh = events.filter((e) => e.position > current);
        for (const event of fresh) await this.projection.apply(m, event);
        const last = events[events.length - 1].position;
        if (last > current) await m.query(`UPDATE projection_checkpoints SET position = $2, updated_at = now() WHERE name = $1`, [this.projection.name, last]);
        applied += fresh.length;
      });
    }
  }

  async lag(): Promise<ProjectionLag> {
    const [{ head }] = (await this.ds.query(`SELECT coalesce(max(position), 0)::bigint AS head FROM events`)) as { head: string }[];
    const checkpoint = await this.checkpoint();
    return { name: this.projection.name, checkpoint, head: Number(head), lag: Math.max(0, Number(head) - checkpoint) };
  }

  /** Drops what the projection keeps and replays the whole log. */
  async rebuild(): Promise<number> {
    await this.running;
    await this.ds.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`rebuild:${this.projection.name}`]);
      await this.projection.reset(m);
      await m.query(
        `INSERT INTO projection_checkpoints (name, position) VALUES ($1, 0) ON CONFLICT (name) DO UPDATE SET position = 0, updated_at = now()`,
        [this.projection.name],
      );
    });
    return this.catchUp();
  }

  start(intervalMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.catchUp().catch((err) => process.stderr.write(`projection ${this.projection.name}: ${String(err)}\n`));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
