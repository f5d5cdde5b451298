// The single entry of the workflow bundle: every workflow type the worker runs.
export { skillSubsidyWorkflow } from './skill-subsidy/skill-subsidy.workflow';
export { degreeDoublingWorkflow } from './degree-doubling/degree-doubling.workflow';
export { topTalentWorkflow } from './top-talent/top-talent.workflow';
export { titleFastTrackWorkflow } from './title-fast-track/title-fast-track.workflow';
