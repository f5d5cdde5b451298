/** 办理进度: one Chinese sentence per stored event (the applicant's view of GET /applications/:id/events). */
import { fenToYuan } from './money';
import { programName, queueName, reasonText, taskKindName, townName } from './labels';
import { formatDateTime, formatDeadline } from './format';

export interface StoredEvent {
  version: number;
  type: string;
  data: Record<string, any>;
  /** An auditor's copy: `data` is as stored (personal fields sealed, what the hash covers), this is it opened. */
  openedData?: Record<string, any>;
  recordedAt: string;
  metadata?: { actor?: { id: string; role: string } };
}

const OUTCOMES: Record<string, string> = { approve: '通过', reject: '驳回', return: '退回补正', uphold: '维持原决定', overturn: '撤销原决定' };
const CHECKS: Record<string, string> = {
  'certificate-registry': '职业技能等级证书核验',
  'social-insurance': '社保缴纳核验',
  'duplicate-claims': '重复申领核验',
  employment: '在职核验',
  'employment-confirmation': '在职核验',
  'no-double-benefit': '不重复享受核验',
  'industry-fit': '产业方向核验',
  eligibility: '申请条件核验',
};

/** Where a check's data came from, as people call it (stand-ins say so). */
const SOURCES: Record<string, string> = {
  'stand-in:registry_skill_certificates': '人社技能等级证书登记（模拟数据）',
  'stand-in:registry_social_insurance': '社保缴费登记（模拟数据）',
  'talentflow:applications': '本系统申请记录',
  'talentflow:benefit_claims': '本系统享受待遇记录',
  'form+resident-id': '申请表与身份证号',
  'policy:industries': '政策规定的重点产业',
};

export interface CheckRecord {
  check: string;
  source?: string;
  passed: boolean;
  reason?: string;
  checkedAt?: string;
}

/** One automatic check in words: what, the result, the source and the time. */
export function describeCheck(c: CheckRecord, at?: string): string {
  const source = c.source ? (SOURCES[c.source] ?? c.source) : '未注明';
  return `自动核验：${CHECKS[c.check] ?? c.check}，${c.passed ? '通过' : `未通过：${reasonText(c.reason)}`}（数据来源：${source}，核验时间 ${formatDateTime(c.checkedAt ?? at ?? '')}）`;
}

/** An earlier human decision in words: the step, the outcome and the comment. */
export function describeDecision(d: { kind: string; outcome: string; comment?: string }): string {
  return `${taskKindName(d.kind) || '办理'}：${OUTCOMES[d.outcome] ?? d.outcome}${d.comment ? `，意见：${d.comment}` : ''}`;
}

const yuan = (fen: unknown) => (typeof fen === 'number' ? `${fenToYuan(fen)} 元` : '');

