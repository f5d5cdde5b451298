import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { projectRoot } from './project-root';

/**
 * The embedded server as `npm start` and the tests use it, driven through the compiled `npm run db` command in a
 * data folder of its own (the binaries are ES modules that jest's module system cannot import itself).
 */
const DB_CLI = path.join(projectRoot(), 'dist', 'infra', 'db.js');

describe('embedded PostgreSQL', () => {
  let dataDir: string;
  const env = () => ({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' });
  const status = () => JSON.parse(execFileSync(process.execPath, [DB_CLI, 'status'], { env: env() }).toString()) as { running: boolean; port?: number; pid?: number };

  function serve(): Promise<{ child: ChildProcess; port: number; stderr: () => string }> {
    const child = spawn(process.execPath, [DB_CLI, 'serve'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /ready on port (\d+)/.exec(out);
        if (m) resolve({ child, port: Number(m[1]), stderr: () => err });
      });
      child.once('exit', (code) => reject(new Error(`db serve exited with ${code}: ${err}`)));
      setTimeout(() => reject(new Error(`db serve did not get ready in 60 s: ${err}`)), 60_000).unref();
    });
  }

  async function query(port: number, sql: string): Promise<unknown[]> {
    const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  beforeAll(() => {
    if (!fs.existsSync(DB_CLI)) throw new Error(`${DB_CLI} is missing: run npm run build (npm test does)`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talentflow-embedded-'));
  });

  afterAll(() => {
    if (status().running) execFileSync(process.execPath, [DB_CLI, 'stop'], { env: env() });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('initialises on first start, survives a SIGKILL of its parent, and the next start adopts it with the data', async () => {
    const first = await serve();
    expect(first.stderr()).toMatch(/initialised PostgreSQL \d+/);
    await query(first.port, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES (\'before the crash\')');
    expect(await query(first.port, 'SHOW fsync')).toEqual([{ fsync: 'on' }]);

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    const orphan = status();
    expect(orphan).toMatchObject({ running: true, port: first.port }); // the server outlives its parent

    const second = await serve();
    expect(second.port).toBe(first.port); // the port chosen at first start is kept
    expect(second.stderr()).toMatch(/adopted the embedded PostgreSQL/);
    expect(await query(second.port, 'SELECT v FROM kept')).toEqual([{ v: 'before the crash' }]);

    second.child.kill('SIGTERM'); // Ctrl-C / SIGTERM: a fast shutdown
    await new Promise((r) => second.child.once('exit', r));
    expect(status().running).toBe(false);

    const third = await serve(); // a clean stop starts again with the data
    expect(await query(third.port, 'SELECT v FROM kept')).toEqual([{ v: 'before the crash' }]);
    third.child.kill('SIGINT');
    await new Promise((r) => third.child.once('exit', r));
    expect(status().running).toBe(false);
  });

  it('moves to another port when the recorded one is taken, and says so', async () => {
    const { port } = status();
    const net = await import('node:net');
    const squatter = net.createServer();
    await new Promise<void>((r) => squatter.listen(port, '127.0.0.1', () => r()));
    try {
      const moved = await serve();
      expect(moved.port).not.toBe(port);
      expect(moved.stderr()).toMatch(new RegExp(`port ${port} is taken`));
      moved.child.kill('SIGTERM');
      await new Promise((r) => moved.child.once('exit', r));
    } finally {
      squatter.close();
    }
  });
});
