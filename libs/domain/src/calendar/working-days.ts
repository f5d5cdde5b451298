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

const holidays = calendarData.holidays as Record<string, string>;
const makeUpWorkdays = calendarData.workdays as Record<string, string>;
const coveredYears = new Set(Object.keys(holidays).map((day) => day.slice(0, 4)));


export function calendarBasisFor(day: string): CalendarBasis {
  return coveredYears.has(day.slice(0, 4)) ? 'chinese-days' : 'weekday-fallback';
}

/** Is this local date (YYYY-MM-DD, China time) a working day? */
export function isWorkingDay(day: string): boolean {
  if (makeUpWorkdays[day]) return true;
  if (holidays[day]) return false;
  const weekday = DateTime.fromISO(day, { zone: CHINA_ZONE }).weekday; // 1 = Monday … 7 = Sunday
  return weekday <= 5;
}

export interface Deadline {
  dueAt: string;
  basis: CalendarBasis;
}

/**
 * When a wait that starts at `from` ends. `{ workingDays: n }` ends at the close (24:00 China time) of the
 * n-th working day after the day `from` falls on; `{ iso }` adds the duration in China time.
 */
export function deadlineAfter(from: Date | string, spec: TimerSpec): Deadline {
  const start = DateTime.fromJSDate(new Date(from), { zone: CHINA_ZONE });
  if ('iso' in spec) {
    const due = start.plus(Duration.fromISO(spec.iso));
    return { dueAt: due.toUTC().toISO()!, basis: calendarBasisFor(due.toISODate()!) };
  }
  if (spec.workingDays === 0) return { dueAt: start.toUTC().toISO()!, basis: calendarBasisFor(start.toISODate()!) };
  let day = start.startOf('day');
  let counted = 0;
  let basis: CalendarBasis = 'chinese-days';
  while (counted < spec.workingDays) {
    day = day.plus({ days: 1 });
    const iso = day.toISODate()!;
    if (calendarBasisFor(iso) === 'weekday-fallback') basis = 'weekday-fallback';
    if (isWorkingDay(iso)) counted += 1;
  }
  return { dueAt: day.plus({ days: 1 }).toUTC().toISO()!, basis };
}

/** Working days elapsed between two instants (whole days, China time), e.g. for the deadline clock. */
export function workingDaysBetween(from: Date | string, to: Date | string): number {
  let day = DateTime.fromJSDate(new Date(from), { zone: CHINA_ZONE }).startOf('day');
  const end = DateTime.fromJSDate(new Date(to), { zone: CHINA_ZONE }).startOf('day');
  let count = 0;
  while (day < end) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day.toISODate()!)) count += 1;
  }
  return count;
}

/** The China-time calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(instant: Date | string): string {
  return DateTime.fromJSDate(new Date(instant), { zone: CHINA_ZONE }).toISODate()!;
}
