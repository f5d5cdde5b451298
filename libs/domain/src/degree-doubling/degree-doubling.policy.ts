import { PolicyBase } from '../policy/policy-document';
import { XIUZHOU_TOWNS } from '../policy/towns';
import { Program } from '../shared/programs';
import { TimerSpec } from '../shared/timers';

export const DEGREES = ['master', 'phd'] as const;
export type Degree = (typeof DEGREES)[number];

export interface DegreeDoublingPolicy extends PolicyBase {
  settlingFen: Record<Degree, number>;
  livingAllowanceFenPerYear: Record<Degree, number>;
  /** Living-allowance instalments, one per anniversary of approval. */
  instalments: number;
  eligibility: {
    maxAge: Record<Degree, number>;
    degreeMaxAgeYears: number;
    minContractYears: number;
  };
  /** Programs whose active award excludes this one for the same person (不重复享受). */
  excludes: Program[];
  /** Leaving the district within the instalment years: this share of the settling subsidy, pro rata by months not served. */
  clawback: { basis: 'pro-rata-months' };
  queues: { review: string; escalation: string; payment: string };
  timers: {
    employerResponse: TimerSpec;
    reviewSla: TimerSpec;
    supplementWindow: TimerSpec;
    paymentSla: TimerSpec;
    instalmentInterval: TimerSpec;
  };
}

/** Version 1: the numbers of PROGRAMS.md §2. */
export const DEGREE_DOUBLING_POLICY_V1: DegreeDoublingPolicy = {
  towns: [...XIUZHOU_TOWNS],
  settlingFen: { master: 3_000_000, phd: 10_000_000 },
  livingAllowanceFenPerYear: { master: 2_000_000, phd: 5_000_000 },
  instalments: 3,
  eligibility: { maxAge: { master: 35, phd: 40 }, degreeMaxAgeYears: 5, minContractYears: 3 },
  excludes: ['top-talent'],
  clawback: { basis: 'pro-rata-months' },
  queues: { review: 'talent-office', escalation: 'talent-office-lead', payment: 'finance' },
  timers: {
    employerResponse: { workingDays: 10 },
    reviewSla: { workingDays: 10 },
    supplementWindow: { workingDays: 10 },
    paymentSla: { workingDays: 5 },
    instalmentInterval: { iso: 'P1Y' },
  },
};
