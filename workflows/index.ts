// The single entry of the workflow bundle: every workflow type the worker runs.
export { skillSubsidyWorkflow } from './skill-subsidy/skill-subsidy.workflow';
