/** The years a date in a form may plausibly name: births, certificates, contracts, deadlines. */
export const FORM_YEARS = { min: 1900, max: 2199 } as const;

/**
 * A calendar date written YYYY-MM-DD that exists (2026-02-30, 2026-13-45, 0000-00-00 and 2025-02-29 do not), with
 * ASCII digits only, in the years of FORM_YEARS.
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < FORM_YEARS.min || y > FORM_YEARS.max || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** A calendar month written YYYY-MM (01..12), in the years of FORM_YEARS. */
export function isCalendarMonth(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = /^([0-9]{4})-([0-9]{2})$/.exec(value);
  if (!match) return false;
  const [y, m] = [Number(match[1]), Number(match[2])];
  return y >= FORM_YEARS.min && y <= FORM_YEARS.max && m >= 1 && m <= 12;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
