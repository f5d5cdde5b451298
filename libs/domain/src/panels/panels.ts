/**
 * Panels and committees: the random draw with its recorded seed and exclusions (回避), and the maths that
 * decide a panel's or a committee's result. Pure: the workflow supplies the seed and the pool.
 */
export interface Expert {
  id: string;
  name: string;
  fields: string[];
  orgCode?: string;
}

export interface DrawRequest {
  pool: readonly Expert[];
  size: number;
  seed: string;
  /** Experts who may not sit: members already drawn, conflicts declared. */
  excludeIds: ReadonlyMap<string, string>;
  /** Organisations whose members are excluded before the draw (the applicant's, the sponsor's, the employer's). */
  excludeOrgs: readonly string[];
  /** Members with this field are preferred while there are enough of them. */
  field?: string;
}

export interface Draw {
  poolIds: string[];
  excluded: { id: string; reason: string }[];
  members: string[];
}

/** A 32-bit seed from a string (FNV-1a), then mulberry32: small, well known, and repeatable anywhere. */
export function repeatableRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws up to `size` members at random; fewer when the eligible pool is smaller. */
export function drawMembers(request: DrawRequest): Draw {
  const pool = [...request.pool].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const excluded: Draw['excluded'] = [];
  const eligible: Expert[] = [];
  const orgs = new Set(request.excludeOrgs);
  for (const e of pool) {
    const reason = request.excludeIds.get(e.id) ?? (e.orgCode && orgs.has(e.orgCode) ? 'same-organisation' : undefined);
    if (reason) excluded.push({ id: e.id, reason });
    else eligible.push(e);
  }
  const inField = request.field ? eligible.filter((e) => e.fields.includes(request.field!)) : [];
  const candidates = inField.length >= request.size ? inField : eligible;
  const random = repeatableRandom(request.seed);
  const shuffled = [...candidates];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  return { poolIds: pool.map((e) => e.id), excluded, members: shuffled.slice(0, request.size).map((e) => e.id) };
}

export interface Scores {
  innovation: number;
  team: number;
  industryFit: number;
  feasibility: number;
}

/** An expert's score: the mean of the four rubric items. */
export function rubricScore(s: Scores): number {
  return (s.innovation + s.team + s.industryFit + s.feasibility) / 4;
}

/** The panel passes with at least `minScores` scores whose mean is at least `passMeanScore`. */
export function panelResult(scores: readonly Scores[], rule: { minScores: number; passMeanScore: number }) {
  if (scores.length < rule.minScores) return { result: 'inconclusive' as const, responses: scores.length };
  const mean = scores.map(rubricScore).reduce((a, b) => a + b, 0) / scores.length;
  // Stored as an integer (hundredths) so the event's numbers stay integers for the hash rule.
  const meanScore = Math.round(mean * 100);
  return { result: mean >= rule.passMeanScore ? ('passed' as const) : ('failed' as const), responses: scores.length, meanScore };
}

export type Vote = 'yes' | 'no' | 'abstain';

/**
 * A committee's result: valid with at least quorum of the members voting (abstentions are votes cast), passed
 * with at least pass of the votes cast being yes. Integer arithmetic: no rounding of 2/3.
 */
export function committeeResult(
  votes: readonly Vote[],
  members: number,
  rule: { quorum: { numerator: number; denominator: number }; pass: { numerator: number; denominator: number } },
) {
  const yes = votes.filter((v) => v === 'yes').length;
  const no = votes.filter((v) => v === 'no').length;
  const abstain = votes.filter((v) => v === 'abstain').length;
  const cast = votes.length;
  const tally = { yes, no, abstain, responses: cast };
  if (cast * rule.quorum.denominator < members * rule.quorum.numerator) return { result: 'inconclusive' as const, reason: 'QUORUM_NOT_MET', ...tally };
  if (yes * rule.pass.denominator < cast * rule.pass.numerator) return { result: 'failed' as const, reason: 'NOT_ENOUGH_YES_VOTES', ...tally };
  return { result: 'passed' as const, ...tally };
}
