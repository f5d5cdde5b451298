import { PolicyBase } from '../policy/policy-document';
import { XIUZHOU_TOWNS } from '../policy/towns';
import { TimerSpec } from '../shared/timers';

export const TITLE_LEVELS = ['associate-senior', 'senior'] as const;

export interface TitleFastTrackPolicy extends PolicyBase {
  committee: {
    size: number;
    /** The sitting is valid when at least quorum.numerator/quorum.denominator of members vote. */
    quorum: { numerator: number; denominator: number };
    /** The title passes with at least pass.numerator/pass.denominator yes among the votes cast. */
    pass: { numerator: number; denominator: number };
  };
  certificatePrefix: string;
  queues: { qualification: string; escalation: string; objections: string };
  timers: {
    employerRecommendation: TimerSpec;
    employerNotice: TimerSpec;
    qualificationSla: TimerSpec;
    supplementWindow: TimerSpec;
    committeeSitting: TimerSpec;
    publicNotice: TimerSpec;
    objectionReviewSla: TimerSpec;
  };
}

/** Version 1: the numbers of PROGRAMS.md §4. */
export const TITLE_FAST_TRACK_POLICY_V1: TitleFastTrackPolicy = {
  towns: [...XIUZHOU_TOWNS],
  committee: { size: 7, quorum: { numerator: 2, denominator: 3 }, pass: { numerator: 2, denominator: 3 } },
  certificatePrefix: 'XZZC',
  queues: { qualification: 'hrss-title', escalation: 'hrss-title-lead', objections: 'hrss-title' },
  timers: {
    employerRecommendation: { workingDays: 10 },
    employerNotice: { workingDays: 5 },
    qualificationSla: { workingDays: 10 },
    supplementWindow: { workingDays: 10 },
    committeeSitting: { workingDays: 10 },
    publicNotice: { workingDays: 5 },
    objectionReviewSla: { workingDays: 5 },
  },
};

