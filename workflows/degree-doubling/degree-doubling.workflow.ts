import { patched, proxyActivities } from '@temporalio/workflow';
import type { DegreeDoublingPolicy, DegreeDoublingForm } from '#domain';
import { leavingClawback } from '#domain';
import { ACTIVITY_OPTIONS, ApplicationProcess, registerApplicationHandlers } from '../shared/application-process';
import type { ApplicationInput, ApplicationSummary } from '../shared/application.messages';
import type { PaymentActivities, ProgramActivities } from '../shared/core.activities';
import { payScheduled, setSchedule } from '../shared/payment-schedule';
import { checksPass, employerStep, noDoubleBenefit, recoverClawbacks, reviewStep, stopAfterStatement } from '../shared/program-steps';
import type { DegreeDoublingActivities } from './degree-doubling.activities';

const acts = proxyActivities<DegreeDoublingActivities & ProgramActivities & PaymentActivities>(ACTIVITY_OPTIONS);

/** Runs of before stopped at once on a failed re-verification; since, the applicant may reply and the office decides. */
const STATEMENT_BEFORE_STOP = 'statement-before-stop';

/**
 * 硕博倍增 (PROGRAMS.md §2): automatic eligibility and employment checks → the employer confirms (a task for its
 * USCC) → talent-office review → approval with a payment schedule → settling subsidy paid → on each anniversary,
 * in a new run (continue-as-new keeps every run's history small): re-verification, then the living allowance,
 * or — after 陈述申辩 and the office's decision — the schedule stops with reason left-district and a pro-rata clawback
 * claim, recovered by finance. A rejection or a stop may be reconsidered (复核) by the review queue's lead; set aside,
 * the file goes back to the step it was stopped at (a stop set aside pays the instalment).
 */
export async function degreeDoublingWorkflow(input: ApplicationInput): Promise<ApplicationSummary> {
  const app = new ApplicationProcess<DegreeDoublingForm>(input);
  registerApplicationHandlers(app);
  const policy = input.policy.policy as DegreeDoublingPolicy;
  if (input.resume) {
    await app.resume();
    return instalment(app, policy, input);
  }
  await app.submit();
  let checksNeeded = true;
  let confirmedEmployer: string | null = null;
  /** The talent office's approval, once given (a reconsideration after a later step does not ask again). */
  let reviewed: { comment?: string } | null = null;
  for (;;) {
    const next = await decideOnce();
    if (next) return next;
    const overturned = await app.offerReconsideration(`${policy.queues.review}-lead`);
    if (!overturned) break;
    checksNeeded = overturned.stage === 'automatic-checks' && !reviewed;
  }
  return app.finish();

  /** Up to the decision; after approval and the settling subsidy, the run continues as new (its return). */
  async function decideOnce(): Promise<ApplicationSummary | null> {
    while (!app.closed) {
      const form = app.form;
      if (checksNeeded) {
        const evidence = await acts.runDegreeChecks({
          applicationId: input.applicationId,
          idNumber: input.applicant.idNumber,
          form,
          submittedAt: app.state.submittedAt,
          policy,
        });
        if (!(await checksPass(app, evidence))) break;
      }
      if (confirmedEmployer !== form.employerOrgCode) {
        const answer = await employerStep(app, {
          kind: 'employment-confirmation',
          stage: 'employer-confirmation',
          orgCode: form.employerOrgCode,
          sla: policy.timers.employerResponse,
          supplementWindow: policy.timers.supplementWindow,
        });
        if (answer === 'closed') break;
        if (answer === 'rejected') {
          await app.execute({ type: 'Reject', reason: 'EMPLOYER_DID_NOT_CONFIRM', automatic: false });
          break;
        }
        if (answer === 'retry') {
          checksNeeded = true;
          continue;
        }
        confirmedEmployer = form.employerOrgCode;
      }
      if (!reviewed) {
        const review = await reviewStep(app, {
          kind: 'review',
          stage: 'talent-office-review',
          role: 'reviewer',
          queue: policy.queues.review,
          escalationQueue: policy.queues.escalation,
          sla: policy.timers.reviewSla,
          supplementWindow: policy.timers.supplementWindow,
          rejectReason: 'REVIEW_REJECTED',
        });
        if (review.outcome === 'closed') break;
        if (review.outcome === 'retry') {
          checksNeeded = review.formChanged === true;
          continue;
        }
        reviewed = { comment: review.comment };
      }
      if (!(await noDoubleBenefit(app, acts, input.applicant.idNumber, policy.excludes))) break;

      const settling = policy.settlingFen[form.degree];
      const living = policy.livingAllowanceFenPerYear[form.degree];
      await app.execute({ type: 'Approve', amountFen: settling + living * policy.instalments, comment: reviewed.comment });
      await setSchedule(
        app,
        [
          { key: 'settling', purpose: 'settling-subsidy', amountFen: settling },
          ...Array.from({ length: policy.instalments }, (_, i) => ({ key: `living-${i + 1}`, purpose: 'living-allowance', amountFen: living })),
        ],
        'approved',
      );
      if (!(await payScheduled(app, acts, 'settling', payee(form, policy)))) break;
      const first = await app.deadlineFrom(app.state.decidedAt!, policy.timers.instalmentInterval);
      return app.continueAsNew({ ...input, resume: { step: 'instalment', index: 1, dueAt: first.dueAt } });
    }
    return null;
  }
}

