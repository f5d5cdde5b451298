import { describe, expect, it } from '@jest/globals';
import { fenToYuan, yuanToFen } from './money';

describe('money in 元 and fen', () => {
  it('shows fen as 元 with two decimals', () => {
    expect(fenToYuan(200000)).toBe('2,000.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(600_000_000)).toBe('6,000,000.00');
  });
  it('reads typed 元 as integer fen, and refuses what is not an amount', () => {
    expect(yuanToFen('1234.5')).toBe(123450);
    expect(yuanToFen('1,234.56')).toBe(123456);
    expect(yuanToFen(' 6000000 ')).toBe(600_000_000);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen('')).toBeNull();
  });
  it('round-trips', () => {
    for (const fen of [1, 99, 100, 123456789]) expect(yuanToFen(fenToYuan(fen))).toBe(fen);
  });
});
