import { COMPLETION_FIELDS, FIELDS_BY_KIND, packageProblems, taskFieldProblems, undeclaredFieldProblems } from './task-fields';

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

describe('fields by task kind', () => {
  it('lets each kind carry only its declared fields, and a plain review none', () => {
    expect(undeclaredFieldProblems('expert-scoring', { conflictOfInterest: false, scores: {} })).toEqual([]);
    expect(undeclaredFieldProblems('payment-confirmation', { paymentReference: 'BANK-1' })).toEqual([]);
    expect(undeclaredFieldProblems('employer-recommendation', { evidence: { summary: 'x' } })).toEqual([
      { path: 'evidence', message: 'a task of kind employer-recommendation takes no fields besides outcome and comment' },
    ]);
    expect(undeclaredFieldProblems('qualification-review', { evidence: {}, vote: 'yes' }).map((p) => p.path)).toEqual(['evidence', 'vote']);
    expect(undeclaredFieldProblems('committee-vote', { vote: 'yes', package: {} })).toEqual([
      { path: 'package', message: 'a task of kind committee-vote takes only conflictOfInterest, vote' },
    ]);
  });

  it('declares only fields a completion can carry', () => {
    for (const fields of Object.values(FIELDS_BY_KIND)) for (const f of fields) expect(COMPLETION_FIELDS).toContain(f);
  });
});
