import { proxyActivities } from '@temporalio/workflow';
import { TASK_KINDS, Vote, maskName, PERSONAL_QUEUES } from '#domain';
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
        if (answer === 'approved') phase = 'employer-notice';
      } else if (phase === 'employer-notice') {
        const notice = await publicNotice(app, {
          scope: 'employer-internal',
          summary,
          window: policy.timers.employerNotice,
          review: {
            candidates: { role: 'employer', queues: [PERSONAL_QUEUES.employers], assignee: { kind: 'orgCode', value: form.employerOrgCode } },
            sla: policy.timers.employerRecommendation,
          },
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
        if (review.outcome === 'retry') continue;
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
        await app.execute({ type: 'Approve', amountFen: 0 });
        await app.execute({ type: 'ConferTitle', series: form.series, level: form.targetLevel, certificatePrefix: policy.certificatePrefix, year: new Date().getUTCFullYear() });
        await app.execute({ type: 'Complete' });
        break;
      }
    }
  }
}
