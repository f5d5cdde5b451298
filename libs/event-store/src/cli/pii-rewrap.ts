import { createDataSource } from '../data-source';
import { Sealer } from '../sealing/sealing';

/**
 * `npm run pii:rewrap`: after a new master key was put first in PII_KEYS (or the key file), re-wraps every
 * subject's data key under it. Events are not touched (their sealed fields and hashes stay); once it reports
 * 0 left, the old master key may be removed.
 */
async function main(): Promise<void> {
  const ds = await createDataSource({ poolSize: 1 }).initialize();
  try {
    const sealer = new Sealer();
    const rewrapped = await ds.transaction((m) => sealer.rewrap(m));
    process.stdout.write(`re-wrapped ${rewrapped} data key(s) under the current master key\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
