import { ageOn, birthDateOf, isValidIdNumber, isValidUscc, maskIdNumber } from './identity';

describe('resident ID number (GB 11643)', () => {
  it("accepts the standard's example and rejects a wrong check character", () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('rejects impossible birth dates, future births, and wrong shapes', () => {
    expect(birthDateOf('110105194902300020')).toBeNull(); // 30 February
    expect(isValidIdNumber('110105209912310023', new Date('2026-11-27'))).toBe(false);
    expect(isValidIdNumber('11010519491231002x')).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
    expect(isValidIdNumber(11010519491231002)).toBe(false);
  });

  it('masks all but the first 3 and last 4 characters, and computes age on a day', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(ageOn('11010519491231002X', '2026-12-30')).toBe(76);
    expect(ageOn('11010519491231002X', '2026-12-31')).toBe(77);
  });
});

describe('Unified Social Credit Code (GB 32100)', () => {
  it('accepts published codes and checks the embedded organisation code too', () => {
    for (const code of ['914403001922038216', '9144030071526726XG', '91330100716105852F']) expect(isValidUscc(code)).toBe(true);
    expect(isValidUscc('914403001922038217')).toBe(false); // check character
    expect(isValidUscc('91440300192203821O')).toBe(false); // O is not in the alphabet
    expect(isValidUscc('9144030019220382')).toBe(false);
  });
});
