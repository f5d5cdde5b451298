import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApplicationState, openTasks, paidKeys, maskIdNumber, returnsMade } from '#domain';
import { Principal, hasRole } from '../auth/principal';

export class OpenTaskView {
  @ApiProperty() taskId!: string;
  @ApiProperty() queue!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() dueAt!: string;
}

export class PaymentView {
  @ApiProperty() paymentId!: string;
  @ApiProperty() amountFen!: number;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: ['instructed', 'confirmed', 'failed'] }) status!: string;
  @ApiProperty() instructedAt!: string;
  @ApiPropertyOptional() confirmedAt?: string;
  @ApiPropertyOptional() reference?: string;
}

export class CheckView {
  @ApiProperty({ example: 'certificate-registry' }) check!: string;
  @ApiProperty({ example: 'stand-in:registry_skill_certificates' }) source!: string;
  @ApiProperty() checkedAt!: string;
  @ApiProperty() passed!: boolean;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: 'SHA-256 of the registry response the decision was based on' }) responseHash!: string;
}

export class DecisionView {
  @ApiProperty() taskId!: string;
  @ApiProperty() kind!: string;
  @ApiProperty({ example: 'approve' }) outcome!: string;
  @ApiPropertyOptional() comment?: string;
  @ApiProperty() completedAt!: string;
  @ApiPropertyOptional({ type: () => [ReturnItemView], description: 'a return: what it listed as missing (一次性告知)' }) items?: ReturnItemView[];
}

export class DocumentView {
  @ApiProperty({ description: 'the material (policy materials key)' }) key!: string;
  @ApiProperty() documentId!: string;
  @ApiProperty({ description: 'SHA-256 of the file, as the event records it' }) sha256!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ enum: ['pdf', 'jpg', 'png'] }) type!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ enum: ['talent'], description: "whose data the file is when not the applicant's (a top talent's own material)" }) about?: string;
  @ApiPropertyOptional({ description: "true once erased with its owner's personal data (the file is gone: reading it answers 410)" }) erased?: boolean;
}

export class ReturnItemView {
  @ApiPropertyOptional({ description: 'the form field concerned' }) field?: string;
  @ApiPropertyOptional({ description: 'the document (material) concerned' }) document?: string;
  @ApiProperty() reason!: string;
}

export class SupplementRequestView {
  @ApiProperty() comment!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty({ type: [ReturnItemView], description: '一次性告知: everything to supply or correct, numbered from 0' }) items!: ReturnItemView[];
}

export class ReconsiderationView {
  @ApiProperty({ enum: ['open', 'requested', 'upheld', 'overturned', 'closed'], description: 'open: may be asked for until dueAt' }) status!: string;
  @ApiProperty({ description: 'the last day to ask (the window of policy.timers.reconsiderationWindow)' }) dueAt!: string;
  @ApiProperty({ example: { status: 'rejected', reason: 'CERTIFICATE_NOT_FOUND', automatic: true } }) decision!: { status: string; reason: string; automatic: boolean };
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() requestedAt?: string;
  @ApiPropertyOptional({ enum: ['uphold', 'overturn'] }) outcome?: string;
  @ApiPropertyOptional() comment?: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiPropertyOptional({ description: 'upheld: the further remedies (行政复议, 行政诉讼), as policy text' }) rights?: string;
}

/** Individual scores and votes are sealed (auditors read them in the events), so these kinds are not listed. */
const SEALED_DECISION_KINDS = new Set(['expert-scoring', 'committee-vote']);

