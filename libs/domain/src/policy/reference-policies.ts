import { DEGREE_DOUBLING_POLICY_V1 } from '../degree-doubling/degree-doubling.policy';
import { Program } from '../shared/programs';
import { TimerSpec } from '../shared/timers';
import { SKILL_SUBSIDY_POLICY_V1 } from '../skill-subsidy/skill-subsidy.policy';
import { TITLE_FAST_TRACK_POLICY_V1 } from '../title-fast-track/title-fast-track.policy';
import { TOP_TALENT_POLICY_V1 } from '../top-talent/top-talent.policy';
import { PolicyBase } from './policy-document';
import { PROGRAM_MATERIALS } from './materials';
import { DEFAULT_RETENTION_YEARS } from '../shared/erasure';
import { withProcedure } from './procedure';

/**
 * 承诺时限: the time each program promises from submission to decision (time waiting on the applicant excluded), as
 * `timers.promisedHandling`; versions published before it was policy data promise these.
 */
export const PROMISED_HANDLING: Record<Program, TimerSpec> = {
  'skill-subsidy': { workingDays: 15 },
  'degree-doubling': { workingDays: 20 },
  'top-talent': { workingDays: 60 },
  'title-fast-track': { workingDays: 60 },
};

/** A program's policy with what every program states: the promised handling time and the materials it asks for. */
function promising<P extends PolicyBase>(program: Program, policy: P): P {
  return { ...policy, timers: { ...policy.timers, promisedHandling: PROMISED_HANDLING[program] }, materials: PROGRAM_MATERIALS[program], retention: { years: DEFAULT_RETENTION_YEARS } };
}

/** The handling time a policy version promises. */
export function promisedHandlingOf(program: Program, policy: PolicyBase): TimerSpec {
  return policy.timers.promisedHandling ?? PROMISED_HANDLING[program];
}

/** Version 1 of each program's policy, published when a district starts using the system. */
export const REFERENCE_POLICIES: Record<Program, PolicyBase> = {
  'skill-subsidy': promising('skill-subsidy', withProcedure(SKILL_SUBSIDY_POLICY_V1)),
  'degree-doubling': promising('degree-doubling', withProcedure(DEGREE_DOUBLING_POLICY_V1)),
  'top-talent': promising('top-talent', withProcedure(TOP_TALENT_POLICY_V1)),
  'title-fast-track': promising('title-fast-track', withProcedure(TITLE_FAST_TRACK_POLICY_V1)),
};