function payee(form: DegreeDoublingForm, policy: DegreeDoublingPolicy) {
  return { bankAccount: form.bankAccount, financeQueue: policy.queues.payment, sla: policy.timers.paymentSla };
}

/** One anniversary: re-verify, then pay the instalment and continue as new, or stop with a clawback claim. */
async function instalment(app: ApplicationProcess<DegreeDoublingForm>, policy: DegreeDoublingPolicy, input: ApplicationInput): Promise<ApplicationSummary> {
  const { index, dueAt } = input.resume!;
  await app.waitFor(() => app.closed, app.msUntil(dueAt!));
  const form = app.form;
  const check = await acts.reverifyResidence({
    idNumber: input.applicant.idNumber,
    approvedAt: app.state.decidedAt!,
    checkedAt: new Date().toISOString(),
    settlingFen: policy.settlingFen[form.degree],
    policy,
  });
  await app.execute({ type: 'RecordChecks', evidence: [check.evidence] });
  if (!check.evidence.passed) {
    const heard = patched(STATEMENT_BEFORE_STOP);
    const stop = heard
      ? await stopAfterStatement(app, {
          reason: 'left-district',
          detail: `re-verification before instalment ${index}`,
          officeQueue: policy.queues.review,
          escalationQueue: policy.queues.escalation,
          sla: policy.timers.reviewSla,
        })
      : true;
    // Since stops may be reconsidered (复核), the clawback is claimed once the stop is final.
    const deferred = stop && heard && app.reconsidersStops();
    if (stop) {
      await app.execute({ type: 'StopForLeavingDistrict', instalment: index, clawback: deferred ? null : (check.clawback ?? null) });
    }
    const setAside = deferred && (await app.offerStopReconsideration(`${policy.queues.review}-lead`, 'instalments'));
    if (stop && !setAside) {
      const claim = deferred ? leavingClawback(check.clawback ?? null) : null;
      if (claim) await app.execute({ type: 'ClaimClawback', claim });
      if (heard) await recoverClawbacks(app, { financeQueue: policy.queues.payment, sla: policy.timers.paymentSla });
      return app.finish();
    }
  }
  if (!(await payScheduled(app, acts, `living-${index}`, payee(form, policy)))) return app.finish();
  if (index >= policy.instalments) {
    await app.execute({ type: 'Complete' });
    return app.finish();
  }
  const next = await app.deadlineFrom(dueAt!, policy.timers.instalmentInterval);
  return app.continueAsNew({ ...input, resume: { step: 'instalment', index: index + 1, dueAt: next.dueAt } });
}
