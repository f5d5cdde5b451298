/** The signed-in person: the token lives in sessionStorage (never in a URL); claims are read from it. */
import { reactive } from 'vue';

const KEY = 'talentflow.token';

export interface Claims {
  sub: string;
  roles: string[];
  name?: string;
  idNumber?: string;
  orgCode?: string;
  queues?: string[];
  towns?: string[];
  /** A reporter's department (区科技局…). */
  department?: string;
}

export const session = reactive<{ token: string | null; claims: Claims | null }>({ token: null, claims: null });

export function decodeClaims(token: string): Claims | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = decodeURIComponent(
      atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
        .split('')
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    const claims = JSON.parse(json) as Claims;
    return typeof claims.sub === 'string' && Array.isArray(claims.roles) ? claims : null;
  } catch {
    return null;
  }
}

export function setSession(token: string): void {
  sessionStorage.setItem(KEY, token);
  session.token = token;
  session.claims = decodeClaims(token);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  session.token = null;
  session.claims = null;
}

export function restoreSession(): void {
  const token = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(KEY);
  if (token) {
    session.token = token;
    session.claims = decodeClaims(token);
  }
}

export function currentToken(): string | null {
  return session.token;
}

export function hasRole(role: string): boolean {
  return session.claims?.roles.includes(role) ?? false;
}

/** Staff work from the task list; applicants from their applications. */
export function homePath(): string {
  const roles = session.claims?.roles ?? [];
  if (roles.includes('applicant') && roles.length === 1) return '/applications';
  // Auditors start at 审计, administrators at 系统管理 (a person with both at 审计).
  if (roles.includes('auditor') && roles.every((r) => r === 'auditor' || r === 'admin')) return '/audit';
  if (roles.every((r) => r === 'admin')) return '/admin';
  if (roles.every((r) => r === 'reporter')) return '/indicators';
  return '/tasks';
}
