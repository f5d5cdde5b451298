import { condition, defineUpdate, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';

/**
 * The submission benchmark's second baseline: the least a durable submission can be on Temporal and this store —
 * an update-with-start whose handler appends one event through a local activity and answers. No checks, no tasks.
 */
export const submitMinimal = defineUpdate<number, [unknown]>('submitMinimal');

export interface MinimalActivities {
  appendSubmitted(workflowId: string, body: unknown): Promise<number>;
}

const { appendSubmitted } = proxyLocalActivities<MinimalActivities>({ startToCloseTimeout: '10 seconds' });

export async function minimalSubmission(): Promise<void> {
  let stored = false;
  setHandler(submitMinimal, async (body) => {
    const position = await appendSubmitted(workflowInfo().workflowId, body);
    stored = true;
    return position;
  });
  await condition(() => stored);
}
