import { given } from '#test/support/decider-spec';
import { ApplicationEvent } from '../application/application.events';

const submitted: ApplicationEvent = {
  type: 'ApplicationSubmitted',
  data: { applicationId: 'p-1', program: 'title-fast-track', town: 'wangdian', policyVersion: 1, applicant: { sub: 'u', name: '李四', idNumber: '11010519491231002X' }, form: {}, requestHash: 'h' },
};
const twoThirds = { numerator: 2, denominator: 3 };
const committee = { quorum: twoThirds, pass: twoThirds };
const score = (n: number) => ({ innovation: n, team: n, industryFit: n, feasibility: n });

describe('panel decider', () => {
  it('records the draw as drawn, so it can be repeated from the seed', () => {
    given(submitted)
      .when({ type: 'DrawPanel', panelId: 'pn', purpose: 'committee', seed: 's', size: 2, poolIds: ['e1', 'e2', 'e3'], excluded: [{ id: 'e3', reason: 'same-organisation' }], members: ['e1', 'e2'] })
      .then([{ type: 'PanelDrawn', data: { panelId: 'pn', purpose: 'committee', seed: 's', size: 2, poolIds: ['e1', 'e2', 'e3'], excluded: [{ id: 'e3', reason: 'same-organisation' }], members: ['e1', 'e2'] } }]);
  });

  it('concludes an expert panel by the mean of the rubric: passed, failed, or inconclusive with too few scores', () => {
    const rule = { minScores: 3, passMeanScore: 70 };
    given(submitted)
      .when({ type: 'ConcludeExpertPanel', panelId: 'pn', seats: 5, scores: [score(80), score(70), score(61)], rule })
      .then([{ type: 'PanelConcluded', data: { panelId: 'pn', purpose: 'expert-panel', members: 5, result: 'passed', responses: 3, meanScore: 7033 } }]);
    given(submitted)
      .when({ type: 'ConcludeExpertPanel', panelId: 'pn', seats: 5, scores: [score(70), score(69), score(70)], rule })
      .then([{ type: 'PanelConcluded', data: { panelId: 'pn', purpose: 'expert-panel', members: 5, result: 'failed', responses: 3, meanScore: 6967 } }]);
    given(submitted)
      .when({ type: 'ConcludeExpertPanel', panelId: 'pn', seats: 5, scores: [score(90), score(90)], rule })
      .then([{ type: 'PanelConcluded', data: { panelId: 'pn', purpose: 'expert-panel', members: 5, result: 'inconclusive', responses: 2 } }]);
  });

  it('concludes a committee of seven by two thirds: quorum of members, then yes among the votes cast', () => {
    given(submitted)
      .when({ type: 'ConcludeCommittee', panelId: 'c', seats: 7, votes: ['yes', 'yes', 'yes', 'yes', 'no', 'abstain'], rule: committee })
      .then([{ type: 'PanelConcluded', data: { panelId: 'c', purpose: 'committee', members: 7, result: 'passed', yes: 4, no: 1, abstain: 1, responses: 6 } }]);
    given(submitted)
      .when({ type: 'ConcludeCommittee', panelId: 'c', seats: 7, votes: ['yes', 'yes', 'yes', 'yes', 'no', 'no', 'abstain'], rule: committee })
      .then([{ type: 'PanelConcluded', data: { panelId: 'c', purpose: 'committee', members: 7, result: 'failed', reason: 'NOT_ENOUGH_YES_VOTES', yes: 4, no: 2, abstain: 1, responses: 7 } }]);
    given(submitted)
      .when({ type: 'ConcludeCommittee', panelId: 'c', seats: 7, votes: ['yes', 'yes', 'yes', 'yes'], rule: committee })
      .then([{ type: 'PanelConcluded', data: { panelId: 'c', purpose: 'committee', members: 7, result: 'inconclusive', reason: 'QUORUM_NOT_MET', yes: 4, no: 0, abstain: 0, responses: 4 } }]);
  });
});
