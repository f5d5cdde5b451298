import fs from 'node:fs';
import path from 'node:path';

/** The repository root (where package.json is), from sources or from dist/. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) || dir.endsWith(`${path.sep}dist`)) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export function resolveTemporalBinary(name: 'temporal' | 'temporal-test-server'): string | null {
  // Plain JS so that postinstall can run it before anything is compiled.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const binaries = require(path.join(projectRoot(), 'infra', 'temporal-binaries.js')) as {
    resolveBinary(n: string, o?: { quiet?: boolean }): string | null;
  };
  return binaries.resolveBinary(name, { quiet: false });
}

/** The git-ignored folder for local state (embedded PostgreSQL, Temporal's SQLite file, logs): `DATA_DIR` or `.data`. */
export function dataFolder(): string {
  return path.resolve(process.env.DATA_DIR ?? path.join(projectRoot(), '.data'));
}
