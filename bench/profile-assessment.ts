import { DataSource } from 'typeorm';
import { createDataSource } from '#event-store';
import { assessmentReport } from '#metrics';

/**
 * Where a GET /metrics/assessment's time goes on a loaded store (`npm run load` first): each statement's time and
 * what is left for the JavaScript between them, for the whole report and for one town; median of 3.
 * `node dist/infra/with-database.js dist/bench/profile-assessment.js`
 */
async function profile(ds: DataSource, filters: Record<string, string>) {
  const query = ds.query.bind(ds);
  const runs: { total: number; statements: Map<string, number> }[] = [];
  for (let i = 0; i < 3; i++) {
    const statements = new Map<string, number>();
    ds.query = (async (sql: string, params?: unknown[]) => {
      const started = process.hrtime.bigint();
      try {
        return await query(sql, params);
      } finally {
        const key = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
        statements.set(key, (statements.get(key) ?? 0) + Number(process.hrtime.bigint() - started) / 1e6);
      }
    }) as DataSource['query'];
    const started = process.hrtime.bigint();
    await assessmentReport(ds, filters);
    runs.push({ total: Number(process.hrtime.bigint() - started) / 1e6, statements });
    ds.query = query;
  }
  const last = runs.sort((a, b) => a.total - b.total)[1];
  const sql = [...last.statements.values()].reduce((a, b) => a + b, 0);
  return {
    filters,
    totalMs: Math.round(last.total),
    statementsMs: Math.round(sql),
    javascriptMs: Math.round(last.total - sql),
    slowest: [...last.statements.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([s, ms]) => ({ ms: Math.round(ms), statement: s })),
  };
}

async function main() {
  const ds = await createDataSource({ applicationName: 'profile-assessment' }).initialize();
  try {
    const [{ applications }] = (await ds.query(`SELECT count(*)::int AS applications FROM metric_applications`)) as { applications: number }[];
    const [{ town }] = (await ds.query(`SELECT town FROM metric_applications LIMIT 1`)) as { town: string }[];
    process.stdout.write(`${JSON.stringify({ applications, all: await profile(ds, {}), oneTown: await profile(ds, { town }) }, null, 2)}\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
