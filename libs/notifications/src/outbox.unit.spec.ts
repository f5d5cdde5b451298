import { retryDelayMs } from './outbox';

describe('outbox retries', () => {
  const o = { baseDelayMs: 30_000, maxDelayMs: 3_600_000 };
  it('waits twice as long after each failure, up to the cap, with ±20 % jitter', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, o, middle))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20, o, middle)).toBe(3_600_000);
    expect(retryDelayMs(1, o, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, o, () => 1)).toBe(36_000);
  });
});
