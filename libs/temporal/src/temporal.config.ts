/** Where the Temporal server is and which task queue the workers poll (env, with defaults). */
export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
}

export function temporalConfig(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  return {
    address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'talentflow',
  };
}

/** Custom search attributes the workflows set; the dev server registers them at start. */
export const SEARCH_ATTRIBUTES = { Program: 'Keyword', Town: 'Keyword', ApplicationStatus: 'Keyword' } as const;
