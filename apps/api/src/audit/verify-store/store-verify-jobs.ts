import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Checkpoints, CheckpointVerdict, StoreVerdict, verifyAll, DATA_SOURCE } from '#event-store';

export type VerifyJobStatus = 'running' | 'succeeded' | 'failed';

export interface VerifyJob {
  jobId: string;
  status: VerifyJobStatus;
  startedBy: string;
  startedAt: string;
  finishedAt?: string;
  events: number;
  totalEvents: number;
  streams: number;
  result?: StoreVerdict & { checkpoints: CheckpointVerdict[] };
  error?: string;
}

const KEEP_FINISHED_MS = 60 * 60_000;
const MAX_JOBS = 50;

/**
 * Whole-store verification as a background job in this API process: the page starts it and follows its progress.
 * Jobs live in memory (a restart forgets them; the verification itself changes nothing, so it is simply run again).
 * One run at a time: a second request while one runs gets that run.
 */
@Injectable()
export class StoreVerifyJobs implements OnModuleDestroy {
  private readonly jobs = new Map<string, VerifyJob>();
  private stopped = false;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly checkpointLog: Checkpoints,
  ) {}

  start(startedBy: string): VerifyJob {
    this.forgetOld();
    const running = [...this.jobs.values()].find((j) => j.status === 'running');
    if (running) return running;
    const job: VerifyJob = { jobId: randomUUID(), status: 'running', startedBy, startedAt: new Date().toISOString(), events: 0, totalEvents: 0, streams: 0 };
    this.jobs.set(job.jobId, job);
    void this.run(job);
    return job;
  }

  get(jobId: string): VerifyJob | undefined {
    return this.jobs.get(jobId);
  }

  onModuleDestroy(): void {
    this.stopped = true;
  }

  private async run(job: VerifyJob): Promise<void> {
    try {
      const verdict = await verifyAll(this.ds, {
        pageSize: 2000,
        onProgress: (p) => {
          if (this.stopped) throw new Error('the API is shutting down');
          Object.assign(job, p);
        },
      });
      const checkpoints = await this.checkpointLog.verifyAll();
      job.result = { ...verdict, valid: verdict.valid && checkpoints.every((c) => c.valid), checkpoints };
      job.events = verdict.events;
      job.streams = verdict.streams;
      job.totalEvents = Math.max(job.totalEvents, verdict.events);
      job.status = 'succeeded';
    } catch (e) {
      job.status = 'failed';
      job.error = e instanceof Error ? e.message : String(e);
    } finally {
      job.finishedAt = new Date().toISOString();
    }
  }

  private forgetOld(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && now - Date.parse(job.finishedAt) > KEEP_FINISHED_MS) this.jobs.delete(id);
    }
    while (this.jobs.size >= MAX_JOBS) {
      const oldest = [...this.jobs.values()].find((j) => j.status !== 'running');
      if (!oldest) break;
      this.jobs.delete(oldest.jobId);
    }
  }
}
