import { Program } from '../shared/programs';
import { TimerSpec } from '../shared/timers';
import { Town } from './towns';

/** What every program's policy carries; each program adds its own numbers. */
export interface PolicyBase {
  towns: Town[];
  /** Every wait a workflow makes, by name. */
  timers: Record<string, TimerSpec>;
}

/** A published, versioned policy as the API and workflows receive it. */
export interface PublishedPolicy<P extends PolicyBase = PolicyBase> {
  program: Program;
  version: number;
  publishedAt: string;
  policy: P;
}
