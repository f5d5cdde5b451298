import type { FieldProblem } from '../application/task-fields';
import { PROGRAMS, Program } from '../shared/programs';
import { isTimerSpec } from '../shared/timers';
import { DOCUMENT_TYPES, MAX_UPLOAD_BYTES } from './materials';
import { REFERENCE_POLICIES } from './reference-policies';

/** Numbers in policies are integers (fen, counts, percentages) and at most this. */
const MAX_NUMBER = 1_000_000_000_000;
const CODE = /^[a-z0-9-]{1,64}$/;

/**
 * A new policy version must have the shape of the program's reference policy: the same keys, the same kinds of
 * values (integers for numbers, `{ workingDays }` or `{ iso }` for every timer), and no keys the engine does not
 * read. Then the rules the numbers must keep between them. Every problem is listed, by path.
 */
export function policyProblems(program: Program, document: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  shape(REFERENCE_POLICIES[program], document, '', problems);
  if (problems.length === 0) problems.push(...rules(program, document as Record<string, any>));
  return problems;
}

function kind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v;
}

function join(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

function shape(reference: unknown, value: unknown, path: string, problems: FieldProblem[]): void {
  if (path === 'timers') return timers(reference as Record<string, unknown>, value, problems);
  const expected = kind(reference);
  if (kind(value) !== expected) {
    problems.push({ path: path || '(body)', message: `must be ${expected === 'object' ? 'an object' : `a ${expected}`}` });
    return;
  }
  if (expected === 'number') {
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_NUMBER) problems.push({ path, message: 'must be a non-negative integer' });
    return;
  }
  if (expected === 'string') {
    if ((value as string).length === 0 || (value as string).length > 200) problems.push({ path, message: 'must be text of 1 to 200 characters' });
    return;
  }
  if (expected === 'array') {
    const items = value as unknown[];
    const sample = (reference as unknown[])[0];
    if (items.length === 0 && (path === 'towns' || path === 'industries')) problems.push({ path, message: 'must not be empty' });
    if (items.length > 1000) problems.push({ path, message: 'must have at most 1000 items' });
    if (sample !== undefined) items.slice(0, 1000).forEach((item, i) => shape(sample, item, join(path, i), problems));
    return;
  }
  if (expected === 'object') {
    const ref = reference as Record<string, unknown>;
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(ref)) {
      // `retention` came later: a version published before it may be published again as it is (10 years).
      if (!(key in obj) && path === '' && key === 'retention') continue;
      if (!(key in obj)) problems.push({ path: join(path, key), message: 'is required' });
      else shape(ref[key], obj[key], join(path, key), problems);
    }
    // A material may say whose data it is (`about`, checked below); no other field is optional.
    const optional = (key: string) => key === 'about' && /^materials\.\d+$/.test(path);
    for (const key of Object.keys(obj)) if (!(key in ref) && !optional(key)) problems.push({ path: join(path, key), message: 'is not a policy field' });
  }
}

function timers(reference: Record<string, unknown>, value: unknown, problems: FieldProblem[]): void {
  if (kind(value) !== 'object') {
    problems.push({ path: 'timers', message: 'must be an object' });
    return;
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(reference)) {
    if (!(key in obj)) problems.push({ path: `timers.${key}`, message: 'is required' });
    else if (!isTimerSpec(obj[key])) problems.push({ path: `timers.${key}`, message: 'must be { "workingDays": n } or { "iso": "<ISO-8601 duration>" }' });
  }
  for (const key of Object.keys(obj)) if (!(key in reference)) problems.push({ path: `timers.${key}`, message: 'is not a timer the workflow uses' });
}

function rules(program: Program, p: Record<string, any>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const codes = (p.towns as { code: string }[]).map((t) => t.code);
  codes.forEach((c, i) => {
    if (!CODE.test(c)) problems.push({ path: `towns.${i}.code`, message: 'must be lowercase letters, digits or dashes' });
  });
  if (new Set(codes).size !== codes.length) problems.push({ path: 'towns', message: 'town codes must be unique' });
  const excludes = (p.excludes ?? []) as string[];
  excludes.forEach((x, i) => {
    if (!(PROGRAMS as readonly string[]).includes(x) || x === program) problems.push({ path: `excludes.${i}`, message: 'must be another program' });
  });
  const materials = (p.materials ?? []) as { key: string; types: string[]; maxBytes: number; about?: unknown }[];
  materials.forEach((m, i) => {
    if (!CODE.test(m.key)) problems.push({ path: `materials.${i}.key`, message: 'must be lowercase letters, digits or dashes' });
    if (materials.findIndex((x) => x.key === m.key) !== i) problems.push({ path: `materials.${i}.key`, message: 'material keys must be unique' });
    if (m.types.length === 0 || m.types.some((t) => !(DOCUMENT_TYPES as readonly string[]).includes(t))) problems.push({ path: `materials.${i}.types`, message: `must be some of ${DOCUMENT_TYPES.join(', ')}` });
    if (m.maxBytes < 1 || m.maxBytes > MAX_UPLOAD_BYTES) problems.push({ path: `materials.${i}.maxBytes`, message: `must be 1 to ${MAX_UPLOAD_BYTES} bytes` });
    if (m.about !== undefined && (m.about !== 'talent' || program !== 'top-talent')) problems.push({ path: `materials.${i}.about`, message: "only 'talent', and only for top-talent" });
  });
  if (p.retention && p.retention.years > 30) problems.push({ path: 'retention.years', message: 'must be 0 to 30 years' });
  if (p.limits.maxReturns < 1 || p.limits.maxReturns > 5) problems.push({ path: 'limits.maxReturns', message: 'must be 1 to 5 (一次性告知: few rounds, each listing everything)' });
  if (program === 'degree-doubling' && (p.instalments < 1 || p.instalments > 10)) problems.push({ path: 'instalments', message: 'must be 1 to 10' });
  if (program === 'top-talent') {
    if (p.panel.size < 1) problems.push({ path: 'panel.size', message: 'must be at least 1' });
    if (p.panel.minScores < 1 || p.panel.minScores > p.panel.size) problems.push({ path: 'panel.minScores', message: 'must be 1 to panel.size' });
    if (p.panel.passMeanScore > 100) problems.push({ path: 'panel.passMeanScore', message: 'must be 0 to 100' });
    if (p.clawbackPercentOfPaid > 100) problems.push({ path: 'clawbackPercentOfPaid', message: 'must be 0 to 100' });
  }
  if (program === 'title-fast-track') {
    if (p.committee.size < 1) problems.push({ path: 'committee.size', message: 'must be at least 1' });
    for (const key of ['quorum', 'pass'] as const) {
      const f = p.committee[key];
      if (f.denominator < 1 || f.numerator > f.denominator) problems.push({ path: `committee.${key}`, message: 'must be a fraction numerator/denominator between 0 and 1' });
    }
  }
  return problems;
}
