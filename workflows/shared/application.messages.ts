import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActorRef, Applicant, DocumentRef, TaskOutcome, TaskActor, PublishedPolicy, ApplicationStatus, Program } from '#domain';

/** What the API passes when it starts an application's workflow. */
export interface ApplicationInput {
  applicationId: string;
  program: Program;
  town: string;
  form: Record<string, unknown>;
  applicant: Applicant;
  /** SHA-256 of the canonical submitted body: a reused Idempotency-Key with another body is told apart. */
  requestHash: string;
  /** The request that started the workflow; a later call with the same key carries another. */
  requestId: string;
  policy: PublishedPolicy;
  submittedBy: ActorRef;
  /** Set on a run that continues an application (continue-as-new): where to pick up. */
  resume?: { step: string; index: number; dueAt?: string };
  /** Search attributes need registering on the server; the time-skipping test server has none. */
  searchAttributes?: boolean;
  /** The materials submitted with the form (checked by the API against the program's list). */
  documents?: DocumentRef[];
}

export interface ApplicationSummary {
  id: string;
  program: Program;
  status: ApplicationStatus;
  stage: string;
  version: number;
  workflowId: string;
}

export interface SubmissionReceipt extends ApplicationSummary {
  /** True for the call whose request started the workflow, false for a repeat with the same key. */
  created: boolean;
  requestHash: string;
}

export interface TaskActionArgs {
  taskId: string;
  actor: TaskActor;
  /** The role the actor acts in, recorded in the event metadata. */
  role: ActorRef['role'];
}

export interface CompleteTaskArgs extends TaskActionArgs {
  outcome: TaskOutcome;
  comment?: string;
  fields: Record<string, unknown>;
  /** Attachments (checked by the API against the caller's uploads). */
  documents?: DocumentRef[];
}

export interface WithdrawArgs {
  actor: ActorRef;
  reason: string;
}

export interface SupplementArgs {
  actor: ActorRef;
  message: string;
  form?: Record<string, unknown>;
  /** 一次性告知: which items of the return (numbered from 0) this supplement answers. */
  answers?: number[];
  /** New versions of materials (the API checked them against the program's materials and the caller's uploads). */
  documents?: DocumentRef[];
}

export interface ReconsiderationArgs {
  actor: ActorRef;
  reason: string;
}

/** Answers once the first event (ApplicationSubmitted) is stored. */
export const submittedUpdate = defineUpdate<SubmissionReceipt, [{ requestId: string }]>('submitted');
export const claimTaskUpdate = defineUpdate<ApplicationSummary, [TaskActionArgs]>('claimTask');
export const releaseTaskUpdate = defineUpdate<ApplicationSummary, [TaskActionArgs]>('releaseTask');
/** A queue lead hands a task to a named person. */
export const reassignTaskUpdate = defineUpdate<ApplicationSummary, [TaskActionArgs & { to: string; reason: string }]>('reassignTask');
/** Answers after the completion and everything it causes are stored (read-your-writes). */
export const completeTaskUpdate = defineUpdate<ApplicationSummary, [CompleteTaskArgs]>('completeTask');
export const withdrawUpdate = defineUpdate<ApplicationSummary, [WithdrawArgs]>('withdraw');
export const supplementUpdate = defineUpdate<ApplicationSummary, [SupplementArgs]>('supplement');
/** Anyone authenticated objects during a public notice (公示). */
export const fileObjectionUpdate = defineUpdate<ApplicationSummary, [{ actor: ActorRef; text: string }]>('fileObjection');
/** 复核: the applicant asks for the rejection or stop to be reconsidered, within the window. */
export const requestReconsiderationUpdate = defineUpdate<ApplicationSummary, [ReconsiderationArgs]>('requestReconsideration');
/** 陈述申辩: the applicant's statement on a proposed stop of their benefit, within the window. */
export const submitStatementUpdate = defineUpdate<ApplicationSummary, [{ actor: ActorRef; text: string }]>('submitStatement');
/** For operators in the Temporal UI; the API reads Postgres, never this. */
export const summaryQuery = defineQuery<ApplicationSummary | null>('summary');
