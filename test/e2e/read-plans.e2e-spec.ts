import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { XIUZHOU_TOWNS } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { bulkLoad } from '#bench/bulk-load';
import { isolatedDatabase } from '../support/database';
import { apiWith } from './support/harness';
import { requiredEnv } from '../support/workflow-env';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, out: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && (node['Relation Name'] === 'events' || node['Relation Name'] === 'tasks')) out.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

/**
 * The reviewers' and auditors' routes read `events` and `tasks` through indexes, never by reading the whole table
 * (a sequential scan costs what five years of data cost): every statement the API sends for them is explained on a
 * store of loaded histories, and a sequential scan of either table fails the test with the statement.
 */
describe('query plans of the routes people use (bulk-loaded store)', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let app: NestFastifyApplication;
  let base: string;
  const statements: { sql: string; params: unknown[] }[] = [];

  beforeAll(async () => {
    db = await isolatedDatabase('plans');
    await bulkLoad(db.ds, { applications: 3000, batch: 500, seed: 19 });
    app = await apiWith({ DATABASE_URL: db.url, TEMPORAL_ADDRESS: requiredEnv('TEMPORAL_TEST_ADDRESS'), PROJECTION_INTERVAL_MS: '600000' });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/v1`;
    const ds = app.get<DataSource>(DATA_SOURCE);
    const query = ds.query.bind(ds);
    // Records what the API asks PostgreSQL while the routes below are called.
    jest.spyOn(ds, 'query').mockImplementation(((sql: string, params?: unknown[]) => {
      statements.push({ sql, params: params ?? [] });
      return query(sql, params);
    }) as DataSource['query']);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('never scans events or tasks sequentially', async () => {
    const token = async (claims: Record<string, unknown>) =>
      ((await (await fetch(`${base}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(claims) })).json()) as { accessToken: string }).accessToken;
    const reviewer = await token({ sub: 'hrss-reviewer-3', roles: ['reviewer'], queues: ['hrss-skill'] });
    const auditor = await token({ sub: 'plans-auditor', roles: ['auditor'] });
    const [{ id }] = (await db.ds.query(`SELECT id FROM applications WHERE program = 'skill-subsidy' ORDER BY random() LIMIT 1`)) as { id: string }[];
    const routes: [string, string][] = [
      [reviewer, '/tasks?queue=hrss-skill&page=1&pageSize=20'],
      [reviewer, `/tasks?queue=hrss-skill&program=skill-subsidy&town=${XIUZHOU_TOWNS[2].code}&sort=dueAt&pageSize=20`],
      [reviewer, '/tasks?pageSize=200&sort=-createdAt'],
      [reviewer, '/tasks?mine=true'],
      [reviewer, '/tasks/counts'],
      [auditor, `/applications/${id}`],
      [auditor, `/applications/${id}/events`],
    ];
    for (const [t, path] of routes) {
      const reply = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${t}` } });
      expect({ path, status: reply.status }).toEqual({ path, status: 200 });
    }
    const reading = statements.filter((s) => /^\s*(SELECT|WITH)/i.test(s.sql) && /\b(events|tasks)\b/.test(s.sql));
    expect(reading.length).toBeGreaterThanOrEqual(routes.length);
    const scans: string[] = [];
    for (const s of reading) {
      const [{ 'QUERY PLAN': plan }] = (await db.ds.query(`EXPLAIN (FORMAT JSON) ${s.sql}`, s.params)) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
      const found = seqScans(plan[0].Plan);
      if (found.length) scans.push(`${found.join(', ')} scanned by: ${s.sql.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
    expect(scans).toEqual([]);
  });
});
