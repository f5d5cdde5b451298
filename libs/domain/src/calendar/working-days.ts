import { DateTime, Duration } from 'luxon';
import calendarData from 'chinese-days/dist/chinese-days.json';
import { TimerSpec } from '../shared/timers';
import { CalendarBasis } from './calendar-basis';

/**
 * The mainland China working-day calendar: public holidays and make-up working days (调休) come from the
 * maintained `chinese-days` package's data, never from a list in this code. Years the data does not cover
 * yet (the State Council publishes each year's arrangement in the autumn before) fall back to Monday-Friday,
 * and every computed deadline says which basis it used.
 */
export const CHINA_ZONE = 'Asia/Shanghai';

const builtInHolidays = calendarData.holidays as Record<string, string>;
const builtInWorkdays = calendarData.workdays as Record<string, string>;
const builtInYears = new Set(Object.keys(builtInHolidays).map((day) => day.slice(0, 4)));

/** A year's arrangement as published by the district: its public holidays and the weekend days worked (调休). */
export interface CalendarYear {
  year: number;
  holidays: string[];
  workdays: string[];
}

/** Which days are worked: the built-in data, overridden year by year by what the district published. */
export interface WorkingCalendar {
  basisFor(day: string): CalendarBasis;
  isWorkingDay(day: string): boolean;
}

export function workingCalendar(published: readonly CalendarYear[] = []): WorkingCalendar {
  const years = new Map(published.map((y) => [String(y.year), { holidays: new Set(y.holidays), workdays: new Set(y.workdays) }]));
  return {
    basisFor(day) {
      const year = day.slice(0, 4);
      if (years.has(year)) return 'published';
      return builtInYears.has(year) ? 'chinese-days' : 'weekday-fallback';
    },
    isWorkingDay(day) {
      const own = years.get(day.slice(0, 4));
      if (own ? own.workdays.has(day) : builtInWorkdays[day]) return true;
      if (own ? own.holidays.has(day) : builtInHolidays[day]) return false;
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // a calendar date's weekday, whatever the zone
      return weekday >= 1 && weekday <= 5;
    },
  };
}

const BUILT_IN = workingCalendar();

export function calendarBasisFor(day: string, calendar: WorkingCalendar = BUILT_IN): CalendarBasis {
  return calendar.basisFor(day);
}

/** Is this local date (YYYY-MM-DD, China time) a working day? */
export function isWorkingDay(day: string, calendar: WorkingCalendar = BUILT_IN): boolean {
  return calendar.isWorkingDay(day);
}

/** The built-in arrangement of a year (from `chinese-days`), or null when the package does not cover it. */
export function builtInCalendarYear(year: number): CalendarYear | null {
  const prefix = `${year}-`;
  if (!builtInYears.has(String(year))) return null;
  return {
    year,
    holidays: Object.keys(builtInHolidays).filter((d) => d.startsWith(prefix)).sort(),
    workdays: Object.keys(builtInWorkdays).filter((d) => d.startsWith(prefix)).sort(),
  };
}

export interface Deadline {
  dueAt: string;
  basis: CalendarBasis;
}

/** The least certain basis of the days a deadline counted: weekdays only < published < chinese-days. */
function weaker(a: CalendarBasis, b: CalendarBasis): CalendarBasis {
  const rank: Record<CalendarBasis, number> = { 'weekday-fallback': 0, published: 1, 'chinese-days': 2 };
  return rank[a] <= rank[b] ? a : b;
}

/**
 * When a wait that starts at `from` ends. `{ workingDays: n }` ends at the close (24:00 China time) of the
 * n-th working day after the day `from` falls on; `{ iso }` adds the duration in China time.
 */
export function deadlineAfter(from: Date | string, spec: TimerSpec, calendar: WorkingCalendar = BUILT_IN): Deadline {
  const start = DateTime.fromJSDate(new Date(from), { zone: CHINA_ZONE });
  if ('iso' in spec) {
    const due = start.plus(Duration.fromISO(spec.iso));
    return { dueAt: due.toUTC().toISO()!, basis: calendar.basisFor(due.toISODate()!) };
  }
  if (spec.workingDays === 0) return { dueAt: start.toUTC().toISO()!, basis: calendar.basisFor(start.toISODate()!) };
  // Counted on calendar dates (plain date arithmetic), the zone applied once at the end.
  let day = start.toISODate()!;
  let counted = 0;
  let basis: CalendarBasis = 'chinese-days';
  while (counted < spec.workingDays) {
    day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    basis = weaker(basis, calendar.basisFor(day));
    if (calendar.isWorkingDay(day)) counted += 1;
  }
  return { dueAt: DateTime.fromISO(day, { zone: CHINA_ZONE }).plus({ days: 1 }).toUTC().toISO()!, basis };
}

