import { patched, proxyActivities } from '@temporalio/workflow';
import { SkillSubsidyPolicy, subsidyAmountFen } from '#domain';
import { ACTIVITY_OPTIONS, ApplicationProcess, SYSTEM, registerApplicationHandlers } from '../shared/application-process';
import type { PaymentActivities } from '../shared/core.activities';
import { payOnce } from '../shared/payment';
import { checksPass } from '../shared/program-steps';
import type { SkillSubsidyForm } from '#domain';
import type { ApplicationInput, ApplicationSummary } from './skill-subsidy.messages';
import type { SkillSubsidyActivities } from './skill-subsidy.activities';

const skill = proxyActivities<SkillSubsidyActivities & PaymentActivities>(ACTIVITY_OPTIONS);

/** Histories recorded before the typed issue date was compared with the registry's keep replaying. */
const COMPARE_ISSUE_DATE = 'skill-checks-issue-date';

/**
 * 技能补贴 (PROGRAMS.md §1): automatic checks with evidence → hrss-skill review (SLA, escalation) →
 * approve / reject / return for supplement → payment instruction → finance confirms → completed. A rejection may
 * be reconsidered (复核) by hrss-skill-lead; set aside, the file goes through the checks (the overruled verdict no
 * longer stops it) to the review again.
 */
export async function skillSubsidyWorkflow(input: ApplicationInput): Promise<ApplicationSummary> {
  const app = new ApplicationProcess<SkillSubsidyForm>(input);
  registerApplicationHandlers(app);
  const policy = input.policy.policy as SkillSubsidyPolicy;
  await app.submit();

  let checksNeeded = true;
  for (;;) {
    await decideOnce();
    if (!(await app.offerReconsideration(`${policy.queues.review}-lead`))) break;
    checksNeeded = true;
  }
  return app.finish();

  async function decideOnce(): Promise<void> {
    while (!app.closed) {
      if (checksNeeded) {
        const form = app.form;
        const evidence = await skill.runSkillChecks({
          applicationId: input.applicationId,
          idNumber: input.applicant.idNumber,
          certificateNumber: form.certificateNumber,
          level: form.level,
          ...(patched(COMPARE_ISSUE_DATE) ? { issuedOn: form.issuedOn } : {}),
          submittedAt: app.state.submittedAt,
          policy,
        });
        if (!(await checksPass(app, evidence))) break;
      }

      const review = await app.humanTask({
        kind: 'review',
        stage: 'review',
        candidates: { role: 'reviewer', queues: [policy.queues.review] },
        outcomes: ['approve', 'reject', 'return'],
        sla: policy.timers.reviewSla,
        escalationQueue: policy.queues.escalation,
      });
      if (app.closed || review.status !== 'completed') break;
      const completed = app.state.tasks[review.taskId];
      const comment = completed.comment;

      if (completed.outcome === 'reject') {
        await app.execute({ type: 'Reject', reason: 'REVIEW_REJECTED', automatic: false, comment }, SYSTEM);
        break;
      }
      if (completed.outcome === 'return') {
        const revision = app.state.formRevision;
        const answer = await app.awaitSupplement(review.taskId, comment ?? '', policy.timers.supplementWindow);
        if (answer !== 'provided') break;
        checksNeeded = app.state.formRevision !== revision;
        continue;
      }

      const form = app.form;
      const amountFen = subsidyAmountFen(form.level, policy);
      await app.execute({ type: 'Approve', amountFen, comment });
      await payOnce(app, skill, {
        purpose: 'skill-subsidy',
        amountFen,
        bankAccount: form.bankAccount,
        financeQueue: policy.queues.payment,
        sla: policy.timers.paymentSla,
      });
      await app.execute({ type: 'Complete' });
      break;
    }
  }
}
