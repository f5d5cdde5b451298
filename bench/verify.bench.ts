import { verifyAll, EventStore, EVENT_COLUMNS, EventDbRow, toStoredEvent } from '#event-store';
import { benchDatabase, fillStore, median, timed } from './support';

/**
 * verify: events/s of full-store chain verification vs plain read-and-parse of the same rows (same paging),
 * on a store filled through the real append path. Median of `repetitions`.
 */
export async function verifyBench(options: { events: number; repetitions: number }) {
  const db = await benchDatabase('verify');
  try {
    const perStream = 20;
    const streams = Math.ceil(options.events / perStream);
    const fill = await timed(() => fillStore(new EventStore(db.ds), streams, perStream, 10));
    const plain = async () => {
      let after: [string, number] = ['', 0];
      let n = 0;
      for (;;) {
        const rows = (await db.ds.query(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE (stream_id, version) > ($1, $2) ORDER BY stream_id, version LIMIT 5000`,
          after,
        )) as EventDbRow[];
        if (rows.length === 0) return n;
        for (const r of rows) toStoredEvent(r);
        n += rows.length;
        after = [rows[rows.length - 1].stream_id, rows[rows.length - 1].version];
      }
    };
    const verifyRates: number[] = [];
    const plainRates: number[] = [];
    let valid = true;
    for (let i = 0; i < options.repetitions; i += 1) {
      const v = await timed(() => verifyAll(db.ds));
      valid &&= v.result.valid;
      verifyRates.push(v.result.events / v.seconds);
      const p = await timed(plain);
      plainRates.push(p.result / p.seconds);
    }
    const verify = median(verifyRates);
    const baseline = median(plainRates);
    return {
      events: streams * perStream,
      fillEventsPerSecond: Math.round((streams * perStream) / fill.seconds),
      verifyEventsPerSecond: Math.round(verify),
      plainReadEventsPerSecond: Math.round(baseline),
      ratio: Number((verify / baseline).toFixed(3)),
      target: 0.5,
      valid,
    };
  } finally {
    await db.drop();
  }
}

if (require.main === module) {
  const events = Number(process.env.BENCH_VERIFY_EVENTS ?? 100_000);
  verifyBench({ events, repetitions: 3 })
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((err) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    });
}
