import { TimerSpec } from '../shared/timers';
import { PolicyBase } from './policy-document';

/**
 * What an applicant whose reconsideration was upheld may still do (行政复议法 §20, §24: the district government hears
 * cases against its departments; 行政诉讼法 §46), naming where to go. Policy text: a program decided by another body
 * publishes its own.
 */
export const RIGHTS_AFTER_RECONSIDERATION =
  '对复核结果不服的，可以自知道该决定之日起60日内向嘉兴市秀洲区人民政府申请行政复议，或者自知道该决定之日起6个月内依法向人民法院提起行政诉讼。';

/**
 * The procedure every program shares (PROGRAMS.md, "Cross-cutting procedure"), as policy: the 复核 window and the
 * lead's time to decide, the rounds of 退回补正 allowed, and the rights statement of an upheld decision.
 */
export interface Procedure {
  reconsiderationWindow: TimerSpec;
  /** 陈述申辩: how long the applicant has to reply before a benefit is stopped. */
  statementWindow: TimerSpec;
  reconsiderationReview: TimerSpec;
  maxReturns: number;
  rightsStatement: string;
}

export const PROCEDURE_DEFAULTS: Procedure = {
  reconsiderationWindow: { workingDays: 15 },
  statementWindow: { workingDays: 5 },
  reconsiderationReview: { workingDays: 10 },
  maxReturns: 2,
  rightsStatement: RIGHTS_AFTER_RECONSIDERATION,
};

/** The procedure of a policy version; versions published before it was policy data get the defaults. */
export function procedureOf(policy: PolicyBase): Procedure {
  return {
    reconsiderationWindow: policy.timers.reconsiderationWindow ?? PROCEDURE_DEFAULTS.reconsiderationWindow,
    reconsiderationReview: policy.timers.reconsiderationReview ?? PROCEDURE_DEFAULTS.reconsiderationReview,
    statementWindow: policy.timers.statementWindow ?? PROCEDURE_DEFAULTS.statementWindow,
    maxReturns: policy.limits?.maxReturns ?? PROCEDURE_DEFAULTS.maxReturns,
    rightsStatement: policy.rights?.reconsiderationUpheld ?? PROCEDURE_DEFAULTS.rightsStatement,
  };
}

/** A program's policy with the shared procedure written out, as published and as new versions must be shaped. */
export function withProcedure<P extends PolicyBase>(policy: P): P {
  return {
    ...policy,
    timers: {
      ...policy.timers,
      reconsiderationWindow: PROCEDURE_DEFAULTS.reconsiderationWindow,
      reconsiderationReview: PROCEDURE_DEFAULTS.reconsiderationReview,
      statementWindow: PROCEDURE_DEFAULTS.statementWindow,
    },
    limits: { maxReturns: PROCEDURE_DEFAULTS.maxReturns },
    rights: { reconsiderationUpheld: PROCEDURE_DEFAULTS.rightsStatement },
  };
}
