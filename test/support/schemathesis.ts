import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../infra/project-root';

/** Schemathesis (property-based API testing from an OpenAPI document), pinned, from the Python package index. */
export const SCHEMATHESIS_VERSION = '4.32.5';
const TARGET = path.join(projectRoot(), '.tools', 'python');
const BIN = path.join(TARGET, 'bin', 'schemathesis');

/** Installs it into the project's tools folder on first use (python3 -m pip, as for the Temporal binaries). */
export function ensureSchemathesis(): string {
  const stamp = path.join(TARGET, `.schemathesis-${SCHEMATHESIS_VERSION}`);
  if (!fs.existsSync(stamp) || !fs.existsSync(BIN)) {
    execFileSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--upgrade', '--target', TARGET, `schemathesis==${SCHEMATHESIS_VERSION}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    fs.writeFileSync(stamp, '');
  }
  return BIN;
}

export interface SchemathesisRun {
  code: number;
  output: string;
}

/** `schemathesis run` against a served OpenAPI document; resolves with its exit code and output. */
export function runSchemathesis(args: string[]): Promise<SchemathesisRun> {
  const bin = ensureSchemathesis();
  return new Promise((resolve) => {
    const child = spawn(bin, ['run', ...args], { env: { ...process.env, PYTHONPATH: TARGET, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
