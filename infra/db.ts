import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { embeddedPostgresDir, embeddedStatus, startEmbeddedPostgres } from './embedded-postgres';
import { dataFolder } from './project-root';

const USAGE = `npm run db -- <command>   (the embedded PostgreSQL under the data folder; DATA_DIR moves it)
  status          running or not, port, data folder (JSON)
  serve           start it (or adopt one left running) and keep it until Ctrl-C, then a fast shutdown
  stop            fast shutdown of a server left running
  backup <dir>    copy the stopped cluster to <dir> (a cold, consistent backup; stop npm start first)
  url             the connection URL of the talentflow database
`;

const log = (line: string) => process.stderr.write(`[db] ${line}\n`);

async function main(command: string | undefined, arg: string | undefined): Promise<number> {
  const dir = embeddedPostgresDir(dataFolder());
  switch (command) {
    case 'status':
      process.stdout.write(`${JSON.stringify(await embeddedStatus(dir))}\n`);
      return 0;
    case 'url': {
      const status = await embeddedStatus(dir);
      if (!status.port) {
        log('no embedded server has been started here yet');
        return 1;
      }
      process.stdout.write(`postgres://postgres@127.0.0.1:${status.port}/talentflow\n`);
      return 0;
    }
    case 'serve': {
      const server = await startEmbeddedPostgres(dir, log);
      process.stdout.write(`ready on port ${server.port}\n`);
      const keepAlive = setInterval(() => undefined, 60_000); // signal listeners alone do not keep Node running
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      clearInterval(keepAlive);
      await server.stop();
      log('stopped (fast shutdown)');
      return 0;
    }
    case 'stop': {
      const status = await embeddedStatus(dir);
      if (!status.running) {
        log('not running');
        return 0;
      }
      const server = await startEmbeddedPostgres(dir, log); // adopts it, so that stop() is ours to call
      await server.stop();
      log('stopped (fast shutdown)');
      return 0;
    }
    case 'backup': {
      if (!arg) break;
      const status = await embeddedStatus(dir);
      if (status.running) {
        log('the server is running: stop npm start (or `npm run db -- stop`) first, or use pg_dump 18 against `npm run db -- url`');
        return 1;
      }
      const target = path.resolve(arg);
      if (fs.existsSync(target)) {
        log(`${target} exists already`);
        return 1;
      }
      // cp -a keeps owners and modes: the copy can be put back as it is.
      execFileSync('cp', ['-a', status.dataDir, target]);
      log(`copied ${status.dataDir} to ${target}; restore: stop, replace the folder with the copy, start`);
      return 0;
    }
    default:
      break;
  }
  process.stderr.write(USAGE);
  return 2;
}

main(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`[db] ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
