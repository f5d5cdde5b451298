import { TaskOutcome } from './application.events';

/** The task kinds whose completion carries fields of its own (API.md, "Kind-specific fields"). */
export const TASK_KINDS = {
  expertScoring: 'expert-scoring',
  committeeVote: 'committee-vote',
  leadershipDecision: 'leadership-decision',
  suspensionDecision: 'suspension-decision',
  agreementSigning: 'agreement-signing',
  milestoneReport: 'milestone-report',
  milestoneVerification: 'milestone-verification',
  employmentConfirmation: 'employment-confirmation',
  paymentConfirmation: 'payment-confirmation',
  reconsideration: 'reconsideration',
  objectionReview: 'objection-review',
  titleSignOff: 'title-sign-off',
  stopReview: 'stop-review',
  clawbackRecovery: 'clawback-recovery',
} as const;

/**
 * Whether `return` on a task of this kind goes back to the applicant with a list of what is missing (一次性告知):
 * a supplement (退回补正), or on a milestone's verification a report made again — on every kind but the review of
 * objections to a notice, where it upholds the objections.
 */
export function returnsForSupplement(kind: string): boolean {
  return kind !== TASK_KINDS.objectionReview;
}

/** Every field a task completion may carry besides outcome and comment. */
export const COMPLETION_FIELDS = ['conflictOfInterest', 'scores', 'vote', 'package', 'evidence', 'paymentReference', 'items', 'decisionRef', 'repaidFen', 'meeting', 'contract'] as const;
export type CompletionField = (typeof COMPLETION_FIELDS)[number];

/**
 * Which of them each kind of task takes (API.md, "Kind-specific fields"); a kind not listed takes none. What a
 * task does not take never reaches the permanent log.
 */
export const FIELDS_BY_KIND: Readonly<Record<string, readonly CompletionField[]>> = {
  [TASK_KINDS.expertScoring]: ['conflictOfInterest', 'scores'],
  [TASK_KINDS.committeeVote]: ['conflictOfInterest', 'vote'],
  [TASK_KINDS.leadershipDecision]: ['package', 'meeting'],
  [TASK_KINDS.suspensionDecision]: ['package'],
  [TASK_KINDS.agreementSigning]: ['evidence'],
  [TASK_KINDS.milestoneReport]: ['evidence'],
  [TASK_KINDS.paymentConfirmation]: ['paymentReference'],
  [TASK_KINDS.titleSignOff]: ['decisionRef'],
  [TASK_KINDS.clawbackRecovery]: ['repaidFen', 'paymentReference'],
  [TASK_KINDS.employmentConfirmation]: ['contract'],
};

/** 一次性告知: a return for supplement, whatever the task's kind, lists what is missing (and takes nothing else). */
const RETURN_FIELDS: readonly CompletionField[] = ['items'];

/** The fields of a completion that a task of `kind` does not take with this outcome, each as a problem. */
export function undeclaredFieldProblems(kind: string, fields: Record<string, unknown>, outcome?: TaskOutcome): FieldProblem[] {
  const allowed: readonly string[] = outcome === 'return' && returnsForSupplement(kind) ? RETURN_FIELDS : (FIELDS_BY_KIND[kind] ?? []);
  return Object.keys(fields)
    .filter((f) => !allowed.includes(f))
    .map((f) => ({
      path: f,
      message: allowed.length ? `a task of kind ${kind} takes only ${allowed.join(', ')}` : `a task of kind ${kind} takes no fields besides outcome and comment`,
    }));
}

export interface FieldProblem {
  path: string;
  message: string;
}

const SCORE_KEYS = ['innovation', 'team', 'industryFit', 'feasibility'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isScore(v: unknown): boolean {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 100;
}

function isFen(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) > 0;
}

/** The labour contract an employer confirms (硕博倍增): its first and last day. */
export interface ContractTerm {
  start: string;
  end: string;
}

/**
 * 硕博倍增: the employer confirms the employment and the labour contract the graduate declared. Dates it gives must
 * be the form's — a wrong date on the form is returned for correction, not confirmed; none given confirms the form's.
 * Answers the term confirmed, or the problems.
 */
export function contractConfirmation(given: unknown, form: Record<string, unknown>): { confirmed: ContractTerm; problems: FieldProblem[] } {
  const declared: ContractTerm = { start: String(form.contractStart ?? ''), end: String(form.contractEnd ?? '') };
  if (given === undefined) return { confirmed: declared, problems: [] };
  const term = given as Partial<ContractTerm> | null;
  const problems = (['start', 'end'] as const)
    .filter((k) => term?.[k] !== declared[k])
    .map((k) => ({
      path: `contract.${k}`,
      message: `the application declares ${declared[k]}: confirm that date, or return the application so the graduate corrects it`,
    }));
  return { confirmed: declared, problems };
}

/** 集体研究: a leadership decision records the meeting that took it. */
export function meetingProblems(meeting: unknown): FieldProblem[] {
  const m = meeting as { body?: unknown; date?: unknown; minutesRef?: unknown } | undefined;
  if (typeof m !== 'object' || m === null) return [{ path: 'meeting', message: 'the meeting that decided (body, date, minutesRef) is required' }];
  const problems: FieldProblem[] = [];
  if (typeof m.body !== 'string' || !m.body.trim()) problems.push({ path: 'meeting.body', message: 'the deciding body is required (e.g. 区人才工作领导小组)' });
  if (typeof m.date !== 'string' || !DATE.test(m.date)) problems.push({ path: 'meeting.date', message: 'the meeting date is required (YYYY-MM-DD)' });
  if (typeof m.minutesRef !== 'string' || !m.minutesRef.trim()) problems.push({ path: 'meeting.minutesRef', message: 'the minutes reference (纪要编号) is required' });
  return problems;
}

