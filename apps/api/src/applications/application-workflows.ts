import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowHandle } from '@temporalio/client';
import { Workflow } from '@temporalio/common';
import { Program, workflowIdOf } from '#domain';
import { TEMPORAL_CLIENT, TEMPORAL_CONFIG, TemporalConfig } from '#temporal';
import { ApplicationInput, SubmissionReceipt, submittedUpdate, degreeDoublingWorkflow, skillSubsidyWorkflow, titleFastTrackWorkflow, topTalentWorkflow } from '#workflows';

/** The workflow that runs each program. */
export const WORKFLOW_BY_PROGRAM: Record<Program, Workflow> = {
  'skill-subsidy': skillSubsidyWorkflow,
  'degree-doubling': degreeDoublingWorkflow,
  'top-talent': topTalentWorkflow,
  'title-fast-track': titleFastTrackWorkflow,
};

/** Starts and addresses application workflows. */
@Injectable()
export class ApplicationWorkflows {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(TEMPORAL_CONFIG) private readonly config: TemporalConfig,
  ) {}

  isOpen(program: Program): boolean {
    return WORKFLOW_BY_PROGRAM[program] !== undefined;
  }

  /**
   * Starts `application-<id>` (or joins it when a request with the same key already did) and answers once its
   * first event is stored.
   */
  async start(input: ApplicationInput): Promise<SubmissionReceipt> {
    const workflow = WORKFLOW_BY_PROGRAM[input.program];
    if (!workflow) throw new Error(`no workflow for ${input.program}`);
    const startWorkflowOperation = new WithStartWorkflowOperation(workflow, {
      workflowId: workflowIdOf(input.applicationId),
      taskQueue: this.config.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // Codes only: search attributes are stored in clear text, so no personal data here.
      searchAttributes: { Program: [input.program], Town: [input.town], ApplicationStatus: ['submitted'] },
    });
    return this.client.workflow.executeUpdateWithStart(submittedUpdate, {
      args: [{ requestId: input.requestId }],
      startWorkflowOperation,
    });
  }

  handle(applicationId: string): WorkflowHandle {
    return this.client.workflow.getHandle(workflowIdOf(applicationId));
  }
}
