import { ERASED_TEXT } from './personal-fields';
/**
 * Chinese identity checks as pure functions:
 * - resident identity number, GB 11643-1999 (18 characters, ISO 7064 MOD 11-2 check character, real birth date);
 * - Unified Social Credit Code, GB 32100-2015 (18 characters, base-31 check character, and the embedded
 *   9-character organisation code with its own GB 11714 check character).
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Birth date (YYYY-MM-DD) embedded in a resident ID number, or null if it is not a real date. */
export function birthDateOf(idNumber: string): string | null {
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  if (y < 1900) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

export function isValidIdNumber(value: unknown, today: Date = new Date()): value is string {
  if (typeof value !== 'string' || !/^\d{17}[\dX]$/.test(value)) return false;
  const birth = birthDateOf(value);
  if (!birth || birth > today.toISOString().slice(0, 10)) return false;
  return idNumberCheckChar(value.slice(0, 17)) === value[17];
}

/** Shows the first 3 and last 4 characters, as the district's privacy rule asks. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber === ERASED_TEXT) return ERASED_TEXT;
  if (idNumber.length <= 7) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

/** Age in whole years on a given day (YYYY-MM-DD). */
export function ageOn(idNumber: string, day: string): number | null {
  const birth = birthDateOf(idNumber);
  if (!birth) return null;
  let age = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  if (day.slice(5) < birth.slice(5)) age -= 1;
  return age;
}

// GB 32100: characters 0-9 A-H J-N P-R T-U W-Y (no I O Z S V), values 0..30.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
// GB 11714 organisation code: 8 body characters (digits or letters), weights, MOD 11.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_CHARS.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

function orgCodeValue(ch: string): number {
  if (/\d/.test(ch)) return Number(ch);
  return ch.charCodeAt(0) - 55; // A=10 … Z=35
}

export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += orgCodeValue(body8[i]) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function isValidUscc(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 18) return false;
  if (![...value].every((ch) => USCC_CHARS.includes(ch))) return false;
  if (!/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}/.test(value)) return false;
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) return false;
  const org = value.slice(8, 17);
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(org)) return false;
  return orgCodeCheckChar(org.slice(0, 8)) === org[8];
}

/** A name for public notices (公示): the surname kept, the given name masked (张三 → 张*). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
