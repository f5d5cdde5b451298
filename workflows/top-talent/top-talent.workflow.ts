import { patched, proxyActivities } from '@temporalio/workflow';
import type { CheckEvidence, FundingPackage, MeetingRecord, ScheduleItem, TaskCandidates, TopTalentForm, TopTalentPolicy } from '#domain';
import { paidKeys, TASK_KINDS, Scores, maskName, PERSONAL_QUEUES, terminationClawback } from '#domain';
import { ACTIVITY_OPTIONS, ApplicationProcess, SYSTEM, registerApplicationHandlers } from '../shared/application-process';
import type { ApplicationInput, ApplicationSummary } from '../shared/application.messages';
import type { PaymentActivities, ProgramActivities } from '../shared/core.activities';
import { convenePanel } from '../shared/panel';
import { payScheduled, setSchedule } from '../shared/payment-schedule';
import { checksPass, hearStatement, noDoubleBenefit, recoverClawbacks, reviewStep } from '../shared/program-steps';
import { publicNotice } from '../shared/public-notice';

const acts = proxyActivities<ProgramActivities & PaymentActivities>(ACTIVITY_OPTIONS);

/** Runs that began before show the public notice without the project's title. */
const NOTICE_SHOWS_PROJECT = 'notice-shows-project';

/** Runs that began before show the public notice without the sponsor's registered name. */
const NOTICE_SHOWS_EMPLOYER = 'notice-shows-employer';

/** Runs that began before suspended a milestone straight to the leadership's decision, without 陈述申辩. */
const STATEMENT_BEFORE_TERMINATION = 'statement-before-termination';

/** Runs that began before could only pass or fail a milestone's verification, not return it for a new report. */
const MILESTONE_RETURN = 'milestone-return';

type Phase = 'prescreen' | 'panel' | 'leadership' | 'notice' | 'approve';

/**
 * 顶尖人才 "一事一议" (PROGRAMS.md §3): talent-office pre-screening → expert panel drawn at random (recorded seed,
 * sponsor's organisation excluded, conflicts and silent experts replaced) → leadership decision with a tailored
 * package → public notice with objections (an upheld objection returns the case to the leadership) → the
 * sponsor signs the agreement → milestone loop (evidence, verification, payment; a failed or overdue milestone
 * suspends the rest: the sponsor may reply (陈述申辩), then the leadership continues, adjusts or terminates), each
 * milestone in a new run (continue-as-new). A rejection or a termination may be reconsidered (复核) by the
 * pre-screening queue's lead; set aside, the file goes back to the phase it was stopped in (a termination set aside
 * asks for the milestone again); a final termination's clawback is recovered by finance.
 */
