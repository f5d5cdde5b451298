import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { FieldError } from '../problem/problem';

/** Namespace for ids derived from (caller, Idempotency-Key). */
const IDEMPOTENCY_NAMESPACE = '6f1c1a52-5b0e-4d4e-9a57-2f7d8f3c2b10';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** The problem with an Idempotency-Key header, if it has one (absent is fine). */
export function idempotencyKeyProblem(key: string | undefined): FieldError | null {
  return key !== undefined && !IDEMPOTENCY_KEY.test(key) ? { path: 'header.Idempotency-Key', message: 'Idempotency-Key must be 1 to 128 letters, digits or . _ : -' } : null;
}

/**
 * The id of what a request creates: derived from the caller, the Idempotency-Key and what it is for (`scope`), so a
 * retry names the same thing; a random one without a key.
 */
export function idempotentId(caller: string, key: string | undefined, scope?: string): string {
  if (!key) return randomUUID();
  return uuidv5(scope ? `${caller}\n${key}\n${scope}` : `${caller}\n${key}`, IDEMPOTENCY_NAMESPACE);
}
