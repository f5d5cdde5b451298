import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { Client } from 'pg';

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes sure PostgreSQL answers at `url`'s server. On a machine of this kind (Debian cluster, no systemd) a
 * stopped cluster is started with pg_ctlcluster; elsewhere the error says what to do.
 */
export async function ensurePostgres(url: string, log: (line: string) => void = () => undefined): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  if (await canConnect(admin.toString())) return;
  if (fs.existsSync('/etc/postgresql')) {
    for (const version of fs.readdirSync('/etc/postgresql')) {
      log(`PostgreSQL is not answering; starting cluster ${version}/main`);
      try {
        execSync(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`, { stdio: 'inherit' });
      } catch {
        // Already running or starting; the wait below decides.
      }
    }
    for (let i = 0; i < 60; i += 1) {
      if (await canConnect(admin.toString())) return;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`PostgreSQL does not answer at ${admin.host}; start it or set DATABASE_URL`);
}
