import { embeddedPostgresDir, startEmbeddedPostgres } from './embedded-postgres';
import { ensurePostgres } from './postgres';
import { dataFolder } from './project-root';

export type DatabaseMode = 'embedded' | 'external';

/** Set for child processes (API, worker) so that `GET /health` can say which server they use. */
export const DATABASE_MODE_ENV = 'TALENTFLOW_DATABASE_MODE';

export interface DatabaseServer {
  mode: DatabaseMode;
  /** The URL of database `name` on this server. */
  url(name: string): string;
  /** Where it is, for people: the data folder or the host. */
  where: string;
  /** Stops the embedded server if this process started it; otherwise nothing. */
  release(): Promise<void>;
}

/**
 * The one rule for which PostgreSQL the project uses: `DATABASE_URL` set → that server (the Debian cluster of
 * this machine is started when it is down); unset → the project's embedded server under the data folder,
 * started when not running. Every entry point (npm start, tests, bench, drills, CLIs) goes through here.
 */
export async function openDatabaseServer(log: (line: string) => void = () => undefined): Promise<DatabaseServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    await ensurePostgres(external, log);
    const base = new URL(external);
    return {
      mode: 'external',
      url: (name) => {
        const u = new URL(external);
        u.pathname = `/${encodeURIComponent(name)}`;
        return u.toString();
      },
      where: `${base.hostname}:${base.port || 5432}`,
      release: async () => undefined,
    };
  }
  const server = await startEmbeddedPostgres(embeddedPostgresDir(dataFolder()), log);
  return {
    mode: 'embedded',
    url: (name) => server.url(name),
    where: `127.0.0.1:${server.port}, data in ${server.dataDir}`,
    release: () => server.stop(),
  };
}

/**
 * For a process that uses one database: makes `DATABASE_URL` point at it (the embedded server's `talentflow`
 * database when unset) and says which mode in `TALENTFLOW_DATABASE_MODE`.
 */
export async function useDatabase(log: (line: string) => void = () => undefined): Promise<DatabaseServer> {
  const server = await openDatabaseServer(log);
  if (server.mode === 'embedded') {
    process.env.DATABASE_URL = server.url('talentflow');
    process.env[DATABASE_MODE_ENV] = 'embedded';
  }
  return server;
}
