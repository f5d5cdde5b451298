import fs from 'node:fs';
import path from 'node:path';
import { ASSESSMENT_POLICY_V1, assessmentPolicyProblems, indicatorProgress } from './assessment.policy';

/** Table 2 rows as the plan's text gives them: number, name, unit, 2020 base (null for '-'), 2025 target. */
function table2FromThePlan(): { row: number; name: string; unit: string; baseline: number | null; target: number }[] {
  const text = fs.readFileSync(path.join(__dirname, '../../../../test/fixtures/plan-table-2.txt'), 'utf8').split('\n')[1];
  const rows = [];
  let from = 0;
  for (let n = 1; n <= 15; n += 1) {
    const start = text.slice(from).search(new RegExp(`\\s${n} \\S`)) + from + 1;
    const rest = text.slice(start);
    const end = rest.search(new RegExp(`\\s${n + 1} \\S`));
    const tokens = (end < 0 ? rest : rest.slice(0, end)).trim().split(/\s+/);
    if (tokens[tokens.length - 1] === '以上') tokens.pop();
    const target = Number(tokens.pop());
    const base = tokens.pop()!;
    const unit = tokens.pop()!;
    rows.push({ row: Number(tokens[0]), name: tokens.slice(1).join('').replace('(%)', ''), unit, baseline: base === '-' ? null : Number(base), target });
    from = start;
  }
  return rows;
}

const normal = (s: string) => s.replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')');

describe('assessment policy v1: Table 2 of the plan', () => {
  it('has exactly the 15 indicators of Table 2 with the plan’s names, units, 2020 bases and 2025 targets', () => {
    const plan = table2FromThePlan();
    expect(plan.map((r) => r.row)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    const ours = ASSESSMENT_POLICY_V1.indicators.filter((i) => i.table2Row !== undefined).sort((a, b) => a.table2Row! - b.table2Row!);
    expect(ours.map((i) => ({ row: i.table2Row, name: normal(i.name), unit: i.unit, baseline: i.baseline, target: i.target }))).toEqual(
      plan.map((r) => ({ ...r, name: normal(r.name) })),
    );
    // Anything else the policy adds is marked as not in Table 2 (the plan's text asks for 10 top talents).
    expect(ASSESSMENT_POLICY_V1.indicators.filter((i) => i.table2Row === undefined).map((i) => i.key)).toEqual(['top-talent']);
  });

  it('measures from the log only what the programs measure; every other figure is reported by a named department', () => {
    const bySource = (s: string) => ASSESSMENT_POLICY_V1.indicators.filter((i) => i.source === s && i.table2Row).map((i) => i.key);
    expect(bySource('events')).toEqual(['talent-fund', 'master-phd']);
    expect(bySource('report')).toHaveLength(13);
    for (const i of ASSESSMENT_POLICY_V1.indicators) expect(i.department).toMatch(/^区/);
  });

  it('is a valid policy document; a broken one is refused with every failing field', () => {
    expect(assessmentPolicyProblems(ASSESSMENT_POLICY_V1)).toEqual([]);
    const broken = {
      ...ASSESSMENT_POLICY_V1,
      budgetFenByYear: { '20x5': 1 },
      indicators: [{ ...ASSESSMENT_POLICY_V1.indicators[0], group: '其他', source: 'events' }, ASSESSMENT_POLICY_V1.indicators[0]],
      townIndexWeights: { approvals: 0.5, disbursedFen: 0.5, speed: 0.5, highSkill: 0 },
    };
    expect(assessmentPolicyProblems(broken).map((p) => p.path).sort()).toEqual(['budgetFenByYear.20x5', 'indicators.0.group', 'indicators.0.measure', 'indicators.1.key', 'townIndexWeights']);
  });

  it('progress is (actual − base) / (target − base), clamped; without a base, actual / target', () => {
    expect(indicatorProgress({ baseline: 2223, target: 4750 }, 2223 + 2527 / 2)).toBe(0.5);
    expect(indicatorProgress({ baseline: 68, target: 75 }, 60)).toBe(0);
    expect(indicatorProgress({ baseline: 120, target: 192 }, 300)).toBe(1);
    expect(indicatorProgress({ baseline: null, target: 7 }, 3.5)).toBe(0.5);
    expect(indicatorProgress({ baseline: 4, target: 9 }, null)).toBeNull();
  });
});