export class ApplicationView {
  @ApiProperty() id!: string;
  @ApiProperty() program!: string;
  @ApiProperty() status!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() town!: string;
  @ApiProperty() policyVersion!: number;
  @ApiProperty() submittedAt!: string;
  @ApiPropertyOptional() decidedAt?: string;
  @ApiProperty({ example: { name: '张三', idNumberMasked: '330***********1234' } })
  applicant!: { name: string; idNumberMasked: string; idNumber?: string };
  @ApiProperty({ type: Object }) form!: Record<string, unknown>;
  @ApiProperty({ type: [OpenTaskView] }) openTasks!: OpenTaskView[];
  @ApiProperty({ type: [PaymentView] }) payments!: PaymentView[];
  @ApiPropertyOptional() approvedAmountFen?: number;
  @ApiPropertyOptional({ type: SupplementRequestView }) supplement?: SupplementRequestView;
  @ApiPropertyOptional({ type: ReconsiderationView, description: '复核 of the latest rejection or stop' }) reconsideration?: ReconsiderationView;
  @ApiProperty({ description: 'returns for supplement (退回补正) made so far, and the most the policy allows' }) returns!: { made: number; max: number };
  @ApiPropertyOptional() closingReason?: string;
  @ApiPropertyOptional({ description: 'instalments: settling subsidy and yearly allowance, or milestones' }) schedule?: { key: string; purpose: string; amountFen: number; dueOn?: string; paid: boolean }[];
  @ApiPropertyOptional({ description: 'the leadership\'s tailored package (top-talent)' }) package?: { totalFundingFen: number; milestones: { title: string; amountFen: number; dueOn: string }[] };
  @ApiPropertyOptional({ description: 'the public notice (公示), open or last' }) notice?: { scope: string; summary: object; closesAt: string; open: boolean; objections: number };
  @ApiPropertyOptional({ description: 'panel or committee result (members and individual votes are not shown)' }) panel?: { purpose: string; result?: string };
  @ApiPropertyOptional() title?: { series: string; level: string; certificateNumber: string; decisionRef?: string };
  @ApiPropertyOptional({ description: 'clawbacks with what was repaid and what is still outstanding' })
  clawbacks?: { claimId: string; amountFen: number; basis: string; repaidFen: number; outstandingFen: number }[];
  @ApiPropertyOptional({ description: '陈述申辩 of a proposed stop: the finding, the statement window, the statement and the decision' })
  stopProposal?: { reason: string; detail?: string; statementDueAt: string; statement?: string; outcome?: string; comment?: string };
  @ApiProperty({ type: [CheckView], description: 'automatic checks against other departments\' registries, with their evidence' }) checks!: CheckView[];
  @ApiPropertyOptional({ type: [DocumentView], description: 'the materials submitted, each version (GET /applications/:id/documents/:documentId)' }) documents?: DocumentView[];
  @ApiPropertyOptional({ description: "attachments staff made completing tasks (办理附件): to staff and whoever attached them" })
  attachments?: (DocumentView & { taskId: string; kind: string; by: string })[];
  @ApiPropertyOptional({ description: "the materials of the application's policy version (a supplement may add a new version of any)" })
  materials?: { key: string; name: string; required: boolean; types: string[]; maxBytes: number }[];
  @ApiPropertyOptional({ description: 'required materials not submitted (容缺受理: the review may ask for them)' }) missingMaterials?: { key: string; name: string }[];
  @ApiProperty({ type: [DecisionView], description: 'earlier human decisions on this application (scores and votes excepted)' }) decisions!: DecisionView[];
  @ApiProperty({ description: "the applicant's answers to returns for supplement (补正说明)", example: [{ message: '已补充证书扫描件', formChanged: false, providedAt: '2026-11-28T02:00:00.000Z' }] })
  supplements!: { message: string; formChanged: boolean; providedAt: string; answers?: number[]; items?: { field?: string; document?: string; reason: string }[] }[];
}

/** Owners and auditors see personal data in full; everyone else sees it masked. */
export function seesPersonalData(p: Principal, s: ApplicationState): boolean {
  return hasRole(p, 'auditor') || (hasRole(p, 'applicant') && s.applicant.sub === p.sub);
}

export function maskForm(form: Record<string, unknown>): Record<string, unknown> {
  let masked = form;
  const bank = form.bankAccount as { bankName?: string; accountNumber?: string } | undefined;
  if (bank?.accountNumber) {
    const n = bank.accountNumber;
    masked = { ...masked, bankAccount: { ...bank, accountNumber: `${'*'.repeat(Math.max(0, n.length - 4))}${n.slice(-4)}` } };
  }
  const talent = form.talent as { idNumber?: string } | undefined;
  if (talent?.idNumber) masked = { ...masked, talent: { ...talent, idNumber: maskIdNumber(talent.idNumber) } };
  return masked;
}

