import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { isolatedDatabase } from '#test/support/database';
import { EventStore } from '../event-store';
import { Checkpoints } from './checkpoints';

const metadata = { actor: { id: 'clerk', role: 'system' as const }, workflowId: 'wf', policyVersion: 1 };

describe('scheduled audit checkpoints (several workers)', () => {
  let db: Awaited<ReturnType<typeof isolatedDatabase>>;

  beforeAll(async () => {
    db = await isolatedDatabase('checkpoints');
    await new EventStore(db.ds).append(`note-${randomUUID()}`, 0, [{ eventId: randomUUID(), type: 'Noted', data: {}, metadata }]);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('takes one checkpoint a period however many workers try at once, and the next period its own', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const checkpoints = new Checkpoints(db.ds);
    const period = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    const tries = await Promise.all(Array.from({ length: 6 }, () => checkpoints.scheduled(privateKey, period)));
    expect(tries.filter((c) => c !== null)).toHaveLength(1);
    expect(await checkpoints.list()).toHaveLength(1);

    const next = new Date(period.getTime() + 60_000);
    const later = await Promise.all(Array.from({ length: 3 }, () => checkpoints.scheduled(privateKey, next, new Date(next.getTime() + 1000))));
    expect(later.filter((c) => c !== null)).toHaveLength(1);
    const all = await checkpoints.list();
    expect(all).toHaveLength(2);
    expect((await checkpoints.verifyAll()).every((v) => v.valid)).toBe(true);
  });
});
