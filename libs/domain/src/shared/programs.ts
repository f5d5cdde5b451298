export const PROGRAMS = ['skill-subsidy', 'degree-doubling', 'top-talent', 'title-fast-track'] as const;
export type Program = (typeof PROGRAMS)[number];

export const ROLES = ['applicant', 'employer', 'reviewer', 'expert', 'leadership', 'finance', 'auditor', 'admin', 'reporter'] as const;
export type Role = (typeof ROLES)[number];

export const APPLICATION_STATUSES = [
  'submitted',
  'in-review',
  'awaiting-supplement',
  'approved',
  'rejected',
  'withdrawn',
  'lapsed',
  'in-payment',
  'completed',
  'suspended',
  'terminated',
  'reconsidering',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Statuses after which the applicant can no longer withdraw: a final decision has been taken. */
export const DECIDED_STATUSES: readonly ApplicationStatus[] = [
  'approved',
  'rejected',
  'withdrawn',
  'lapsed',
  'in-payment',
  'completed',
  'suspended',
  'terminated',
  // 复核: the decision under review stands until the lead decides; nothing else moves the file meanwhile.
  'reconsidering',
];

/** Statuses in which the workflow has finished for good. */
export const CLOSED_STATUSES: readonly ApplicationStatus[] = ['rejected', 'withdrawn', 'lapsed', 'completed', 'terminated'];

export function streamIdOf(applicationId: string): string {
  return `application-${applicationId}`;
}

export function workflowIdOf(applicationId: string): string {
  return `application-${applicationId}`;
}

/**
 * Queues of tasks addressed to one person or organisation (the assignee acts; holding the queue does not): they
 * name where such a task sits for reports and lists.
 */
export const PERSONAL_QUEUES = { experts: 'experts', employers: 'employers', applicants: 'applicants' } as const;