function reconsiderationView(r: NonNullable<ApplicationState['reconsideration']>): ReconsiderationView {
  // Who decided stays out of the applicant's view (the events keep it for auditors).
  const { decision, ...rest } = r;
  return { ...rest, decision: { status: decision.status, reason: decision.reason, automatic: decision.automatic } };
}

/** `maxReturns`: the policy version's limit of returns for supplement (procedureOf of the version decided under). */
export function applicationView(s: ApplicationState, p: Principal, maxReturns: number): ApplicationView {
  const full = seesPersonalData(p, s) || hasRole(p, 'finance');
  return {
    id: s.id,
    program: s.program,
    status: s.status,
    stage: s.stage,
    town: s.town,
    policyVersion: s.policyVersion,
    submittedAt: s.submittedAt,
    ...(s.decidedAt ? { decidedAt: s.decidedAt } : {}),
    applicant: {
      name: s.applicant.name,
      idNumberMasked: maskIdNumber(s.applicant.idNumber),
      ...(seesPersonalData(p, s) ? { idNumber: s.applicant.idNumber } : {}),
    },
    form: full ? s.form : maskForm(s.form),
    openTasks: openTasks(s).map((t) => ({ taskId: t.taskId, queue: t.queue, kind: t.kind, dueAt: t.dueAt })),
    payments: s.payments.map((pay) => ({
      paymentId: pay.paymentId,
      amountFen: pay.amountFen,
      purpose: pay.purpose,
      status: pay.status,
      instructedAt: pay.instructedAt,
      ...(pay.confirmedAt ? { confirmedAt: pay.confirmedAt } : {}),
      ...(pay.reference ? { reference: pay.reference } : {}),
    })),
    ...(s.approvedAmountFen !== undefined ? { approvedAmountFen: s.approvedAmountFen } : {}),
    ...(s.supplement ? { supplement: { comment: s.supplement.comment, dueAt: s.supplement.dueAt, items: s.supplement.items ?? [] } } : {}),
    ...(s.reconsideration ? { reconsideration: reconsiderationView(s.reconsideration) } : {}),
    returns: { made: returnsMade(s), max: maxReturns },
    ...(s.closingReason ? { closingReason: s.closingReason } : {}),
    ...(s.schedule ? { schedule: s.schedule.map((i) => ({ ...i, paid: paidKeys(s).has(i.key) })) } : {}),
    ...(s.package ? { package: s.package } : {}),
    ...(s.notice
      ? { notice: { scope: s.notice.scope, summary: s.notice.summary, closesAt: s.notice.closesAt, open: s.notice.open, objections: s.notice.objections.length } }
      : {}),
    ...(s.panel ? { panel: { purpose: s.panel.purpose, ...(s.panel.result ? { result: s.panel.result } : {}) } } : {}),
    ...(s.title ? { title: s.title } : {}),
    ...(s.clawbacks ? { clawbacks: s.clawbacks.map((c) => ({ ...c, repaidFen: c.repaidFen ?? 0, outstandingFen: c.amountFen - (c.repaidFen ?? 0) })) } : {}),
    ...(s.stopProposal ? { stopProposal: { ...s.stopProposal } } : {}),
    checks: s.checks.map((c) => ({ check: c.check, source: c.source, checkedAt: c.checkedAt, passed: c.passed, ...(c.reason ? { reason: c.reason } : {}), responseHash: c.responseHash })),
    decisions: Object.values(s.tasks)
      .filter((t) => t.status === 'completed' && t.outcome && t.completedAt && !SEALED_DECISION_KINDS.has(t.kind))
      .sort((a, b) => a.completedAt!.localeCompare(b.completedAt!))
      .map((t) => ({
        taskId: t.taskId,
        kind: t.kind,
        outcome: t.outcome!,
        ...(t.comment ? { comment: t.comment } : {}),
        completedAt: t.completedAt!,
        ...(t.outcome === 'return' && Array.isArray(t.fields?.items) ? { items: t.fields.items as ReturnItemView[] } : {}),
      })),
    supplements: s.supplements ?? [],
  };
}
