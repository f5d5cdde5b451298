import { PolicyBase } from '../policy/policy-document';
import { XIUZHOU_TOWNS } from '../policy/towns';
import { Program } from '../shared/programs';
import { TimerSpec } from '../shared/timers';

/** The district's "3+3" industries: digital, low-carbon, health economy; home furnishing, textiles, knitwear. */
export const INDUSTRIES = ['digital', 'low-carbon', 'health', 'home-furnishing', 'textiles', 'knitwear'] as const;
export const TALENT_CATEGORIES = ['academician', 'national', 'provincial', 'team'] as const;

export interface TopTalentPolicy extends PolicyBase {
  industries: string[];
  panel: { size: number; minScores: number; passMeanScore: number };
  excludes: Program[];
  /** On termination, this percentage of what was paid is claimed back. */
  clawbackPercentOfPaid: number;
  queues: { prescreen: string; escalation: string; leadership: string; objections: string; milestones: string; payment: string };
  timers: {
    prescreenSla: TimerSpec;
    supplementWindow: TimerSpec;
    expertScoring: TimerSpec;
    leadershipSla: TimerSpec;
    publicNotice: TimerSpec;
    objectionReviewSla: TimerSpec;
    agreementWindow: TimerSpec;
    milestoneVerificationSla: TimerSpec;
    suspensionDecisionSla: TimerSpec;
    /** After a leadership "continue", the sponsor's new window to report the milestone. */
    milestoneGrace: TimerSpec;
    paymentSla: TimerSpec;
  };
}

/** Version 1: the numbers of PROGRAMS.md §3. */
export const TOP_TALENT_POLICY_V1: TopTalentPolicy = {
  towns: [...XIUZHOU_TOWNS],
  industries: [...INDUSTRIES],
  panel: { size: 5, minScores: 3, passMeanScore: 70 },
  excludes: ['degree-doubling'],
  clawbackPercentOfPaid: 100,
  queues: {
    prescreen: 'talent-office',
    escalation: 'talent-office-lead',
    leadership: 'leadership',
    objections: 'talent-office',
    milestones: 'talent-office',
    payment: 'finance',
  },
  timers: {
    prescreenSla: { workingDays: 10 },
    supplementWindow: { workingDays: 10 },
    expertScoring: { workingDays: 7 },
    leadershipSla: { workingDays: 20 },
    publicNotice: { workingDays: 5 },
    objectionReviewSla: { workingDays: 5 },
    agreementWindow: { workingDays: 20 },
    milestoneVerificationSla: { workingDays: 10 },
    suspensionDecisionSla: { workingDays: 20 },
    milestoneGrace: { workingDays: 20 },
    paymentSla: { workingDays: 5 },
  },
};

