import { BeforeApplicationShutdown, Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Connection } from '@temporalio/client';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { DATA_SOURCE } from '#event-store';
import { TEMPORAL_CONFIG, TEMPORAL_CONNECTION, TemporalConfig } from '#temporal';
import { Public } from '../auth/auth.decorators';

type Check = 'up' | 'down';

/** Which PostgreSQL: the project's embedded server (started by npm start / the tests) or one named by DATABASE_URL. */
function databaseMode(): 'embedded' | 'external' {
  return process.env.TALENTFLOW_DATABASE_MODE === 'embedded' ? 'embedded' : 'external';
}

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController implements BeforeApplicationShutdown {
  /** Checks under way: the connection must outlive them (its retry timers fail loudly on a closed channel). */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** After a failed Temporal check the client may still have a retry scheduled until about then. */
  private retriesQuietAt = 0;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
    @Inject(TEMPORAL_CONFIG) private readonly config: TemporalConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness of PostgreSQL (and whether it is the embedded server) and Temporal; 503 when either is down' })
  async health(
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ status: 'ok' | 'degraded'; checks: { postgres: { status: Check; mode: 'embedded' | 'external' }; temporal: Check } }> {
    const checks = Promise.all([
      within(2000, this.ds.query('SELECT 1')).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      within(2000, this.temporal.withDeadline(Date.now() + 1900, () => this.temporal.workflowService.describeNamespace({ namespace: this.config.namespace }))).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    this.inFlight.add(checks);
    const [postgres, temporal] = await checks.finally(() => this.inFlight.delete(checks));
    if (temporal === 'down') this.retriesQuietAt = Date.now() + 2500;
    const ok = postgres === 'up' && temporal === 'up';
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks: { postgres: { status: postgres, mode: databaseMode() }, temporal } };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    const wait = this.retriesQuietAt - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}
