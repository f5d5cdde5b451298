import { DataSource } from 'typeorm';
import { Checkpoints, loadSigningKey } from '../audit/checkpoints';
import { verifyAll } from '../audit/verify-all';
import { createDataSource } from '../data-source';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

/**
 * `npm run audit -- verify`      verifies every stream and every checkpoint (progress on stderr; exit 1 if broken)
 * `npm run audit -- checkpoint`  takes a signed checkpoint now
 * `npm run audit -- checkpoints` prints every checkpoint as exportable JSON
 */
export async function runAuditCommand(command: string | undefined, ds: DataSource, io: Output): Promise<number> {
  if (command === 'verify') {
    const started = Date.now();
    const verdict = await verifyAll(ds, {
      onProgress: (p) => {
        const pct = p.totalEvents ? ((100 * p.events) / p.totalEvents).toFixed(1) : '100.0';
        io.err(`\rverified ${p.events}/${p.totalEvents} events (${pct}%) in ${p.streams} streams`);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    io.err('\n');
    const checkpoints = await new Checkpoints(ds).verifyAll();
    const valid = verdict.valid && checkpoints.every((c) => c.valid);
    const eventsPerSecond = seconds > 0 ? Math.round(verdict.events / seconds) : verdict.events;
    io.out(`${JSON.stringify({ ...verdict, valid, checkpoints, seconds, eventsPerSecond }, null, 2)}\n`);
    if (!valid) io.err(`BROKEN: ${verdict.invalidStreams.length} stream(s), ${checkpoints.filter((c) => !c.valid).length} checkpoint(s)\n`);
    return valid ? 0 : 1;
  }
  if (command === 'checkpoint') {
    io.out(`${JSON.stringify(await new Checkpoints(ds).create(loadSigningKey()), null, 2)}\n`);
    return 0;
  }
  if (command === 'checkpoints') {
    io.out(`${JSON.stringify(await new Checkpoints(ds).list(), null, 2)}\n`);
    return 0;
  }
  io.err('usage: npm run audit -- verify | checkpoint | checkpoints\n');
  return 2;
}

if (require.main === module) {
  const io: Output = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  createDataSource({ poolSize: 2, applicationName: 'talentflow-audit' })
    .initialize()
    .then(async (ds) => {
      try {
        return await runAuditCommand(process.argv[2], ds, io);
      } finally {
        await ds.destroy();
      }
    })
    .then(
      (code) => process.exit(code),
      (err) => {
        process.stderr.write(`audit failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
}
