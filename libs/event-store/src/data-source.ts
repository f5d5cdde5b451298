import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/**
 * The database of this process. Entry points set it (infra/database.ts: `DATABASE_URL` as given, or the
 * embedded server's when unset) before anything opens a connection; a silent default would hide a wrong server.
 */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start through npm start / the CLIs, which provide the embedded PostgreSQL');
  return url;
}

export interface DataSourceOptions {
  url?: string;
  poolSize?: number;
  applicationName?: string;
}

/** The one way this project opens PostgreSQL: migrations, never synchronize. */
export function createDataSource(options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url ?? databaseUrl(),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? Number(process.env.DATABASE_POOL_SIZE ?? 10),
      application_name: options.applicationName ?? 'talentflow',
      // A dropped connection surfaces as an error on the next query; the pool replaces it.
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
    },
  });
}

/** Creates the database named in the URL when it does not exist yet (connecting to `postgres`). */
export async function ensureDatabase(url: string = databaseUrl()): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const ds = new DataSource({ type: 'postgres', url: admin.toString() });
  await ds.initialize();
  try {
    const rows: unknown[] = await ds.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await ds.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await ds.destroy();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const ds = new DataSource({ type: 'postgres', url: admin.toString() });
  await ds.initialize();
  try {
    await ds.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await ds.destroy();
  }
}

export async function migrate(url: string = databaseUrl()): Promise<string[]> {
  await ensureDatabase(url);
  const ds = createDataSource({ url, poolSize: 1, applicationName: 'talentflow-migrate' });
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
