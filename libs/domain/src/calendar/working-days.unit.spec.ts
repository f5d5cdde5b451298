import { chinaDate, deadlineAfter, isWorkingDay, workingDaysBetween } from './working-days';

describe('working-day calendar (chinese-days data)', () => {
  it('knows holidays and make-up working days (调休), not just weekends', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false); // National Day, a Thursday
    expect(isWorkingDay('2026-10-10')).toBe(true); // a Saturday worked in exchange
    expect(isWorkingDay('2026-11-27')).toBe(true); // an ordinary Friday
    expect(isWorkingDay('2026-11-28')).toBe(false);
  });

  it('ends a wait of n working days at midnight China time after the n-th working day', () => {
    // Friday 2026-11-27 10:00 in Beijing: 5 working days are Mon 30 Nov … Fri 4 Dec.
    const due = deadlineAfter('2026-11-27T02:00:00.000Z', { workingDays: 5 });
    expect(due).toEqual({ dueAt: '2026-12-04T16:00:00.000Z', basis: 'chinese-days' });
    // Across the National Day week: 2026-09-30 (Wed) + 3 working days skips 1-7 October.
    expect(deadlineAfter('2026-09-30T02:00:00.000Z', { workingDays: 3 }).dueAt).toBe('2026-10-10T16:00:00.000Z');
  });

  it('adds ISO durations in China time and says when the data runs out', () => {
    expect(deadlineAfter('2026-01-31T00:00:00.000Z', { iso: 'P1M' }).dueAt).toBe('2026-02-28T00:00:00.000Z');
    expect(deadlineAfter('2026-11-27T00:00:00.000Z', { iso: 'PT30M' }).dueAt).toBe('2026-11-27T00:30:00.000Z');
    expect(deadlineAfter('2030-03-01T00:00:00.000Z', { workingDays: 2 }).basis).toBe('weekday-fallback');
  });

  it('counts working days between instants and converts to the China date', () => {
    expect(workingDaysBetween('2026-11-27T02:00:00.000Z', '2026-12-04T02:00:00.000Z')).toBe(5);
    expect(chinaDate('2026-11-27T17:00:00.000Z')).toBe('2026-11-28');
  });
});
