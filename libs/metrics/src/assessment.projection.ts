import { EntityManager } from 'typeorm';
import { ApplicationEvent, INDICATOR_STREAM, IndicatorEvent, StreamEvent } from '#domain';
import { StoredEvent, AsyncProjection } from '#event-store';

const APPLICATION_STREAM = /^application-(.+)$/;

/**
 * Facts for the assessment report, one row per application, task, payment and clawback, kept from the log
 * alone. Every statement is an upsert or a keyed update, so applying an event twice changes nothing.
 */
export class AssessmentProjection implements AsyncProjection {
  readonly name = 'assessment';

  async reset(m: EntityManager): Promise<void> {
    await m.query(`TRUNCATE metric_applications, metric_tasks, metric_payments, metric_clawbacks, metric_indicator_reports`);
  }

  async apply(m: EntityManager, stored: StoredEvent): Promise<void> {
    if (INDICATOR_STREAM.test(stored.streamId)) return this.applyIndicator(m, stored as StreamEvent<IndicatorEvent>);
    const match = APPLICATION_STREAM.exec(stored.streamId);
    if (!match) return;
    const id = match[1];
    const at = stored.recordedAt;
    const event = stored as StreamEvent<ApplicationEvent>;
    const status = (s: string) => m.query(`UPDATE metric_applications SET status = $2 WHERE id = $1`, [id, s]);
    const decide = (decision: string, extra = '') =>
      m.query(`UPDATE metric_applications SET status = $2, decision = coalesce(decision, $2), decided_at = coalesce(decided_at, $3) ${extra} WHERE id = $1`, [id, decision, at]);
    switch (event.type) {
      case 'ApplicationSubmitted': {
        const level = Number((event.data.form as { level?: unknown }).level);
        await m.query(
          `INSERT INTO metric_applications (id, program, town, submitted_at, status, skill_level, policy_version) VALUES ($1, $2, $3, $4, 'submitted', $5, $6)
           ON CONFLICT (id) DO NOTHING`,
          [id, event.data.program, event.data.town, at, event.data.program === 'skill-subsidy' && Number.isInteger(level) ? level : null, event.data.policyVersion],
        );
        return;
      }
      case 'TaskCreated':
        await m.query(
          `INSERT INTO metric_tasks (task_id, application_id, queue, kind, stage, created_at, due_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (task_id) DO NOTHING`,
          [event.data.taskId, id, event.data.candidates.queues[0] ?? '', event.data.kind, event.data.stage, at, event.data.dueAt],
        );
        await m.query(`UPDATE metric_applications SET status = 'in-review' WHERE id = $1 AND status = 'submitted'`, [id]);
        return;
      case 'TaskEscalated':
        await m.query(`UPDATE metric_tasks SET escalated = true, escalation_queue = $2 WHERE task_id = $1`, [event.data.taskId, event.data.toQueue]);
        return;
      case 'TaskCompleted':
        await m.query(`UPDATE metric_tasks SET ended_at = coalesce(ended_at, $2), outcome = $3 WHERE task_id = $1`, [event.data.taskId, at, event.data.outcome]);
        return;
      case 'TaskCancelled':
        await m.query(`UPDATE metric_tasks SET ended_at = coalesce(ended_at, $2), outcome = 'cancelled' WHERE task_id = $1`, [event.data.taskId, at]);
        return;
      case 'SupplementRequested':
        await status('awaiting-supplement');
        return;
      case 'SupplementProvided':
        await status('in-review');
        return;
      case 'DeadlineClockResumed':
        // A sum, kept idempotent by the stream version it has counted up to (applying the event again adds nothing).
        await m.query(`UPDATE metric_applications SET paused_ms = paused_ms + $2, paused_through_version = $3 WHERE id = $1 AND paused_through_version < $3`, [id, event.data.pausedMs, stored.version]);
        return;
      case 'ApplicationApproved':
        await m.query(
          `UPDATE metric_applications SET status = 'approved', decision = coalesce(decision, 'approved'), decided_at = coalesce(decided_at, $2), approved_fen = $3 WHERE id = $1`,
          [id, at, event.data.amountFen],
        );
        return;
      case 'ApplicationRejected':
        await decide('rejected');
        return;
      case 'ApplicationWithdrawn':
        await decide('withdrawn');
        return;
      case 'ApplicationLapsed':
        await decide('lapsed');
        return;
      case 'PaymentInstructed':
        await m.query(
          `INSERT INTO metric_payments (application_id, payment_id, amount_fen, purpose, status, instructed_at) VALUES ($1, $2, $3, $4, 'instructed', $5)
           ON CONFLICT DO NOTHING`,
          [id, event.data.paymentId, event.data.amountFen, event.data.purpose, at],
        );
        await status('in-payment');
        return;
      case 'PaymentConfirmed':
        await m.query(`UPDATE metric_payments SET status = 'confirmed', confirmed_at = coalesce(confirmed_at, $3) WHERE application_id = $1 AND payment_id = $2`, [
          id,
          event.data.paymentId,
          at,
        ]);
        return;
      case 'PaymentFailed':
        await m.query(`UPDATE metric_payments SET status = 'failed' WHERE application_id = $1 AND payment_id = $2`, [id, event.data.paymentId]);
        return;
      case 'ApplicationCompleted':
        await m.query(`UPDATE metric_applications SET status = 'completed', completed_at = coalesce(completed_at, $2) WHERE id = $1`, [id, at]);
        return;
      case 'ClawbackClaimed':
        await m.query(
          `INSERT INTO metric_clawbacks (application_id, claim_id, amount_fen, claimed_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [id, event.data.claimId, event.data.amountFen, at],
        );
        return;
      case 'BenefitSuspended':
        await status('suspended');
        return;
      case 'BenefitResumed':
        await status('in-payment');
        return;
      case 'BenefitStopped':
        await m.query(`UPDATE metric_applications SET status = 'terminated', completed_at = coalesce(completed_at, $2) WHERE id = $1`, [id, at]);
        return;
      case 'ReconsiderationRequested':
        await status('reconsidering');
        return;
      case 'ReconsiderationDecided':
        if (event.data.outcome === 'uphold') {
          // Only rejections and stops are reconsidered: a rejected file's decision is 'rejected', a stopped one's 'approved'.
          await m.query(`UPDATE metric_applications SET status = CASE WHEN decision = 'rejected' THEN 'rejected' ELSE 'terminated' END WHERE id = $1`, [id]);
        } else {
          // Set aside: the decision no longer counts; a stopped benefit runs on, a rejected file is decided anew.
          await m.query(
            `UPDATE metric_applications SET status = CASE WHEN decision = 'rejected' THEN 'in-review' ELSE 'in-payment' END,
                    decision = CASE WHEN decision = 'rejected' THEN NULL ELSE decision END,
                    decided_at = CASE WHEN decision = 'rejected' THEN NULL ELSE decided_at END,
                    completed_at = NULL
             WHERE id = $1`,
            [id],
          );
        }
        return;
      case 'StopProposed':
        await status('suspended');
        return;
      case 'StopProposalDecided':
        if (event.data.outcome === 'continue') await status('in-payment');
        return;
      case 'ClawbackRepaid':
        await m.query(
          `UPDATE metric_clawbacks SET repaid_fen = repaid_fen + $3, repaid_through_version = $4 WHERE application_id = $1 AND claim_id = $2 AND repaid_through_version < $4`,
          [id, event.data.claimId, event.data.amountFen, stored.version],
        );
        return;
      case 'AutomaticCheckRecorded': {
        // The town the social-insurance registry places the employer in (硕博倍增's employment check), over the declared one.
        const d = event.data.details as { employerOrgCode?: string; employers?: { orgCode: string; town: string }[] } | undefined;
        const town = event.data.check === 'employment' && event.data.passed ? d?.employers?.find((e) => e.orgCode === d.employerOrgCode)?.town : undefined;
        if (town) await m.query(`UPDATE metric_applications SET registry_town = $2 WHERE id = $1`, [id, town]);
        return;
      }
      case 'StatementSubmitted':
      case 'ReconsiderationWindowOpened':
      case 'ReconsiderationWindowClosed':
      case 'PanelDrawn':
      case 'PanelMemberReplaced':
      case 'PanelConcluded':
      case 'LeadershipDecided':
      case 'PublicNoticeOpened':
      case 'ObjectionFiled':
      case 'PublicNoticeClosed':
      case 'PaymentScheduleSet':
      case 'AgreementSigned':
      case 'MilestoneVerified':
      case 'TitleConferred':
      case 'TaskClaimed':
      case 'TaskReleased':
      case 'TaskReassigned':
      case 'DeadlineClockPaused':
        return;
      default: {
        const unknown: never = event;
        void unknown; // events of later programs are ignored until this projection learns them
      }
    }
  }

  /** A department's report on an indicator, and the talent office's review of it. */
  private async applyIndicator(m: EntityManager, stored: StreamEvent<IndicatorEvent>): Promise<void> {
    const at = stored.recordedAt;
    if (stored.type === 'IndicatorReported') {
      const d = stored.data;
      await m.query(
        `INSERT INTO metric_indicator_reports (report_id, key, period, value, evidence_ref, note, department, reported_by, reported_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'submitted') ON CONFLICT (report_id) DO NOTHING`,
        [d.reportId, d.key, d.period, d.value, d.evidenceRef, d.note ?? null, d.department, d.by, at],
      );
      return;
    }
    const d = stored.data;
    await m.query(
      `UPDATE metric_indicator_reports SET status = $2, reviewed_by = $3, reviewed_at = coalesce(reviewed_at, $4), comment = $5 WHERE report_id = $1`,
      [d.reportId, d.outcome === 'accept' ? 'accepted' : 'returned', d.by, at, d.comment],
    );
  }
}
