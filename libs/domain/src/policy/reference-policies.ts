import { DEGREE_DOUBLING_POLICY_V1 } from '../degree-doubling/degree-doubling.policy';
import { Program } from '../shared/programs';
import { SKILL_SUBSIDY_POLICY_V1 } from '../skill-subsidy/skill-subsidy.policy';
import { TITLE_FAST_TRACK_POLICY_V1 } from '../title-fast-track/title-fast-track.policy';
import { TOP_TALENT_POLICY_V1 } from '../top-talent/top-talent.policy';
import { PolicyBase } from './policy-document';
import { withProcedure } from './procedure';

/** Version 1 of each program's policy, published when a district starts using the system. */
export const REFERENCE_POLICIES: Record<Program, PolicyBase> = {
  'skill-subsidy': withProcedure(SKILL_SUBSIDY_POLICY_V1),
  'degree-doubling': withProcedure(DEGREE_DOUBLING_POLICY_V1),
  'top-talent': withProcedure(TOP_TALENT_POLICY_V1),
  'title-fast-track': withProcedure(TITLE_FAST_TRACK_POLICY_V1),
};
