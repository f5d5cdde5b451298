import { Program } from '../shared/programs';
import { SKILL_SUBSIDY_POLICY_V1 } from '../skill-subsidy/skill-subsidy.policy';
import { PolicyBase } from './policy-document';

/** Version 1 of each program's policy, published when a district starts using the system. */
export const REFERENCE_POLICIES: Partial<Record<Program, PolicyBase>> = {
  'skill-subsidy': SKILL_SUBSIDY_POLICY_V1,
};
