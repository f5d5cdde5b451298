import { packageProblems, taskFieldProblems } from './task-fields';

describe('kind-specific task fields', () => {
  it('makes an expert declare a conflict first, then score every rubric item 0..100', () => {
    expect(taskFieldProblems('expert-scoring', 'approve', {})).toEqual([{ path: 'conflictOfInterest', message: expect.any(String) }]);
    expect(taskFieldProblems('expert-scoring', 'approve', { conflictOfInterest: true })).toEqual([]);
    expect(
      taskFieldProblems('expert-scoring', 'approve', { conflictOfInterest: false, scores: { innovation: 80, team: 101, industryFit: 70 } }).map((p) => p.path),
    ).toEqual(['scores.team', 'scores.feasibility']);
  });

  it('takes a committee vote of yes, no or abstain', () => {
    expect(taskFieldProblems('committee-vote', 'approve', { vote: 'yes' })).toEqual([]);
    expect(taskFieldProblems('committee-vote', 'approve', { vote: 'maybe' })).toHaveLength(1);
  });

  it('needs a package whose milestones add up to the total and fall due in order to approve', () => {
    const ok = { totalFundingFen: 300, milestones: [{ title: 'a', amountFen: 100, dueOn: '2027-01-01' }, { title: 'b', amountFen: 200, dueOn: '2028-01-01' }] };
    expect(taskFieldProblems('leadership-decision', 'approve', { package: ok })).toEqual([]);
    expect(taskFieldProblems('leadership-decision', 'reject', {})).toEqual([]);
    expect(taskFieldProblems('leadership-decision', 'approve', {})).toHaveLength(1);
    expect(packageProblems({ ...ok, totalFundingFen: 301 })[0].path).toBe('package.milestones');
    expect(packageProblems({ ...ok, milestones: [...ok.milestones].reverse() })[0].path).toBe('package.milestones.1.dueOn');
  });

  it('needs evidence to report a milestone', () => {
    expect(taskFieldProblems('milestone-report', 'approve', { evidence: { summary: '样机交付' } })).toEqual([]);
    expect(taskFieldProblems('milestone-report', 'approve', {})).toHaveLength(1);
  });
});