/** 一次性告知: a return names every missing item at once, each with its reason and what it concerns. */
export function returnItemProblems(items: unknown): FieldProblem[] {
  if (!Array.isArray(items) || items.length === 0) {
    return [{ path: 'items', message: 'a return for supplement lists every missing item at once (一次性告知): at least one { field?, document?, reason }' }];
  }
  const problems: FieldProblem[] = [];
  items.forEach((item: { reason?: unknown; field?: unknown; document?: unknown }, i) => {
    if (typeof item?.reason !== 'string' || !item.reason.trim()) problems.push({ path: `items.${i}.reason`, message: 'each item needs a reason' });
    for (const key of ['field', 'document'] as const) {
      if (item?.[key] !== undefined && (typeof item[key] !== 'string' || !(item[key] as string).trim())) problems.push({ path: `items.${i}.${key}`, message: `${key} must be text` });
    }
  });
  return problems;
}

/** A package's milestones must add up to its total and fall due in order. */
export function packageProblems(pkg: unknown, path = 'package'): FieldProblem[] {
  if (typeof pkg !== 'object' || pkg === null) return [{ path, message: 'a package (totalFundingFen, milestones) is required to approve' }];
  const p = pkg as { totalFundingFen?: unknown; milestones?: unknown };
  const problems: FieldProblem[] = [];
  if (!isFen(p.totalFundingFen)) problems.push({ path: `${path}.totalFundingFen`, message: 'totalFundingFen must be a positive integer (fen)' });
  if (!Array.isArray(p.milestones) || p.milestones.length === 0) {
    problems.push({ path: `${path}.milestones`, message: 'at least one milestone is required' });
    return problems;
  }
  let sum = 0;
  let previous = '';
  p.milestones.forEach((m: { amountFen?: unknown; dueOn?: unknown }, i) => {
    if (!isFen(m?.amountFen)) problems.push({ path: `${path}.milestones.${i}.amountFen`, message: 'amountFen must be a positive integer (fen)' });
    else sum += m.amountFen;
    if (typeof m?.dueOn !== 'string' || !DATE.test(m.dueOn)) problems.push({ path: `${path}.milestones.${i}.dueOn`, message: 'dueOn must be YYYY-MM-DD' });
    else if (m.dueOn < previous) problems.push({ path: `${path}.milestones.${i}.dueOn`, message: 'milestones must fall due in order' });
    else previous = m.dueOn;
  });
  if (isFen(p.totalFundingFen) && problems.length === 0 && sum !== p.totalFundingFen) {
    problems.push({ path: `${path}.milestones`, message: `milestone amounts add up to ${sum} fen, not totalFundingFen ${p.totalFundingFen}` });
  }
  return problems;
}

/**
 * What a completion of a task of `kind` must carry besides its outcome; an empty list means it may be stored.
 * The API validates the shapes; this is the rule that depends on the task's kind.
 */
export function taskFieldProblems(kind: string, outcome: TaskOutcome, fields: Record<string, unknown>): FieldProblem[] {
  switch (kind) {
    case TASK_KINDS.expertScoring: {
      if (typeof fields.conflictOfInterest !== 'boolean') return [{ path: 'conflictOfInterest', message: 'declare conflictOfInterest (true or false) first' }];
      if (fields.conflictOfInterest) return [];
      const scores = fields.scores as Record<string, unknown> | undefined;
      if (typeof scores !== 'object' || scores === null) return [{ path: 'scores', message: 'scores are required when there is no conflict of interest' }];
      return SCORE_KEYS.filter((k) => !isScore(scores[k])).map((k) => ({ path: `scores.${k}`, message: `${k} must be an integer 0..100` }));
    }
    case TASK_KINDS.committeeVote:
      if (fields.conflictOfInterest === true) return [];
      return ['yes', 'no', 'abstain'].includes(fields.vote as string) ? [] : [{ path: 'vote', message: 'vote must be yes, no or abstain' }];
    case TASK_KINDS.leadershipDecision:
      return outcome === 'approve' ? packageProblems(fields.package) : [];
    case TASK_KINDS.suspensionDecision:
      return outcome === 'approve' && fields.package !== undefined ? packageProblems(fields.package) : [];
    case TASK_KINDS.clawbackRecovery: {
      if (outcome !== 'approve') return [];
      const problems: FieldProblem[] = [];
      if (!isFen(fields.repaidFen)) problems.push({ path: 'repaidFen', message: 'the amount repaid (fen, a positive integer) is required' });
      if (typeof fields.paymentReference !== 'string' || !fields.paymentReference.trim()) problems.push({ path: 'paymentReference', message: "the bank's reference of the repayment is required" });
      return problems;
    }
    case TASK_KINDS.titleSignOff: {
      const ref = fields.decisionRef;
      if (outcome !== 'approve') return [];
      return typeof ref === 'string' && ref.trim() && ref.length <= 64 ? [] : [{ path: 'decisionRef', message: 'the decision document number (文号) is required to sign off' }];
    }
    case TASK_KINDS.milestoneReport: {
      const evidence = fields.evidence as { summary?: unknown } | undefined;
      return typeof evidence?.summary === 'string' && evidence.summary.trim() ? [] : [{ path: 'evidence.summary', message: 'evidence with a summary is required' }];
    }
    default:
      return [];
  }
}