/**
 * `deadlineAfter` for many starts at once (a report over every file), the same answers in constant time each: the
 * calendar's days are classified once, in a table that grows as starts need it, with running counts of working days
 * and of each basis, so the n-th working day after a start is a lookup. China time is UTC+8 all year (no daylight
 * saving since 1991), so a date's number and its midnight are exact arithmetic.
 */
export function deadlinesFrom(calendar: WorkingCalendar = BUILT_IN): (from: Date | string, spec: TimerSpec) => Deadline {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  let first = 0; // day number of index 0
  // Per day from `first`: working days up to and including it, and days counted on a weaker basis up to it.
  const worked: number[] = [];
  const fallback: number[] = [];
  const published: number[] = [];
  const workingDayAt: number[] = []; // index of the k-th working day (k from 0)
  const extendTo = (index: number) => {
    for (let i = worked.length; i <= index; i += 1) {
      const day = new Date((first + i) * DAY).toISOString().slice(0, 10);
      const basis = calendar.basisFor(day);
      const working = calendar.isWorkingDay(day);
      worked.push((worked[i - 1] ?? 0) + (working ? 1 : 0));
      fallback.push((fallback[i - 1] ?? 0) + (basis === 'weekday-fallback' ? 1 : 0));
      published.push((published[i - 1] ?? 0) + (basis === 'published' ? 1 : 0));
      if (working) workingDayAt.push(i);
    }
  };
  return (from, spec) => {
    if ('iso' in spec || spec.workingDays === 0) return deadlineAfter(from, spec, calendar);
    const start = Math.floor((new Date(from).getTime() + 8 * HOUR) / DAY);
    if (worked.length === 0 || start <= first) {
      // A start before the table: begin it a year earlier (starts come in any order; this happens a few times).
      first = start - 366;
      worked.length = fallback.length = published.length = workingDayAt.length = 0;
    }
    const s = start - first;
    if (worked.length <= s) extendTo(s);
    // The n-th working day after the start day: the first index whose running count reaches count(start) + n.
    const wanted = worked[s] + spec.workingDays;
    while (workingDayAt.length < wanted) extendTo(worked.length + Math.max(31, spec.workingDays * 2));
    const target = workingDayAt[wanted - 1];
    const counted = (running: number[]) => running[target] - running[s];
    const basis: CalendarBasis = counted(fallback) > 0 ? 'weekday-fallback' : counted(published) > 0 ? 'published' : 'chinese-days';
    return { dueAt: new Date((first + target + 1) * DAY - 8 * HOUR).toISOString(), basis };
  };
}

/**
 * What is wrong with a year's arrangement as an admin would publish it: dates must be real dates of that year,
 * each listed once, none both a holiday and a workday, and workdays (调休) are weekend days. Every problem listed.
 */
export function calendarYearProblems(year: number, holidays: readonly string[], workdays: readonly string[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const check = (list: readonly string[], name: 'holidays' | 'workdays') => {
    const seen = new Set<string>();
    list.forEach((day, i) => {
      const path = `${name}.${i}`;
      const date = DateTime.fromISO(day, { zone: CHINA_ZONE });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !date.isValid) return problems.push({ path, message: 'must be a real date YYYY-MM-DD' });
      if (date.year !== year) return problems.push({ path, message: `must be a date of ${year}` });
      if (seen.has(day)) return problems.push({ path, message: `${day} is listed twice` });
      seen.add(day);
      if (name === 'workdays' && date.weekday <= 5) problems.push({ path, message: `${day} is a weekday already: workdays (调休) are weekend days worked` });
      return undefined;
    });
  };
  check(holidays, 'holidays');
  check(workdays, 'workdays');
  const both = workdays.filter((d) => holidays.includes(d));
  if (both.length) problems.push({ path: 'workdays', message: `both a holiday and a workday: ${both.join(', ')}` });
  return problems;
}

/** Working days elapsed between two instants (whole days, China time), e.g. for the deadline clock. */
export function workingDaysBetween(from: Date | string, to: Date | string, calendar: WorkingCalendar = BUILT_IN): number {
  let day = DateTime.fromJSDate(new Date(from), { zone: CHINA_ZONE }).startOf('day');
  const end = DateTime.fromJSDate(new Date(to), { zone: CHINA_ZONE }).startOf('day');
  let count = 0;
  while (day < end) {
    day = day.plus({ days: 1 });
    if (calendar.isWorkingDay(day.toISODate()!)) count += 1;
  }
  return count;
}

/** The China-time calendar year of an instant. */
export function chinaYear(instant: Date | string): number {
  return Number(chinaDate(instant).slice(0, 4));
}

/** The China-time calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(instant: Date | string): string {
  return DateTime.fromJSDate(new Date(instant), { zone: CHINA_ZONE }).toISODate()!;
}
