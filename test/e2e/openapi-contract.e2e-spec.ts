import { isolatedDatabase } from '../support/database';
import { runSchemathesis } from '../support/schemathesis';
import { Harness } from './support/harness';
import { Parties, applicationInReview, parties } from './support/parties';

const EXAMPLES = Number(process.env.CONTRACT_MAX_EXAMPLES ?? 8);

/**
 * The served OpenAPI document tells the truth: Schemathesis generates requests from it for every route, as every
 * role (and as nobody), and fails on any 5xx, any status the document does not declare, a wrong content type, or
 * a response that does not match its declared schema.
 */
describe('OpenAPI contract (Schemathesis)', () => {
  let h: Harness;
  let p: Parties;
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    db = await isolatedDatabase('contract');
    h = await Harness.start({ DATABASE_URL: db.url, RATE_LIMIT_PER_MINUTE: '10000000' });
    p = await parties(h);
    await applicationInReview(h, p);
  });
  afterAll(async () => {
    await h?.stop();
    await db?.drop();
  });

  const roles = ['anonymous', 'owner', 'reviewer', 'finance', 'expert', 'leadership', 'employer', 'auditor', 'admin'] as const;

  it.each(roles)('holds for %s', async (role) => {
    const party = p[role];
    const origin = h.baseUrl.replace('/api/v1', '');
    const { code, output } = await runSchemathesis([
      `${origin}/api/docs-json`,
      '--url',
      origin,
      ...(party.token ? ['-H', `Authorization: Bearer ${party.token}`] : []),
      '--checks',
      'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
      '--max-examples',
      String(EXAMPLES),
      '--seed',
      '20261128',
      '--phases',
      'examples,fuzzing',
      '--request-timeout',
      '30',
    ]);
    if (code !== 0) process.stdout.write(`--- schemathesis as ${role} ---\n${output.slice(-8000)}\n`);
    expect(code).toBe(0);
  }, 300_000);
});
