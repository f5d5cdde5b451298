import type { ApplicationDocument, MaterialSpec } from './documents';
/** Shapes of the API's answers the screens read (apps/api/src/applications/application.view.ts, tasks). */
import type { Instalment, Payment } from '../components/PaymentsList.vue';

export interface OpenTask {
  taskId: string;
  queue: string;
  kind: string;
  dueAt: string;
}

/** 一次性告知: one item of a return for supplement. */
export interface ReturnItem {
  field?: string;
  document?: string;
  reason: string;
}

export interface ApplicationView {
  id: string;
  program: string;
  status: string;
  stage: string;
  town: string;
  policyVersion: number;
  submittedAt: string;
  decidedAt?: string;
  applicant: { name: string; idNumberMasked: string };
  form: Record<string, any>;
  openTasks: OpenTask[];
  payments: Payment[];
  approvedAmountFen?: number;
  supplement?: { comment: string; dueAt: string; items?: ReturnItem[] };
  reconsideration?: {
    status: 'open' | 'requested' | 'upheld' | 'overturned' | 'closed';
    dueAt: string;
    decision: { status: string; reason: string; automatic: boolean };
    reason?: string;
    outcome?: 'uphold' | 'overturn';
    comment?: string;
    decidedAt?: string;
    rights?: string;
  };
  returns?: { made: number; max: number };
  clawbacks?: { claimId: string; amountFen: number; basis: string; repaidFen?: number; outstandingFen?: number }[];
  stopProposal?: { reason: string; detail?: string; statementDueAt: string; statement?: string; outcome?: 'stop' | 'continue'; comment?: string };
  closingReason?: string;
  schedule?: Instalment[];
  package?: { totalFundingFen: number; milestones: { title: string; amountFen: number; dueOn: string }[] };
  notice?: { scope: string; closesAt: string; open: boolean; objections: number };
  panel?: { purpose: string; result?: string };
  title?: { series: string; level: string; certificateNumber: string; decisionRef?: string };
  checks: { check: string; source: string; checkedAt: string; passed: boolean; reason?: string; responseHash: string }[];
  decisions: { taskId: string; kind: string; outcome: string; comment?: string; completedAt: string; items?: ReturnItem[] }[];
  supplements?: { message: string; formChanged: boolean; providedAt: string; answers?: number[]; items?: ReturnItem[] }[];
  documents?: ApplicationDocument[];
  /** 办理附件 staff attached completing tasks (staff see them; the applicant does not). */
  attachments?: (ApplicationDocument & { taskId: string; kind: string })[];
  materials?: MaterialSpec[];
  missingMaterials?: { key: string; name: string }[];
}

export interface TaskItem {
  taskId: string;
  applicationId: string;
  program: string;
  town: string;
  queue: string;
  kind: string;
  status: string;
  assignee: string | null;
  priority: number;
  createdAt: string;
  dueAt: string;
  escalated: boolean;
  overdue: boolean;
}

/** Task kinds the applicant (or sponsor) does themselves. */
export const APPLICANT_TASK_KINDS = ['agreement-signing', 'milestone-report'];
/** Statuses in which the applicant can no longer withdraw: the domain's own list (复核中 among them). */
export { DECIDED_STATUSES as DECIDED } from '#domain';
