import { ApplicationStatus, fileIsOpen } from '#domain';
import { createDataSource } from '../data-source';
import { EventStore } from '../event-store';

const USAGE = `usage: npm run pii:unsealed                     lists the application streams holding personal fields in clear
       npm run pii:unsealed -- --reseal <id|all> copies one closed application (or every closed one not copied yet) into a sealed stream`;

/**
 * `npm run pii:unsealed`: the applications whose events hold personal fields in clear (stored before sealing, or
 * before a field was added to the sealed ones). They are
 * left as they are (the log is append-only); with `--reseal`, closed ones are copied into `resealed-application-<id>`
 * with their personal fields sealed, each event naming the original it copies. Open ones are copied once closed (a
 * copy made earlier would miss what follows).
 */
async function main(argv: string[]): Promise<void> {
  const at = argv.indexOf('--reseal');
  const target = at >= 0 ? argv[at + 1] : undefined;
  if ((at >= 0 && !target) || argv.some((a) => a === '--help' || a === '-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = at >= 0 ? 2 : 0;
    return;
  }
  const ds = await createDataSource({ poolSize: 2 }).initialize();
  try {
    const store = new EventStore(ds);
    const unsealed = await store.unsealedApplicationStreams();
    // Closed as an erasure counts it: a final status, and no 复核 asked for or still possible.
    const now = new Date();
    const closed = (s: (typeof unsealed)[number]) =>
      s.status !== null && !fileIsOpen({ status: s.status as ApplicationStatus, closedAt: now.toISOString(), ...(s.reconsideration ? { reconsideration: s.reconsideration as never } : {}) }, now);
    if (!target) {
      for (const s of unsealed) {
        process.stdout.write(`${s.streamId}\t${s.version} events\t${s.status ?? '?'}\t${s.resealedAs ? `resealed as ${s.resealedAs}` : closed(s) ? 'closed: can be resealed' : 'open: reseal once closed'}\n`);
      }
      process.stdout.write(`${unsealed.length} application stream(s) hold personal fields in clear, ${unsealed.filter((s) => s.resealedAs).length} resealed\n`);
      return;
    }
    const chosen = target === 'all' ? unsealed.filter((s) => closed(s) && !s.resealedAs) : unsealed.filter((s) => s.streamId === `application-${target}`);
    if (target !== 'all' && chosen.length === 0) throw new Error(`application-${target} is not a stream begun before sealing`);
    for (const s of chosen) {
      if (!closed(s)) throw new Error(`${s.streamId} is still open (${s.status ?? 'no read model'}): reseal it once it is closed`);
      if (s.resealedAs) throw new Error(`${s.streamId} was resealed already as ${s.resealedAs}`);
      const copy = await store.reseal(s.streamId);
      process.stdout.write(`${s.streamId} → ${copy.streamId} (${copy.events} events, sealed)\n`);
    }
    process.stdout.write(`resealed ${chosen.length} stream(s)\n`);
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
