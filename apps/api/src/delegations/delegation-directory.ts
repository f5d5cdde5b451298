import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '#domain';
import { DATA_SOURCE } from '#event-store';
import { Principal } from '../auth/principal';

/** Roles that can be delegated: staff work on queues, never an applicant's own rights or an auditor's reads. */
export const DELEGABLE_ROLES: Role[] = ['reviewer', 'expert', 'leadership', 'finance', 'employer'];

@Injectable()
export class DelegationDirectory {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** The caller with the queues and roles delegated to them that are in force now. */
  async effective(p: Principal): Promise<Principal & { delegatedBy?: string[] }> {
    const rows = (await this.ds.query(
      `SELECT delegator, roles, queues FROM delegations
       WHERE delegate = $1 AND revoked_at IS NULL AND now() >= valid_from AND now() < valid_until`,
      [p.sub],
    )) as { delegator: string; roles: Role[]; queues: string[] }[];
    if (rows.length === 0) return p;
    return {
      ...p,
      roles: [...new Set([...p.roles, ...rows.flatMap((r) => r.roles)])],
      queues: [...new Set([...p.queues, ...rows.flatMap((r) => r.queues)])],
      delegatedBy: rows.map((r) => r.delegator),
    };
  }
}
