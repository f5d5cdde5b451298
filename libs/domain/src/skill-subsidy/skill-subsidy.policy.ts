import { PolicyBase } from '../policy/policy-document';
import { XIUZHOU_TOWNS } from '../policy/towns';

export const SKILL_LEVELS = [1, 2, 3, 4, 5] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export interface SkillSubsidyPolicy extends PolicyBase {
  /** Subsidy per certificate level, in fen (level 1 高级技师 … level 5 初级工). */
  amountsFenByLevel: Record<'1' | '2' | '3' | '4' | '5', number>;
  eligibility: {
    certificateMaxAgeMonths: number;
    minInsuranceMonths: number;
    maxPerCalendarYear: number;
  };
  queues: { review: string; escalation: string; payment: string };
  timers: {
    reviewSla: PolicyBase['timers'][string];
    supplementWindow: PolicyBase['timers'][string];
    paymentSla: PolicyBase['timers'][string];
  };
}

/** Version 1 as published with the 2021-2025 plan (the numbers of PROGRAMS.md §1). */
export const SKILL_SUBSIDY_POLICY_V1: SkillSubsidyPolicy = {
  towns: [...XIUZHOU_TOWNS],
  amountsFenByLevel: { '1': 400000, '2': 300000, '3': 200000, '4': 150000, '5': 100000 },
  eligibility: { certificateMaxAgeMonths: 12, minInsuranceMonths: 12, maxPerCalendarYear: 3 },
  queues: { review: 'hrss-skill', escalation: 'hrss-skill-lead', payment: 'finance' },
  timers: {
    reviewSla: { workingDays: 5 },
    supplementWindow: { workingDays: 10 },
    paymentSla: { workingDays: 5 },
  },
};
