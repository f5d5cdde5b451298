import { Program } from '../shared/programs';
import { TimerSpec } from '../shared/timers';
import { Town } from './towns';

/** What every program's policy carries; each program adds its own numbers. */
export interface PolicyBase {
  towns: Town[];
  /** Every wait a workflow makes, by name. */
  timers: Record<string, TimerSpec>;
  /** 一次性告知: rounds of 退回补正 per application (absent in versions published before: 2). */
  limits?: { maxReturns: number };
  /** Texts the decisions carry (absent in versions published before: the defaults of procedure.ts). */
  rights?: { reconsiderationUpheld: string };
  /** How many years records are kept after an application closes (then its applicant's data may be erased; 0: at once). */
  retention?: { years: number };
}

/** A published, versioned policy as the API and workflows receive it. */
export interface PublishedPolicy<P extends PolicyBase = PolicyBase> {
  program: Program;
  version: number;
  publishedAt: string;
  policy: P;
}
