import { spawn } from 'node:child_process';
import { useDatabase } from './database';

/**
 * `node dist/infra/with-database.js <script.js> [args…]`: runs a command-line script of the project against its
 * database — `DATABASE_URL` when set, else the embedded server (started for the run and stopped after it when
 * nothing else had started it). The npm scripts `migrate`, `audit`, `projections`, `bench` and `drill` use it.
 */
async function main(): Promise<number> {
  const [script, ...args] = process.argv.slice(2);
  if (!script) {
    process.stderr.write('usage: with-database <script.js> [args…]\n');
    return 2;
  }
  const server = await useDatabase((line) => process.stderr.write(`[database] ${line}\n`));
  try {
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit', env: process.env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    return await new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  } finally {
    await server.release();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
