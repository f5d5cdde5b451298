/** The one HTTP client of the web application: bearer token from the session, problem+json as ApiError. */
import { fieldErrorsOf, problemSentence, type Problem } from './problems';
import type { FieldErrors } from './forms';
import { clearSession, currentToken } from './session';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly fieldErrors: FieldErrors;
  constructor(problem: Problem) {
    super(problemSentence(problem));
    this.status = problem.status;
    this.problem = problem;
    this.fieldErrors = fieldErrorsOf(problem);
  }
}

let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const token = currentToken();
  const response = await fetch(`${API_BASE}${path}`, {
    method,
    headers: {
      accept: 'application/json, application/problem+json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem: Problem = parsed && typeof parsed === 'object' ? { ...(parsed as Problem), status: response.status } : { status: response.status };
    if (response.status === 401 && token) {
      clearSession();
      onUnauthorized();
    }
    throw new ApiError(problem);
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) => api<T>('POST', path, body ?? {}, headers);

/** "?a=1&b=2" from the given values, leaving out empty ones. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}
