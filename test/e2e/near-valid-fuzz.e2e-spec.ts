import fc from 'fast-check';
import { daysInMonth, idNumberCheckChar } from '#domain';
import { isolatedDatabase } from '../support/database';
import { daysAgo, degreeDoublingForm, makeIdNumber, makeUscc } from '../support/fixtures';
import { Harness } from './support/harness';
import { Parties, parties } from './support/parties';

const RUNS = Number(process.env.NEAR_VALID_RUNS ?? 20_000);

// ---- Arbitraries of values that look valid but are impossible, one per field type -------------------------------

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const FULL_WIDTH = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const ARABIC_INDIC = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const year = fc.integer({ min: 1900, max: 2199 });
const month = fc.integer({ min: 1, max: 12 });
const validDate = fc.tuple(year, month, fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

/** 2026-02-30, 2026-13-45, 0000-00-00, 2025-02-29, look-alike digits, years out of range. */
export const impossibleDate = fc.oneof(
  fc.tuple(year, fc.constantFrom(0, 13, 14, 20, 99), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.tuple(year, month).chain(([y, m]) => fc.integer({ min: daysInMonth(y, m) + 1, max: 99 }).map((d) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)),
  fc.tuple(year, month).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}-00`),
  year.filter((y) => !isLeap(y)).map((y) => `${pad(y, 4)}-02-29`),
  fc.constant('0000-00-00'),
  validDate.map(FULL_WIDTH),
  validDate.map(ARABIC_INDIC),
  fc.integer({ min: 0, max: 1899 }).map((y) => `${pad(y, 4)}-06-15`),
  validDate.map((d) => d.replace(/-/g, '/')),
);

export const impossibleMonth = fc.oneof(
  fc.tuple(year, fc.constantFrom(0, 13, 19, 99)).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
  fc.constant('0000-00'),
  fc.tuple(year, month).map(([y, m]) => FULL_WIDTH(`${pad(y, 4)}-${pad(m, 2)}`)),
);

/** Resident IDs with a valid check character but no such birth date, look-alike digits, or a wrong check. */
export const impossibleIdNumber = fc.oneof(
  impossibleDate
    .filter((d) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(d))
    .map((d) => {
      const first17 = `330411${d.replace(/-/g, '')}123`;
      return first17 + idNumberCheckChar(first17);
    }),
  fc.constant(makeIdNumber('1990-01-01')).map(FULL_WIDTH),
  fc.constant(makeIdNumber('1990-01-01')).map(ARABIC_INDIC),
  fc.integer({ min: 0, max: 9 }).map((n) => {
    const id = makeIdNumber('1988-08-08');
    const wrong = id.slice(0, 17) + ('0123456789X'.replace(id[17], '')[n] ?? '0');
    return wrong;
  }),
  fc.constant(makeIdNumber('2099-01-01')), // born in the future
);

/** USCCs with a wrong check character, a letter GB 32100 never uses, or look-alike digits. */
export const impossibleUscc = fc.oneof(
  fc.integer({ min: 0, max: 29 }).map((n) => {
    const code = makeUscc();
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'.replace(code[17], '');
    return code.slice(0, 17) + alphabet[n % alphabet.length];
  }),
  fc.constantFrom('I', 'O', 'Z', 'S', 'V').map((c) => {
    const code = makeUscc();
    return code.slice(0, 10) + c + code.slice(11);
  }),
  fc.constant(makeUscc()).map(FULL_WIDTH),
  fc.constantFrom('a', 'b', 'h', 'y').map((c) => `${makeUscc().slice(0, 17)}${c}`),
);

/** Money in fen that cannot be: negative, zero where a payment is asked, fractions, beyond 10亿 yuan, unsafe integers, strings. */
export const impossibleFen = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 0 }),
  fc.double({ min: 0.01, max: 1_000_000, noNaN: true }).filter((x) => !Number.isInteger(x)),
  fc.integer({ min: 100_000_000_001, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(2 ** 53, 2 ** 63, 1e21, -0.5),
  fc.integer({ min: 1, max: 1_000_000 }).map(String),
);

/** A skill level outside 1..5, fractional, or a string. */
export const impossibleLevel = fc.oneof(fc.constantFrom(0, 6, -1, 99), fc.double({ min: 1.1, max: 4.9, noNaN: true }).filter((x) => !Number.isInteger(x)), fc.constantFrom('3', '三级'));

/** A year of an achievement still to come, or far in the past, or not a whole number. */
export const impossibleYear = fc.oneof(
  fc.integer({ min: new Date().getUTCFullYear() + 1, max: 2100 }),
  fc.integer({ min: -100, max: 1949 }),
  fc.constantFrom(2024.5, '2024'),
);

// ---- Write routes, each with a valid body and the fields to corrupt ------------------------------------------------

interface Target {
  name: string;
  path: string;
  token: () => string | undefined;
  body: () => unknown;
  fields: [path: (string | number)[], value: fc.Arbitrary<unknown>][];
}

function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, any>;
  let host = copy;
  for (const k of path.slice(0, -1)) host = host[k];
  host[path[path.length - 1]] = value;
  return copy;
}

/**
 * Every write route that takes a date, month, year, amount, level or code gets each of those fields replaced, one at a
 * time, by a value of its type that looks right and is impossible. All must be refused with a 4xx (never 2xx, never
 * 5xx), as problem+json with the field named, and the event log and registries must stay as they were.
 */
describe('near-valid input on every write route', () => {
  let h: Harness;
  let p: Parties;
  let sponsor: string;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    db = await isolatedDatabase('nearfuzz');
    h = await Harness.start({ DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '10000000' });
    p = await parties(h);
    sponsor = await h.token({ sub: 'sponsor-hr', roles: ['applicant'], name: '示例单位', idNumber: makeIdNumber('1980-01-01'), orgCode: makeUscc() });
  });
  afterAll(async () => {
    await h?.stop();
    await db?.drop();
  });

  async function digest(): Promise<string> {
    const [row] = (await db.ds.query(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM registry_skill_certificates) AS certs,
              (SELECT count(*) FROM registry_social_insurance) AS insurance, (SELECT count(*) FROM experts) AS experts,
              (SELECT count(*) FROM policies) AS policies`,
    )) as Record<string, string>[];
    return JSON.stringify(row);
  }

  it(`refuses ${RUNS} near-valid values with a 4xx naming the field, and stores nothing`, async () => {
    const employer = makeUscc();
    const bank = { bankName: '嘉兴银行', accountNumber: '6222021204001234567' };
    const targets: Target[] = [
      {
        name: 'submit skill-subsidy',
        path: '/applications',
        token: () => p.owner.token,
        body: () => ({ program: 'skill-subsidy', town: 'wangdian', form: { certificateNumber: 'CERT-FUZZ-1', level: 3, occupation: '电工', issuedOn: daysAgo(30), bankAccount: bank } }),
        fields: [
          [['form', 'issuedOn'], impossibleDate],
          [['form', 'level'], impossibleLevel],
        ],
      },
      {
        name: 'submit degree-doubling',
        path: '/applications',
        token: () => p.owner.token,
        body: () => ({ program: 'degree-doubling', town: 'wangdian', form: degreeDoublingForm(employer) }),
        fields: [
          [['form', 'graduatedOn'], impossibleDate],
          [['form', 'contractStart'], impossibleDate],
          [['form', 'contractEnd'], impossibleDate],
          [['form', 'employerOrgCode'], impossibleUscc],
        ],
      },
      {
        name: 'submit title-fast-track',
        path: '/applications',
        token: () => p.owner.token,
        body: () => ({ program: 'title-fast-track', town: 'wangdian', form: { series: 'engineering', targetLevel: 'senior', employerOrgCode: employer, achievements: [{ kind: 'patent', title: '发明专利', year: 2024 }] } }),
        fields: [
          [['form', 'employerOrgCode'], impossibleUscc],
          [['form', 'achievements', 0, 'year'], impossibleYear],
        ],
      },
      {
        name: 'submit top-talent',
        path: '/applications',
        token: () => sponsor,
        body: () => ({
          program: 'top-talent',
          town: 'hitech-zone',
          form: {
            talent: { name: '王五', category: 'national', honours: ['国家级人才'], idNumber: makeIdNumber('1975-05-05') },
            project: { title: '新型储能', industry: 'low-carbon', summary: '项目简介' },
            requestedSupport: { fundingFen: 500_000_000, spaceSqm: 2000 },
          },
        }),
        fields: [
          [['form', 'requestedSupport', 'fundingFen'], impossibleFen],
          [['form', 'talent', 'idNumber'], impossibleIdNumber],
        ],
      },
      {
        name: 'dev token',
        path: '/auth/dev-token',
        token: () => undefined,
        body: () => ({ sub: 'fuzz', roles: ['employer'], idNumber: makeIdNumber('1990-02-02'), orgCode: makeUscc() }),
        fields: [
          [['idNumber'], impossibleIdNumber],
          [['orgCode'], impossibleUscc],
        ],
      },
      {
        name: 'certificate registry',
        path: '/admin/registries/skill-certificates',
        token: () => p.admin.token,
        body: () => [{ certificateNumber: 'CERT-FUZZ-2', idNumber: makeIdNumber('1992-03-03'), level: 4, occupation: '焊工', issuedOn: daysAgo(10) }],
        fields: [
          [[0, 'issuedOn'], impossibleDate],
          [[0, 'idNumber'], impossibleIdNumber],
          [[0, 'level'], impossibleLevel],
        ],
      },
      {
        name: 'insurance registry',
        path: '/admin/registries/social-insurance',
        token: () => p.admin.token,
        body: () => [{ idNumber: makeIdNumber('1993-04-04'), orgCode: makeUscc(), town: 'wangdian', months: 12, lastPaidMonth: '2026-10' }],
        fields: [
          [[0, 'lastPaidMonth'], impossibleMonth],
          [[0, 'idNumber'], impossibleIdNumber],
          [[0, 'orgCode'], impossibleUscc],
        ],
      },
      {
        name: 'expert pool',
        path: '/admin/experts',
        token: () => p.admin.token,
        body: () => [{ id: 'fuzz-expert', name: '专家', fields: ['digital'], orgCode: makeUscc() }],
        fields: [[[0, 'orgCode'], impossibleUscc]],
      },
      {
        name: 'delegation',
        path: '/delegations',
        token: () => p.reviewer.token,
        body: () => ({ to: 'stand-in', queues: ['hrss-skill'], validUntil: '2026-12-31T00:00:00Z', reason: '休假' }),
        fields: [[['validUntil'], impossibleDate.map((d) => `${d}T00:00:00Z`)]],
      },
    ];

    const before = await digest();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const cases = fc.integer({ min: 0, max: targets.length - 1 }).chain((t) =>
      fc.integer({ min: 0, max: targets[t].fields.length - 1 }).chain((f) => targets[t].fields[f][1].map((value) => ({ t, f, value }))),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ t, f, value }) => {
        const target = targets[t];
        const [path] = target.fields[f];
        const body = setAt(target.body(), path, value);
        const token = target.token();
        const reply = await h.call('POST', target.path, { body, ...(token ? { token } : {}) });
        statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
        const named = reply.status !== 400 || (Array.isArray(reply.body?.errors) && reply.body.errors.some((e: { path: string }) => e.path === path.join('.')));
        const problem = (reply.headers.get('content-type') ?? '').startsWith('application/problem+json');
        if (reply.status < 400 || reply.status >= 500 || !named || !problem) {
          failures.push(`${target.name} ${path.join('.')}=${JSON.stringify(value)} → ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
        }
        return failures.length === 0;
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(failures).toEqual([]);
    expect(await digest()).toBe(before);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
    process.stdout.write(`near-valid fuzz: ${RUNS} requests over ${targets.length} routes, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  }, 900_000);
});
