import type { ProgramEvent } from '../application/application.events';
import type { ApplicationState } from '../application/application.state';
import { assertOpen } from '../application/open-application';
import { Scores, Vote, committeeResult, panelResult } from './panels';

type PanelDrawn = Extract<ProgramEvent, { type: 'PanelDrawn' }>['data'];
type PanelMemberReplaced = Extract<ProgramEvent, { type: 'PanelMemberReplaced' }>['data'];
type Fraction = { numerator: number; denominator: number };

/** Expert panels (top talent) and evaluation committees (title fast track): drawn, reseated, concluded. */
export type PanelCommand =
  | ({ type: 'DrawPanel' } & PanelDrawn)
  | ({ type: 'ReplacePanelMember' } & PanelMemberReplaced)
  /** The panel's result from the scores of the members without a conflict: mean of the rubric, at least minScores. */
  | { type: 'ConcludeExpertPanel'; panelId: string; seats: number; scores: Scores[]; rule: { minScores: number; passMeanScore: number } }
  /** The committee's tally from the votes cast (individual votes stay sealed in their task completions). */
  | { type: 'ConcludeCommittee'; panelId: string; seats: number; votes: Vote[]; rule: { quorum: Fraction; pass: Fraction } };

export function decidePanel(command: PanelCommand, state: ApplicationState): ProgramEvent[] {
  assertOpen(state);
  switch (command.type) {
    case 'DrawPanel': {
      const { type: _type, ...data } = command;
      return [{ type: 'PanelDrawn', data }];
    }
    case 'ReplacePanelMember': {
      const { type: _type, ...data } = command;
      return [{ type: 'PanelMemberReplaced', data }];
    }
    case 'ConcludeExpertPanel':
      return [
        { type: 'PanelConcluded', data: { panelId: command.panelId, purpose: 'expert-panel', members: command.seats, ...panelResult(command.scores, command.rule) } },
      ];
    case 'ConcludeCommittee':
      return [
        {
          type: 'PanelConcluded',
          data: { panelId: command.panelId, purpose: 'committee', members: command.seats, ...committeeResult(command.votes, command.seats, command.rule) },
        },
      ];
    default: {
      const unknown: never = command;
      throw new Error(`unknown panel command ${(unknown as { type: string }).type}`);
    }
  }
}
