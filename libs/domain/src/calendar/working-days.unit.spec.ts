import { calendarYearProblems, chinaDate, deadlineAfter, deadlinesFrom, isWorkingDay, workingCalendar, workingDaysBetween } from './working-days';

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

  describe('a year the district published (POST /admin/calendars/:year)', () => {
    // 2031 is not in the built-in data: Friday 2031-01-03 + 1 working day is Monday 6 January on weekdays.
    const published = workingCalendar([{ year: 2031, holidays: ['2031-01-06'], workdays: ['2031-01-11'] }]);

    it('counts on the published holidays and 调休 workdays, and says so', () => {
      expect(deadlineAfter('2031-01-03T02:00:00.000Z', { workingDays: 1 })).toEqual({ dueAt: '2031-01-06T16:00:00.000Z', basis: 'weekday-fallback' });
      expect(deadlineAfter('2031-01-03T02:00:00.000Z', { workingDays: 1 }, published)).toEqual({ dueAt: '2031-01-07T16:00:00.000Z', basis: 'published' });
      expect(isWorkingDay('2031-01-11', published)).toBe(true); // a Saturday worked
      expect(isWorkingDay('2031-01-11')).toBe(false);
      // A wait that runs from a published year into one that is not is as uncertain as its weakest day.
      const intoNextYear = workingCalendar([{ year: 2031, holidays: [], workdays: [] }]);
      expect(deadlineAfter('2031-12-30T02:00:00.000Z', { workingDays: 5 }, intoNextYear).basis).toBe('weekday-fallback');
      // The built-in years stay as they are unless published anew.
      expect(deadlineAfter('2026-11-27T02:00:00.000Z', { workingDays: 5 }, published)).toEqual({ dueAt: '2026-12-04T16:00:00.000Z', basis: 'chinese-days' });
    });

    it('lists every problem of an arrangement: impossible or foreign dates, duplicates, weekday 调休, overlap', () => {
      expect(calendarYearProblems(2031, ['2031-01-01', '2031-02-30', '2030-12-31', '2031-01-01'], ['2031-01-06', '2031-01-11', '2031-01-01'])).toEqual([
        { path: 'holidays.1', message: 'must be a real date YYYY-MM-DD' },
        { path: 'holidays.2', message: 'must be a date of 2031' },
        { path: 'holidays.3', message: '2031-01-01 is listed twice' },
        { path: 'workdays.0', message: '2031-01-06 is a weekday already: workdays (调休) are weekend days worked' },
        { path: 'workdays.2', message: '2031-01-01 is a weekday already: workdays (调休) are weekend days worked' },
        { path: 'workdays', message: 'both a holiday and a workday: 2031-01-01' },
      ]);
      expect(calendarYearProblems(2031, ['2031-01-01'], ['2031-01-11'])).toEqual([]);
    });
  });
});

describe('deadlines for many starts at once (deadlinesFrom, the assessment report)', () => {
  it('gives exactly what deadlineAfter gives, for starts in any order, any hour, lengths and calendar bases', () => {
    // A published year with its own holidays, the built-in years, and years neither covers (weekdays only).
    const calendar = workingCalendar([{ year: 2026, holidays: ['2026-10-01', '2026-10-02', '2026-10-05'], workdays: ['2026-10-10'] }]);
    const many = deadlinesFrom(calendar);
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const from = Date.UTC(2019, 0, 1);
    const to = Date.UTC(2031, 0, 1);
    const bases = new Set<string>();
    for (let i = 0; i < 3000; i += 1) {
      const start = new Date(from + Math.floor(random() * (to - from)));
      const spec = { workingDays: [1, 5, 10, 15, 20, 60][Math.floor(random() * 6)] };
      const expected = deadlineAfter(start, spec, calendar);
      expect(many(start, spec)).toEqual(expected);
      bases.add(expected.basis);
    }
    expect([...bases].sort()).toEqual(['chinese-days', 'published', 'weekday-fallback']);
    // Midnight boundaries in China time: 23:59 and 00:00 are different days.
    for (const instant of ['2026-09-30T15:59:59.999Z', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']) {
      expect(many(instant, { workingDays: 3 })).toEqual(deadlineAfter(instant, { workingDays: 3 }, calendar));
    }
  });
});
