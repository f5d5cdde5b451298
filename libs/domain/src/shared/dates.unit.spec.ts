import { isCalendarDate, isCalendarMonth } from './dates';

describe('isCalendarDate', () => {
  it.each(['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31', '1900-01-01'])('accepts %s', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each([
    '2026-02-30', // no 30 February
    '2026-13-45', // month 13
    '0000-00-00',
    '2025-02-29', // not a leap year
    '1900-02-29', // century, not a leap year
    '2026-00-10',
    '2026-04-31',
    '2026-1-05',
    '２０２６-０１-０５', // full-width digits
    '2026-01-05T00:00:00Z',
    '1899-12-31',
    '2200-01-01',
    '',
  ])('refuses %s', (d) => expect(isCalendarDate(d)).toBe(false));
  it('refuses what is not a string', () => {
    for (const v of [20260105, null, undefined, {}, ['2026-01-05']]) expect(isCalendarDate(v)).toBe(false);
  });
});

describe('isCalendarMonth', () => {
  it.each(['2026-01', '2026-12'])('accepts %s', (m) => expect(isCalendarMonth(m)).toBe(true));
  it.each(['2026-00', '2026-13', '0000-00', '2026-1', '２０２６-０１', '2026-01-01'])('refuses %s', (m) => expect(isCalendarMonth(m)).toBe(false));
});
