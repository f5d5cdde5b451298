import { Gauge, Histogram, register } from 'prom-client';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '#event-store';

/** HTTP latency by route, observed by a Fastify hook. */
export const httpSeconds = new Histogram({
  name: 'talentflow_http_request_duration_seconds',
  help: 'HTTP request latency by method, route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

/**
 * Gauges read from PostgreSQL at scrape time, so they survive restarts and agree across API replicas:
 * workflow starts and completions by program (from the assessment facts), task backlog and overdue per queue
 * (from the tasks read model), projection lag (log head − checkpoint).
 */
export function registerDatabaseGauges(ds: DataSource, runner: ProjectionRunner): void {
  if (register.getSingleMetric('talentflow_workflow_starts')) return;
  new Gauge({
    name: 'talentflow_workflow_starts',
    help: 'Applications (workflows) started, by program',
    labelNames: ['program'],
    async collect() {
      this.reset();
      for (const r of (await ds.query(`SELECT program, count(*)::int AS n FROM applications GROUP BY program`)) as { program: string; n: number }[]) this.set({ program: r.program }, r.n);
    },
  });
  new Gauge({
    name: 'talentflow_workflow_completions',
    help: 'Applications whose workflow has finished, by program and final status',
    labelNames: ['program', 'status'],
    async collect() {
      this.reset();
      const rows = (await ds.query(
        `SELECT program, status, count(*)::int AS n FROM applications WHERE status IN ('completed', 'rejected', 'withdrawn', 'lapsed', 'terminated') GROUP BY program, status`,
      )) as { program: string; status: string; n: number }[];
      for (const r of rows) this.set({ program: r.program, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'talentflow_task_backlog',
    help: 'Open and claimed tasks per queue',
    labelNames: ['queue'],
    async collect() {
      this.reset();
      for (const r of (await ds.query(`SELECT queue, count(*)::int AS n FROM tasks WHERE status IN ('open', 'claimed') GROUP BY queue`)) as { queue: string; n: number }[]) this.set({ queue: r.queue }, r.n);
    },
  });
  new Gauge({
    name: 'talentflow_tasks_overdue',
    help: 'Open and claimed tasks past their due time, per queue',
    labelNames: ['queue'],
    async collect() {
      this.reset();
      for (const r of (await ds.query(`SELECT queue, count(*)::int AS n FROM tasks WHERE status IN ('open', 'claimed') AND due_at < now() GROUP BY queue`)) as { queue: string; n: number }[]) this.set({ queue: r.queue }, r.n);
    },
  });
  new Gauge({
    name: 'talentflow_projection_lag_events',
    help: 'Events in the log not yet applied by the async projection',
    labelNames: ['projection'],
    async collect() {
      const lag = await runner.lag();
      this.set({ projection: lag.name }, lag.lag);
    },
  });
}
