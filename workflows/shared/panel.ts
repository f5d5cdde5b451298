import { uuid4 } from '@temporalio/workflow';
import type { PanelPurpose, TimerSpec } from '#domain';
import { drawMembers, PERSONAL_QUEUES } from '#domain';
import type { ApplicationProcess } from './application-process';
import type { ProgramActivities } from './core.activities';

export interface PanelSpec {
  purpose: PanelPurpose;
  kind: string;
  stage: string;
  size: number;
  /** Members with this field are preferred. */
  field?: string;
  /** Organisations whose members may not sit (回避): the sponsor's, the employer's. */
  excludeOrgs: string[];
  /** Each member's window to answer (a panel), or the sitting every member shares (a committee). */
  window: TimerSpec;
  /** Committee: one sitting for all; a member who does not vote in it is not replaced. */
  sitting: boolean;
}

export interface PanelResponse {
  memberId: string;
  fields: Record<string, unknown>;
}

export interface PanelOutcome {
  panelId: string;
  seats: number;
  responses: PanelResponse[];
}

/**
 * Draws a panel (or committee) from the expert pool with a recorded seed, gives every member a personal task,
 * and waits for their answers. A member who declares a conflict of interest is replaced by a recorded redraw;
 * on a panel, so is a member who does not answer in time. Returns the answers of members without a conflict.
 */
export async function convenePanel(app: ApplicationProcess, programs: ProgramActivities, spec: PanelSpec): Promise<PanelOutcome> {
  const pool = await programs.expertPool();
  const panelId = uuid4();
  const excludeIds = new Map<string, string>();
  const seed = uuid4();
  const draw = drawMembers({ pool, size: spec.size, seed, excludeIds, excludeOrgs: spec.excludeOrgs, field: spec.field });
  await app.execute({ type: 'DrawPanel', panelId, purpose: spec.purpose, seed, size: spec.size, poolIds: draw.poolIds, excluded: draw.excluded, members: draw.members });
  for (const m of draw.members) excludeIds.set(m, 'already-drawn');
  const sittingEnds = spec.sitting ? (await app.deadline(spec.window)).dueAt : undefined;

  const open = new Map<string, string>(); // taskId → member
  const responses: PanelResponse[] = [];
  const seat = async (memberId: string) => {
    const { taskId } = await app.createTask({
      kind: spec.kind,
      stage: spec.stage,
      candidates: { role: 'expert', queues: [PERSONAL_QUEUES.experts], assignee: { kind: 'sub', value: memberId } },
      outcomes: ['approve'],
      sla: spec.window,
      ...(sittingEnds ? { dueAt: sittingEnds } : {}),
    });
    open.set(taskId, memberId);
  };
  const replace = async (memberId: string, reason: 'conflict-of-interest' | 'no-response') => {
    excludeIds.set(memberId, reason === 'conflict-of-interest' ? 'declared-conflict' : 'no-response');
    const redrawSeed = uuid4();
    const [replacementId] = drawMembers({ pool, size: 1, seed: redrawSeed, excludeIds, excludeOrgs: spec.excludeOrgs, field: spec.field }).members;
    await app.execute({ type: 'ReplacePanelMember', panelId, memberId, reason, seed: redrawSeed, ...(replacementId ? { replacementId } : {}) });
    if (replacementId) {
      excludeIds.set(replacementId, 'already-drawn');
      if (!sittingEnds || Date.parse(sittingEnds) > Date.now()) await seat(replacementId);
    }
  };
  const answered = async (taskId: string, memberId: string) => {
    const fields = app.state.tasks[taskId].fields ?? {};
    if (fields.conflictOfInterest === true) await replace(memberId, 'conflict-of-interest');
    else responses.push({ memberId, fields });
  };

  for (const m of draw.members) await seat(m);
  while (open.size > 0 && !app.closed) {
    const earliest = Math.min(...[...open.keys()].map((t) => Date.parse(app.state.tasks[t].dueAt)));
    await app.waitFor(() => app.closed || [...open.keys()].some((t) => app.taskEnded(t)), earliest - Date.now());
    if (app.closed) break;
    for (const [taskId, memberId] of [...open]) {
      const task = app.state.tasks[taskId];
      if (task.status === 'completed') {
        open.delete(taskId);
        await answered(taskId, memberId);
      } else if (task.status === 'cancelled') {
        open.delete(taskId);
      } else if (Date.parse(task.dueAt) <= Date.now()) {
        await app.execute({ type: 'CancelTask', taskId, reason: spec.sitting ? 'sitting-closed' : 'no-response' });
        open.delete(taskId);
        // A completion queued just before the cancel wins: it was in time.
        if (app.state.tasks[taskId].status === 'completed') await answered(taskId, memberId);
        else if (!spec.sitting) await replace(memberId, 'no-response');
      }
    }
  }
  return { panelId, seats: spec.size, responses };
}
