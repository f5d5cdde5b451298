import { patched, proxyActivities } from '@temporalio/workflow';
import { TASK_KINDS, Vote, chinaDate, maskName, PERSONAL_QUEUES } from '#domain';
import type { TitleFastTrackForm, TitleFastTrackPolicy } from '#domain';
import { ACTIVITY_OPTIONS, ApplicationProcess, registerApplicationHandlers } from '../shared/application-process';
import type { ApplicationInput, ApplicationSummary } from '../shared/application.messages';
import type { ProgramActivities } from '../shared/core.activities';
import { convenePanel } from '../shared/panel';
import { employerStep, reviewStep } from '../shared/program-steps';
import { publicNotice } from '../shared/public-notice';

const acts = proxyActivities<ProgramActivities>(ACTIVITY_OPTIONS);

type Phase = 'employer' | 'employer-notice' | 'qualification' | 'committee' | 'notice' | 'confer';

/**
 * Runs that began before keep their procedure: objections in the employer's notice reviewed by the employer, no
 * second recommendation after a supplement, no lead's sign-off, the UTC year on certificates.
 */
const TITLE_PROCEDURE = 'title-procedure-2';

/**
 * 职称评审直通车 (PROGRAMS.md §4): employer recommendation and the employer's internal notice → hrss-title
 * qualification review → evaluation committee drawn at random (the employer's members excluded), sealed
 * individual votes in one sitting, quorum and threshold from policy → public notice with objections → title
 * conferred with a certificate number → completed. A rejection may be reconsidered (复核) by hrss-title-lead; set aside, the file goes back to the phase it was
 * stopped in.
 */
