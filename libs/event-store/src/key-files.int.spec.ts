import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('a key file made on first use by processes starting at once', () => {
  it('gives every process the same complete key, whichever wrote it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'key-files-'));
    const file = path.join(dir, 'keys', 'audit.pem');
    // Each process makes a different key of 64 KiB (a half-written one would show) and prints what it got back. They
    // run the compiled code (npm test builds first).
    const compiled = path.join(__dirname, '..', '..', '..', 'dist', 'libs', 'event-store', 'src', 'key-files.js');
    // All start at one instant, and making a key takes 100 ms (a slow entropy source), so they all find no file.
    const at = Date.now() + 2000;
    const script = `
      const { keyFileOnce } = require(${JSON.stringify(compiled)});
      const mine = require('node:crypto').randomBytes(48 * 1024).toString('base64');
      const slow = () => { const until = Date.now() + 100; while (Date.now() < until); return mine; };
      while (Date.now() < ${at});
      process.stdout.write(keyFileOnce(${JSON.stringify(file)}, slow));`;
    const replies = await Promise.all(Array.from({ length: 8 }, () => run(process.execPath, ['-e', script], { maxBuffer: 1 << 20 })));
    const keys = new Set(replies.map((r) => r.stdout));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toHaveLength(64 * 1024);
    expect(fs.readFileSync(file, 'utf8')).toBe([...keys][0]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['audit.pem']); // no draft left behind
    fs.rmSync(dir, { recursive: true });
  });
});
