/** Client-side checks that mirror the API's validators (the API checks again; these only spare a round trip). */
export { isValidIdNumber, isValidUscc } from '../../../../libs/domain/src/shared/identity';

/** A real calendar date typed as YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