export async function titleFastTrackWorkflow(input: ApplicationInput): Promise<ApplicationSummary> {
  const app = new ApplicationProcess<TitleFastTrackForm>(input);
  registerApplicationHandlers(app);
  const policy = input.policy.policy as TitleFastTrackPolicy;
  await app.submit();
  const procedure = patched(TITLE_PROCEDURE);
  /** What the employer recommended: a supplement that changes it goes back through the employer. */
  let recommended: string | null = null;
  const recommendation = () => `${app.form.employerOrgCode}|${app.form.series}|${app.form.targetLevel}`;
  let phase: Phase = 'employer';
  for (;;) {
    await decideOnce();
    const overturned = await app.offerReconsideration(`${policy.queues.qualification}-lead`);
    if (!overturned) break;
  }
  return app.finish();

  /** Up to the decision; the file leaves it closed. */
  async function decideOnce(): Promise<void> {
    while (!app.closed) {
      const form = app.form;
      const summary = { name: maskName(input.applicant.name), program: 'title-fast-track' as const, title: `${form.series} ${form.targetLevel}` };
      if (phase === 'employer') {
        const answer = await employerStep(app, {
          kind: 'employer-recommendation',
          stage: 'employer-recommendation',
          orgCode: form.employerOrgCode,
          sla: policy.timers.employerRecommendation,
          supplementWindow: policy.timers.supplementWindow,
        });
        if (answer === 'closed') break;
        if (answer === 'rejected') {
          await app.execute({ type: 'Reject', reason: 'EMPLOYER_DID_NOT_RECOMMEND', automatic: false });
          break;
        }
        if (answer === 'approved') {
          recommended = recommendation();
          phase = 'employer-notice';
        }
      } else if (phase === 'employer-notice') {
        const notice = await publicNotice(app, {
          scope: 'employer-internal',
          summary,
          window: policy.timers.employerNotice,
          // Objections to the employer's own notice are looked into by 人社局, not by the employer objected to.
          review: procedure
            ? { candidates: { role: 'reviewer', queues: [policy.queues.qualification] }, sla: policy.timers.objectionReviewSla, escalationQueue: policy.queues.escalation }
            : { candidates: { role: 'employer', queues: [PERSONAL_QUEUES.employers], assignee: { kind: 'orgCode', value: form.employerOrgCode } }, sla: policy.timers.employerRecommendation },
        });
        if (notice.result === 'closed') break;
        if (notice.result === 'upheld' || notice.result === 'rejected') {
          await app.execute({ type: 'Reject', reason: 'EMPLOYER_NOTICE_OBJECTION_UPHELD', automatic: false, comment: notice.comment });
          break;
        }
        phase = 'qualification';
      } else if (phase === 'qualification') {
        const review = await reviewStep(app, {
          kind: 'qualification-review',
          stage: 'qualification-review',
          role: 'reviewer',
          queue: policy.queues.qualification,
          escalationQueue: policy.queues.escalation,
          sla: policy.timers.qualificationSla,
          supplementWindow: policy.timers.supplementWindow,
          rejectReason: 'NOT_QUALIFIED',
        });
        if (review.outcome === 'closed') break;
        if (review.outcome === 'retry') {
          // A supplement that changed the employer, the series or the level needs the employer's recommendation anew.
          if (procedure && recommended !== null && recommendation() !== recommended) phase = 'employer';
          continue;
        }
        phase = 'committee';
      } else if (phase === 'committee') {
        const committee = await convenePanel(app, acts, {
          purpose: 'committee',
          kind: TASK_KINDS.committeeVote,
          stage: 'committee',
          size: policy.committee.size,
          field: form.series,
          excludeOrgs: [form.employerOrgCode],
          window: policy.timers.committeeSitting,
          sitting: true,
        });
        if (app.closed) break;
        // Only the tally is recorded; individual votes stay in their (sealed) task completions.
        await app.execute({
          type: 'ConcludeCommittee',
          panelId: committee.panelId,
          seats: committee.seats,
          votes: committee.responses.map((r) => r.fields.vote as Vote),
          rule: policy.committee,
        });
        const outcome = app.state.panel!;
        if (outcome.result !== 'passed') {
          await app.execute({ type: 'Reject', reason: outcome.result === 'failed' ? 'COMMITTEE_NOT_PASSED' : 'COMMITTEE_QUORUM_NOT_MET', automatic: false });
          break;
        }
        phase = 'notice';
      } else if (phase === 'notice') {
        const notice = await publicNotice(app, {
          scope: 'public',
          summary,
          window: policy.timers.publicNotice,
          review: { candidates: { role: 'reviewer', queues: [policy.queues.objections] }, sla: policy.timers.objectionReviewSla, escalationQueue: policy.queues.escalation },
        });
        if (notice.result === 'closed') break;
        if (notice.result === 'rejected') {
          await app.execute({ type: 'Reject', reason: 'OBJECTION_UPHELD', automatic: false, comment: notice.comment });
          break;
        }
        // An upheld objection sends the case back to qualification review.
        phase = notice.result === 'upheld' ? 'qualification' : 'confer';
      } else {
        let decisionRef: string | undefined;
        if (procedure) {
          // The lead signs the conferral off with the decision's document number (文号).
          const signOff = await app.humanTask({
            kind: TASK_KINDS.titleSignOff,
            stage: 'sign-off',
            candidates: { role: 'reviewer', queues: [`${policy.queues.qualification}-lead`] },
            outcomes: ['approve', 'reject'],
            sla: policy.timers.qualificationSla,
          });
          if (app.closed || signOff.status !== 'completed') break;
          if (signOff.outcome === 'reject') {
            await app.execute({ type: 'Reject', reason: 'SIGN_OFF_REFUSED', automatic: false, comment: signOff.comment });
            break;
          }
          decisionRef = String(signOff.fields?.decisionRef);
        }
        const year = procedure ? Number(chinaDate(new Date()).slice(0, 4)) : new Date().getUTCFullYear();
        await app.execute({ type: 'Approve', amountFen: 0 });
        await app.execute({ type: 'ConferTitle', series: form.series, level: form.targetLevel, certificatePrefix: policy.certificatePrefix, year, ...(decisionRef ? { decisionRef } : {}) });
        await app.execute({ type: 'Complete' });
        break;
      }
    }
  }
}
