import { committeeResult, drawMembers, panelResult } from './panels';

const pool = Array.from({ length: 10 }, (_, i) => ({
  id: `expert-${i}`,
  name: `专家${i}`,
  fields: i < 6 ? ['digital'] : ['textiles'],
  ...(i === 0 ? { orgCode: 'ORG-A' } : {}),
}));

describe('drawMembers', () => {
  it('repeats exactly with the same seed and pool, and differs with another seed', () => {
    const a = drawMembers({ pool, size: 5, seed: 'seed-1', excludeIds: new Map(), excludeOrgs: [] });
    const b = drawMembers({ pool: [...pool].reverse(), size: 5, seed: 'seed-1', excludeIds: new Map(), excludeOrgs: [] });
    const seeds = ['seed-2', 'seed-3', 'seed-4'].map((seed) => drawMembers({ pool, size: 5, seed, excludeIds: new Map(), excludeOrgs: [] }).members.join());
    expect(b.members).toEqual(a.members);
    expect(new Set(a.members).size).toBe(5);
    expect(seeds.some((m) => m !== a.members.join())).toBe(true);
  });

  it('excludes the sponsor organisation and declared conflicts before the draw, and records why', () => {
    const draw = drawMembers({ pool, size: 9, seed: 's', excludeIds: new Map([['expert-3', 'declared-conflict']]), excludeOrgs: ['ORG-A'] });
    expect(draw.members).not.toContain('expert-0');
    expect(draw.members).not.toContain('expert-3');
    expect(draw.members).toHaveLength(8);
    expect(draw.excluded).toEqual([
      { id: 'expert-0', reason: 'same-organisation' },
      { id: 'expert-3', reason: 'declared-conflict' },
    ]);
  });

  it('prefers members of the field while there are enough of them', () => {
    const draw = drawMembers({ pool, size: 4, seed: 's', excludeIds: new Map(), excludeOrgs: [], field: 'textiles' });
    expect(draw.members.every((m) => Number(m.split('-')[1]) >= 6)).toBe(true);
    const wide = drawMembers({ pool, size: 6, seed: 's', excludeIds: new Map(), excludeOrgs: [], field: 'textiles' });
    expect(wide.members).toHaveLength(6);
  });
});

describe('panelResult', () => {
  const s = (x: number) => ({ innovation: x, team: x, industryFit: x, feasibility: x });
  it('passes at a mean of 70 and fails below, with too few scores inconclusive', () => {
    expect(panelResult([s(70), s(70), s(70)], { minScores: 3, passMeanScore: 70 })).toMatchObject({ result: 'passed', meanScore: 7000 });
    expect(panelResult([s(70), s(70), s(69)], { minScores: 3, passMeanScore: 70 }).result).toBe('failed');
    expect(panelResult([s(90), s(90)], { minScores: 3, passMeanScore: 70 }).result).toBe('inconclusive');
  });
});

describe('committeeResult', () => {
  const rule = { quorum: { numerator: 2, denominator: 3 }, pass: { numerator: 2, denominator: 3 } };
  it('needs 5 of 7 voting and 2/3 yes among votes cast, abstentions counting as cast', () => {
    expect(committeeResult(['yes', 'yes', 'yes', 'yes'], 7, rule)).toMatchObject({ result: 'inconclusive', reason: 'QUORUM_NOT_MET' });
    expect(committeeResult(['yes', 'yes', 'yes', 'yes', 'no'], 7, rule)).toMatchObject({ result: 'passed', yes: 4, no: 1 });
    expect(committeeResult(['yes', 'yes', 'yes', 'no', 'abstain'], 7, rule)).toMatchObject({ result: 'failed', reason: 'NOT_ENOUGH_YES_VOTES' });
    expect(committeeResult(['yes', 'yes', 'yes', 'yes', 'no', 'no'], 7, rule).result).toBe('passed');
  });
});