export async function topTalentWorkflow(input: ApplicationInput): Promise<ApplicationSummary> {
  const app = new ApplicationProcess<TopTalentForm>(input);
  registerApplicationHandlers(app);
  const policy = input.policy.policy as TopTalentPolicy;
  if (input.resume) {
    await app.resume();
    return milestones(app, policy, input, input.resume.index);
  }
  await app.submit();
  const noticeShowsProject = patched(NOTICE_SHOWS_PROJECT);
  const noticeShowsEmployer = patched(NOTICE_SHOWS_EMPLOYER);
  let phase: Phase = 'prescreen';
  let checksNeeded = true;
  let pkg: FundingPackage | undefined;
  for (;;) {
    const next = await decideOnce();
    if (next) return next;
    const overturned = await app.offerReconsideration(`${policy.queues.prescreen}-lead`);
    if (!overturned) break;
    checksNeeded = true; // an overruled check no longer stops the file
  }
  return app.finish();

  /** Up to the decision (or, once approved, the run that follows). */
  async function decideOnce(): Promise<ApplicationSummary | null> {
    while (!app.closed) {
      const form = app.form;
      if (phase === 'prescreen') {
        if (checksNeeded) {
          if (!(await checksPass(app, [industryFit(form, policy, app.state.submittedAt)]))) break;
        }
        const review = await reviewStep(app, {
          kind: 'prescreen',
          stage: 'prescreen',
          role: 'reviewer',
          queue: policy.queues.prescreen,
          escalationQueue: policy.queues.escalation,
          sla: policy.timers.prescreenSla,
          supplementWindow: policy.timers.supplementWindow,
          rejectReason: 'PRESCREEN_REJECTED',
        });
        if (review.outcome === 'closed') break;
        if (review.outcome === 'retry') {
          checksNeeded = review.formChanged === true;
          continue;
        }
        phase = 'panel';
      } else if (phase === 'panel') {
        const panel = await convenePanel(app, acts, {
          purpose: 'expert-panel',
          kind: TASK_KINDS.expertScoring,
          stage: 'expert-panel',
          size: policy.panel.size,
          field: form.project.industry,
          excludeOrgs: input.applicant.orgCode ? [input.applicant.orgCode] : [],
          window: policy.timers.expertScoring,
          sitting: false,
        });
        if (app.closed) break;
        await app.execute({
          type: 'ConcludeExpertPanel',
          panelId: panel.panelId,
          seats: panel.seats,
          scores: panel.responses.map((r) => r.fields.scores as Scores),
          rule: policy.panel,
        });
        const outcome = app.state.panel!;
        if (outcome.result === 'failed') {
          await app.execute({ type: 'Reject', reason: 'PANEL_NOT_PASSED', automatic: false });
          break;
        }
        if (outcome.result === 'inconclusive') {
          // Too few scores (pool exhausted, experts silent): the talent office redraws once more experts are
          // registered (approve) or closes the case (reject); never a dead end.
          const next = await app.humanTask({
            kind: 'panel-inconclusive',
            stage: 'expert-panel',
            candidates: { role: 'reviewer', queues: [policy.queues.prescreen] },
            outcomes: ['approve', 'reject'],
            sla: policy.timers.prescreenSla,
            escalationQueue: policy.queues.escalation,
          });
          if (next.status !== 'completed') break;
          if (next.outcome === 'reject') {
            await app.execute({ type: 'Reject', reason: 'PANEL_INCONCLUSIVE', automatic: false, comment: next.comment });
            break;
          }
          continue;
        }
        phase = 'leadership';
      } else if (phase === 'leadership') {
        const decision = await app.humanTask({
          kind: TASK_KINDS.leadershipDecision,
          stage: 'leadership-decision',
          candidates: { role: 'leadership', queues: [policy.queues.leadership] },
          outcomes: ['approve', 'reject'],
          sla: policy.timers.leadershipSla,
        });
        if (decision.status !== 'completed') break;
        if (decision.outcome === 'reject') {
          await app.execute({ type: 'DecideLeadership', decision: 'reject', comment: decision.comment, ...meetingOf(decision) });
          await app.execute({ type: 'Reject', reason: 'LEADERSHIP_REJECTED', automatic: false, comment: decision.comment });
          break;
        }
        pkg = decision.fields!.package as FundingPackage;
        await app.execute({ type: 'DecideLeadership', decision: 'approve', package: pkg, comment: decision.comment, ...meetingOf(decision) });
        phase = 'notice';
      } else if (phase === 'notice') {
        // The sponsor as the enterprise registry names it (notices of before showed none; an unregistered one shows none).
        const employer = noticeShowsEmployer && input.applicant.orgCode ? await acts.organisationName(input.applicant.orgCode) : null;
        const notice = await publicNotice(app, {
          scope: 'public',
          // The project's title is part of what the public is asked about (notices of before showed none).
          summary: {
            name: maskName(form.talent.name),
            program: 'top-talent',
            amountFen: pkg!.totalFundingFen,
            ...(employer ? { employer } : {}),
            ...(noticeShowsProject ? { project: form.project.title } : {}),
          },
          window: policy.timers.publicNotice,
          review: { candidates: { role: 'reviewer', queues: [policy.queues.objections] }, sla: policy.timers.objectionReviewSla, escalationQueue: policy.queues.escalation },
        });
        if (notice.result === 'closed') break;
        if (notice.result === 'upheld') {
          phase = 'leadership';
          continue;
        }
        if (notice.result === 'rejected') {
          await app.execute({ type: 'Reject', reason: 'OBJECTION_UPHELD', automatic: false, comment: notice.comment });
          break;
        }
        phase = 'approve';
      } else {
        if (!(await noDoubleBenefit(app, acts, form.talent.idNumber, policy.excludes))) break;
        await app.execute({ type: 'Approve', amountFen: pkg!.totalFundingFen });
        const agreement = await app.humanTask({
          kind: TASK_KINDS.agreementSigning,
          stage: 'agreement',
          candidates: sponsorOf(input),
          outcomes: ['approve'],
          sla: policy.timers.agreementWindow,
          onOverdue: 'cancel',
        });
        if (agreement.status !== 'completed') {
          await app.execute({ type: 'LapseAgreement' });
          break;
        }
        await app.execute({ type: 'SignAgreement', by: agreement.completedBy! });
        await setSchedule(app, scheduleOf(pkg!, 'm'), 'agreement signed');
        return milestones(app, policy, input, 0);
      }
    }
    return null;
  }
}

