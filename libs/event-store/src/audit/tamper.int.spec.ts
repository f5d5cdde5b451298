import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { isolatedDatabase } from '#test/support/database';
import { EventStore, NewEvent } from '../event-store';
import { eventHash } from '../hash-chain';
import { Checkpoints } from './checkpoints';
import { verifyAll } from './verify-all';
import { runAuditCommand } from '../cli/audit';

const metadata = { actor: { id: 'clerk', role: 'system' as const }, workflowId: 'wf', policyVersion: 1 };
const batch = (): NewEvent[] => Array.from({ length: 5 }, (_, i) => ({ eventId: randomUUID(), type: 'Noted', data: { i }, metadata }));

/** Tampering goes through SQL, as a rogue administrator would, with the append-only trigger bypassed. */
async function tamper(ds: DataSource, ...statements: [string, unknown[]][]): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`SET LOCAL session_replication_role = replica`);
    for (const [sql, params] of statements) await runner.query(sql, params);
    await runner.commitTransaction();
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  } finally {
    await runner.release();
  }
}

describe('tampering with the event log is detected', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;
  let store: EventStore;
  let honest: string;

  beforeAll(async () => {
    db = await isolatedDatabase('tamper');
    store = new EventStore(db.ds);
    honest = `application-${randomUUID()}`;
    await store.append(honest, 0, batch());
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function stream(): Promise<string> {
    const id = `application-${randomUUID()}`;
    await store.append(id, 0, batch());
    return id;
  }

  async function expectCaught(streamId: string, version: number) {
    expect(await store.verifyStream(streamId)).toMatchObject({ valid: false, firstInvalidVersion: version });
    const all = await verifyAll(db.ds, { pageSize: 7 });
    expect(all.valid).toBe(false);
    expect(all.invalidStreams).toEqual(expect.arrayContaining([expect.objectContaining({ streamId, firstInvalidVersion: version })]));
    expect(all.invalidStreams.map((s) => s.streamId)).not.toContain(honest);
  }

  it('an edited event, also by `npm run audit -- verify` (progress shown, exit 1)', async () => {
    const clean = { out: '', err: '' };
    expect(await runAuditCommand('verify', db.ds, { out: (t) => (clean.out += t), err: (t) => (clean.err += t) })).toBe(0);
    const s = await stream();
    await tamper(db.ds, [`UPDATE events SET data = '{"i": 99}' WHERE stream_id = $1 AND version = 3`, [s]]);
    await expectCaught(s, 3);
    const broken = { out: '', err: '' };
    expect(await runAuditCommand('verify', db.ds, { out: (t) => (broken.out += t), err: (t) => (broken.err += t) })).toBe(1);
    expect(broken.err).toMatch(/verified \d+\/\d+ events \(100\.0%\)/);
    expect(JSON.parse(broken.out).invalidStreams).toEqual([expect.objectContaining({ streamId: s, firstInvalidVersion: 3 })]);
  });

  it('a deleted event in the middle, and a deleted last event', async () => {
    const s = await stream();
    await tamper(db.ds, [`DELETE FROM events WHERE stream_id = $1 AND version = 3`, [s]]);
    await expectCaught(s, 3);
    const t = await stream();
    await tamper(db.ds, [`DELETE FROM events WHERE stream_id = $1 AND version = 5`, [t]]);
    await expectCaught(t, 5);
  });

  it('two events whose versions were swapped', async () => {
    const s = await stream();
    await tamper(
      db.ds,
      [`UPDATE events SET version = 1000 WHERE stream_id = $1 AND version = 2`, [s]],
      [`UPDATE events SET version = 2 WHERE stream_id = $1 AND version = 3`, [s]],
      [`UPDATE events SET version = 3 WHERE stream_id = $1 AND version = 1000`, [s]],
    );
    await expectCaught(s, 2);
  });

  it('an edited event whose own hash was recomputed', async () => {
    const s = await stream();
    const [e] = await store.readStream(s, { toVersion: 3 }).then((es) => es.slice(2));
    const forged = { ...e, data: { i: 1000 } };
    await tamper(db.ds, [`UPDATE events SET data = $2, hash = $3 WHERE event_id = $1`, [e.eventId, JSON.stringify(forged.data), eventHash(forged)]]);
    await expectCaught(s, 3);
  });

  it('a rewrite that recomputes the whole chain and the head is caught by an earlier signed checkpoint', async () => {
    const s = await stream();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const checkpoints = new Checkpoints(db.ds);
    const kept = await checkpoints.create(privateKey);
    expect(await checkpoints.verify(kept)).toMatchObject({ valid: true });

    const events = await store.readStream(s);
    let prevHash = events[0].hash;
    const statements: [string, unknown[]][] = [];
    for (const e of events.slice(1)) {
      const rewritten = { ...e, data: e.version === 2 ? { i: 'forged' } : e.data, prevHash };
      const hash = eventHash(rewritten);
      statements.push([`UPDATE events SET data = $2, prev_hash = $3, hash = $4 WHERE event_id = $1`, [e.eventId, JSON.stringify(rewritten.data), prevHash, hash]]);
      prevHash = hash;
    }
    statements.push([`UPDATE streams SET head_hash = $2 WHERE stream_id = $1`, [s, prevHash]]);
    await tamper(db.ds, ...statements);

    expect(await store.verifyStream(s)).toMatchObject({ valid: true }); // the chain alone is fooled …
    const verdict = await checkpoints.verify(kept, publicKey.export({ type: 'spki', format: 'pem' }).toString());
    expect(verdict).toMatchObject({ valid: false, signatureValid: true, rootMatches: false }); // … the checkpoint is not
  });

  it('a checkpoint whose statement was altered fails its signature', async () => {
    const checkpoints = new Checkpoints(db.ds);
    const { privateKey } = generateKeyPairSync('ed25519');
    const kept = await checkpoints.create(privateKey);
    expect(await checkpoints.verify({ ...kept, eventCount: kept.eventCount + 1 })).toMatchObject({ valid: false, signatureValid: false });
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await checkpoints.verify(kept, other)).toMatchObject({ valid: false, signatureValid: false });
  });
});
