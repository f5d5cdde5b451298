// The public surface of workflows/ for the API, the worker and tests: the workflow functions (to start them by
// reference), their messages and the activity interfaces the worker implements. The bundle entry stays index.ts.
export * from './index';
export * from './shared/application.messages';
export * from './shared/core.activities';
export * from './skill-subsidy/skill-subsidy.activities';
export * from './degree-doubling/degree-doubling.activities';
