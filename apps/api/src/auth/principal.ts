import type { Role, TaskActor } from '#domain';

/** The caller, as the verified token says. */
export interface Principal {
  sub: string;
  roles: Role[];
  name?: string;
  idNumber?: string;
  orgCode?: string;
  /** A reporter's department (区科技局…): the indicators it answers for. */
  department?: string;
  /** Where notifications go (the token's `email` and `phone`/`phone_number` claims). */
  email?: string;
  phone?: string;
  queues: string[];
  towns: string[];
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}

export function taskActor(p: Principal): TaskActor {
  return { id: p.sub, roles: p.roles, queues: p.queues, ...(p.orgCode ? { orgCode: p.orgCode } : {}) };
}

/** Queues whose tasks the caller may see: their own, and for a lead (`<queue>-lead`) the queue they lead. */
export function scopeQueues(p: Principal): string[] {
  return [...new Set([...p.queues, ...p.queues.filter((q) => q.endsWith('-lead')).map((q) => q.slice(0, -'-lead'.length))])];
}