function scheduleOf(pkg: FundingPackage, prefix: string): ScheduleItem[] {
  return pkg.milestones.map((m, i) => ({ key: `${prefix}-${i + 1}`, purpose: m.title, amountFen: m.amountFen, dueOn: m.dueOn }));
}

/** The 3+3 industry fit, recorded like any other automatic check (its source is the policy). */
function industryFit(form: TopTalentForm, policy: TopTalentPolicy, checkedAt: string): CheckEvidence {
  const passed = policy.industries.includes(form.project.industry);
  return {
    check: 'industry-fit',
    source: 'policy:industries',
    checkedAt,
    passed,
    ...(passed ? {} : { reason: 'INDUSTRY_NOT_IN_DISTRICT_FOCUS' }),
    responseHash: '0'.repeat(64),
    details: { industry: form.project.industry, industries: policy.industries },
  };
}

/** The end of a milestone's due date, China time (UTC+8, no daylight saving). */
function endOfChinaDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000+08:00`) + 86_400_000).toISOString();
}

async function milestones(app: ApplicationProcess<TopTalentForm>, policy: TopTalentPolicy, input: ApplicationInput, start: number): Promise<ApplicationSummary> {
  const payee = {
    bankAccount: (app.form).bankAccount ?? {
      bankName: "sponsor's basic account registered with the treasury",
      accountNumber: (input.applicant.orgCode ?? '00000000').replace(/\D/g, '').padEnd(8, '0'),
    },
    financeQueue: policy.queues.payment,
    sla: policy.timers.paymentSla,
  };
  let index = start;
  let grace = false;
  while (!app.closed) {
    const schedule = app.state.schedule ?? [];
    if (index >= schedule.length) {
      await app.execute({ type: 'Complete' });
      break;
    }
    const item = schedule[index];
    if (paidKeys(app.state).has(item.key)) {
      index += 1;
      continue;
    }
    const report = await app.humanTask({
      kind: TASK_KINDS.milestoneReport,
      stage: 'milestones',
      candidates: sponsorOf(input),
      outcomes: ['approve'],
      sla: policy.timers.milestoneGrace,
      ...(grace || !item.dueOn ? {} : { dueAt: endOfChinaDay(item.dueOn) }),
      onOverdue: 'cancel',
    });
    if (app.closed) break;
    const verified = report.status === 'completed' ? await verifyMilestone(app, policy, input, item.key) : 'MILESTONE_OVERDUE';
    if (verified === 'closed') break;
    const failure = verified === 'passed' ? null : verified;
    if (failure) {
      await app.execute({ type: 'SuspendBenefit', reason: failure, key: item.key });
      // 陈述申辩: the sponsor may reply before the leadership decides (runs of before went straight to the leadership).
      const heard = patched(STATEMENT_BEFORE_TERMINATION);
      if (heard) await hearStatement(app, { reason: failure, detail: item.key });
      const decision = await app.humanTask({
        kind: TASK_KINDS.suspensionDecision,
        stage: heard ? 'stop-review' : 'suspended',
        candidates: { role: 'leadership', queues: [policy.queues.leadership] },
        outcomes: ['approve', 'reject'],
        sla: policy.timers.suspensionDecisionSla,
      });
      if (decision.status !== 'completed') break;
      const terminate = decision.outcome === 'reject';
      if (heard) {
        await app.execute({ type: 'DecideStopProposal', outcome: terminate ? 'stop' : 'continue', by: decision.completedBy ?? SYSTEM.id, ...(decision.comment ? { comment: decision.comment } : {}) });
      }
      if (terminate) {
        // Since terminations may be reconsidered (复核), the clawback is claimed once the termination is final.
        const deferred = heard && app.reconsidersStops();
        await app.execute({ type: 'TerminateBenefit', detail: `${failure} at ${item.key}`, clawbackPercentOfPaid: policy.clawbackPercentOfPaid, ...(deferred ? { deferClawback: true } : {}) });
        if (!deferred) break;
        if (await app.offerStopReconsideration(`${policy.queues.prescreen}-lead`, 'milestones')) {
          grace = true; // set aside: the milestone is reported again, within the grace period
          continue;
        }
        const claim = terminationClawback(app.state, policy.clawbackPercentOfPaid);
        if (claim) await app.execute({ type: 'ClaimClawback', claim });
        await recoverClawbacks(app, { financeQueue: policy.queues.payment, sla: policy.timers.paymentSla });
        break;
      }
      const adjusted = decision.fields?.package as FundingPackage | undefined;
      if (adjusted) {
        const kept = schedule.slice(0, index);
        await setSchedule(app, [...kept, ...scheduleOf(adjusted, `a${app.state.version}`)], 'adjusted by the leadership');
      }
      await app.execute({ type: 'ResumeBenefit', decision: adjusted ? 'adjust' : 'continue', comment: decision.comment });
      grace = !adjusted;
      continue;
    }
    if (!(await payScheduled(app, acts, item.key, payee))) break;
    if (index + 1 < schedule.length) return app.continueAsNew({ ...input, resume: { step: 'milestone', index: index + 1 } });
    index += 1;
  }
  return app.finish();
}

/**
 * The talent office verifies a reported milestone: passed, failed, or returned (一次性告知: the items missing) for
 * the sponsor to report again within the supplement window — a report not made again is overdue. Runs of before
 * could not return a milestone.
 */
async function verifyMilestone(
  app: ApplicationProcess<TopTalentForm>,
  policy: TopTalentPolicy,
  input: ApplicationInput,
  key: string,
): Promise<'passed' | 'MILESTONE_FAILED' | 'MILESTONE_OVERDUE' | 'closed'> {
  const returnable = patched(MILESTONE_RETURN);
  for (;;) {
    const verification = await app.humanTask({
      kind: TASK_KINDS.milestoneVerification,
      stage: 'milestones',
      candidates: { role: 'reviewer', queues: [policy.queues.milestones] },
      outcomes: returnable ? ['approve', 'reject', 'return'] : ['approve', 'reject'],
      sla: policy.timers.milestoneVerificationSla,
      escalationQueue: policy.queues.escalation,
    });
    if (verification.status !== 'completed') return 'closed';
    if (verification.outcome !== 'return') {
      const passed = verification.outcome === 'approve';
      await app.execute({ type: 'VerifyMilestone', key, passed, comment: verification.comment });
      return passed ? 'passed' : 'MILESTONE_FAILED';
    }
    const again = await app.humanTask({
      kind: TASK_KINDS.milestoneReport,
      stage: 'milestones',
      candidates: sponsorOf(input),
      outcomes: ['approve'],
      sla: policy.timers.supplementWindow,
      onOverdue: 'cancel',
    });
    if (app.closed) return 'closed';
    if (again.status !== 'completed') return 'MILESTONE_OVERDUE';
  }
}

/** The sponsor's own tasks (the agreement, the milestone reports) go to the person who applied. */
function sponsorOf(input: ApplicationInput): TaskCandidates {
  return { role: 'applicant', queues: [PERSONAL_QUEUES.applicants], assignee: { kind: 'sub', value: input.applicant.sub } };
}

/** The meeting a leadership decision recorded (decisions of before have none). */
function meetingOf(task: { fields?: Record<string, unknown> }): { meeting?: MeetingRecord } {
  const meeting = task.fields?.meeting as MeetingRecord | undefined;
  return meeting ? { meeting } : {};
}
