import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource, dropDatabase, migrate } from '#event-store';
import { requiredEnv } from './workflow-env';

/** A migrated database of its own, for a suite that must not share state (tampering, counting). */
export async function isolatedDatabase(prefix: string): Promise<{ ds: DataSource; url: string; drop(): Promise<void> }> {
  const url = new URL(requiredEnv('TEST_DATABASE_URL'));
  url.pathname = `/${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await migrate(url.toString());
  const ds = await createDataSource({ url: url.toString(), poolSize: 4 }).initialize();
  return {
    ds,
    url: url.toString(),
    async drop() {
      await ds.destroy();
      await dropDatabase(url.toString());
    },
  };
}

/** Rows of these tables whose text holds any of the values anywhere (any column, JSON included): "table: n" each. */
export async function rowsHolding(ds: DataSource, values: string | readonly string[], tables: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const table of tables) {
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE ANY (SELECT '%' || v || '%' FROM unnest($1::text[]) v)`, [
      typeof values === 'string' ? [values] : values,
    ])) as { n: number }[];
    if (n > 0) found.push(`${table}: ${n}`);
  }
  return found;
}