export function describeEvent(e: StoredEvent): string {
  const d = e.openedData ?? e.data ?? {};
  switch (e.type) {
    case 'ApplicationSubmitted':
      return `提交${programName(d.program)}申请（${townName(d.town)}）`;
    case 'AutomaticCheckRecorded':
      return describeCheck(d as CheckRecord, e.recordedAt);
    case 'TaskCreated':
      return `待办：${taskKindName(d.kind)}（${(d.candidates?.queues ?? []).map(queueName).join('、') || '指定人员'}），期限 ${formatDeadline(d.dueAt)}`;
    case 'TaskClaimed':
      return `${taskKindName(d.kind) || '任务'}已被认领`;
    case 'TaskReleased':
      return '任务已释放';
    case 'TaskReassigned':
      return `任务已转派：${d.reason ?? ''}`;
    case 'TaskEscalated':
      return `任务超期，已升级至${queueName(d.toQueue)}`;
    case 'TaskCompleted':
      return `办理完成：${OUTCOMES[d.outcome] ?? d.outcome}${d.comment ? `，意见：${d.comment}` : ''}`;
    case 'TaskCancelled':
      return '任务已取消';
    case 'SupplementRequested':
      return `退回补正：${(d.comment ?? '').replace(/[。，；,.;]+$/, '')}${d.items?.length ? `，需补正 ${d.items.length} 项` : ''}（补正期限 ${formatDeadline(d.dueAt)}）`;
    case 'SupplementProvided':
      return `已补正材料${d.formChanged ? '并更正申请表' : ''}${d.answers?.length ? `（答复第 ${d.answers.map((i: number) => i + 1).join('、')} 项）` : ''}：${d.message ?? ''}`;
    case 'DeadlineClockPaused':
      return '办理时限暂停计时（等待补正）';
    case 'DeadlineClockResumed':
      return '办理时限恢复计时';
    case 'ApplicationApproved':
      return `审核通过，核定金额 ${yuan(d.amountFen)}`;
    case 'ApplicationRejected':
      return `未通过：${reasonText(d.reason)}${d.comment ? `（${d.comment}）` : ''}`;
    case 'ApplicationWithdrawn':
      return `申请人撤回申请：${d.reason ?? ''}`;
    case 'ApplicationLapsed':
      return '逾期未补正，申请已失效';
    case 'PaymentInstructed':
      return `已下达支付指令 ${yuan(d.amountFen)}（收款账户 ${d.payeeAccountMasked ?? ''}）`;
    case 'PaymentConfirmed':
      return `支付已确认（凭证号 ${d.reference ?? ''}）`;
    case 'PaymentFailed':
      return '支付失败';
    case 'ApplicationCompleted':
      return '已办结';
    case 'PanelDrawn':
      return d.purpose === 'committee' ? '随机抽取评审委员会' : '随机抽取专家组';
    case 'PanelMemberReplaced':
      return '评审成员回避，已重新抽取';
    case 'PanelConcluded':
      return `评审结束：${d.result === 'passed' ? '通过' : d.result === 'failed' ? '未通过' : d.result}`;
    case 'LeadershipDecided':
      return `领导小组一事一议决定：${d.decision === 'approve' ? '同意' : d.decision}${d.package ? `，资助总额 ${yuan(d.package.totalFundingFen)}` : ''}`;
    case 'PublicNoticeOpened':
      return `${d.scope === 'public' ? '公示' : '单位内部公示'}开始，公示期至 ${formatDeadline(d.closesAt)}`;
    case 'ObjectionFiled':
      return '收到异议';
    case 'PublicNoticeClosed':
      return `公示结束，收到异议 ${d.objections ?? 0} 件`;
    case 'PaymentScheduleSet':
      return `拨付计划：${(d.items ?? []).map((i: { amountFen: number }) => yuan(i.amountFen)).join('、')}`;
    case 'AgreementSigned':
      return '协议已签署';
    case 'MilestoneVerified':
      return `里程碑${d.passed ? '核验通过' : '核验未通过'}${d.comment ? `：${d.comment}` : ''}`;
    case 'BenefitSuspended':
      return '后续拨付已暂停';
    case 'BenefitResumed':
      return '后续拨付已恢复';
    case 'BenefitStopped':
      return `待遇已停止：${reasonText(d.reason)}`;
    case 'ClawbackClaimed':
      return `追回 ${yuan(d.amountFen)}`;
    case 'TitleConferred':
      return `职称评审通过，证书编号 ${d.certificateNumber ?? ''}`;
    case 'StopProposed':
      return `拟停止发放：${reasonText(d.reason)}，陈述申辩期限 ${formatDeadline(d.statementDueAt)}`;
    case 'StatementSubmitted':
      return `申请人陈述申辩：${d.text ?? ''}`;
    case 'StopProposalDecided':
      return d.outcome === 'stop' ? `经审查，停止发放${d.comment ? `：${d.comment}` : ''}` : `经审查，继续发放${d.comment ? `：${d.comment}` : ''}`;
    case 'ClawbackRepaid':
      return `追缴款到账 ${yuan(d.amountFen)}（凭证 ${d.reference ?? ''}）`;
    case 'ReconsiderationWindowOpened':
      return `可以申请复核，复核申请期限 ${formatDeadline(d.dueAt)}`;
    case 'ReconsiderationWindowClosed':
      return '复核申请期限已过，决定生效';
    case 'ReconsiderationRequested':
      return `申请复核：${d.reason ?? ''}`;
    case 'ReconsiderationDecided':
      return `复核结果：${OUTCOMES[d.outcome] ?? d.outcome}${d.comment ? `，意见：${d.comment}` : ''}`;
    default:
      return e.type;
  }
}
