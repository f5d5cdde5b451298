import type { FieldError } from '../problem/problem';

/**
 * Control characters have no place in what people type (tabs and line breaks excepted), and NUL cannot even be
 * stored in PostgreSQL text or jsonb: requests carrying them are refused with 400 before anything reads them.
 */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const MESSAGE = 'must not contain control characters';

/** Every string (and key) below `value` that holds a control character, by its dotted path. */
export function controlCharacterErrors(value: unknown, path = '', out: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    if (CONTROL_CHARACTERS.test(value)) out.push({ path: path || '(value)', message: `${path || 'value'} ${MESSAGE}` });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => controlCharacterErrors(item, path ? `${path}.${i}` : String(i), out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (CONTROL_CHARACTERS.test(key)) out.push({ path: at, message: `field names ${MESSAGE}` });
      else controlCharacterErrors(item, at, out);
    }
  }
  return out;
}
