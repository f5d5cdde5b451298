import { PROGRAMS } from '../shared/programs';
import { policyProblems } from './policy-validation';
import { REFERENCE_POLICIES } from './reference-policies';

const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('policy validation', () => {
  it.each(PROGRAMS)('accepts the reference policy of %s', (program) => {
    expect(policyProblems(program, copy(REFERENCE_POLICIES[program]))).toEqual([]);
  });

  it('accepts drill timers in either form and lists every failing field', () => {
    const drill = copy(REFERENCE_POLICIES['top-talent']) as any;
    drill.timers.publicNotice = { iso: 'PT3S' };
    drill.timers.expertScoring = { workingDays: 1 };
    expect(policyProblems('top-talent', drill)).toEqual([]);

    drill.timers.publicNotice = { days: 3 };
    delete drill.timers.agreementWindow;
    drill.timers.extra = { iso: 'P1D' };
    drill.panel.size = 'five';
    drill.unknown = 1;
    expect(policyProblems('top-talent', drill).map((p) => p.path).sort()).toEqual(
      ['panel.size', 'timers.agreementWindow', 'timers.extra', 'timers.publicNotice', 'unknown'].sort(),
    );
  });

  it('checks the rules between numbers once the shape is right', () => {
    const p = copy(REFERENCE_POLICIES['title-fast-track']) as any;
    p.committee.pass = { numerator: 4, denominator: 3 };
    expect(policyProblems('title-fast-track', p)).toEqual([{ path: 'committee.pass', message: expect.any(String) }]);
    const t = copy(REFERENCE_POLICIES['top-talent']) as any;
    t.panel.minScores = 6;
    t.excludes = ['top-talent'];
    expect(policyProblems('top-talent', t).map((x) => x.path)).toEqual(['excludes.0', 'panel.minScores']);
  });

  it('refuses money as a fraction and a body that is not an object', () => {
    const d = copy(REFERENCE_POLICIES['degree-doubling']) as any;
    d.settlingFen.master = 30000.5;
    expect(policyProblems('degree-doubling', d)).toEqual([{ path: 'settlingFen.master', message: 'must be a non-negative integer' }]);
    expect(policyProblems('degree-doubling', [])).toEqual([{ path: '(body)', message: 'must be an object' }]);
  });
});
