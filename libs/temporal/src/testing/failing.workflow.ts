import { proxyActivities } from '@temporalio/workflow';

/** Test only: a workflow whose activity fails with a message that holds what it was given (as careless code might). */
const { refuse } = proxyActivities<{ refuse(idNumber: string): Promise<void> }>({ startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 1 } });

export async function failingWorkflow(idNumber: string): Promise<void> {
  await refuse(idNumber);
}
