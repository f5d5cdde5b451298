import { Injectable } from '@nestjs/common';
import { Role } from '#domain';
import { Principal } from '../auth/principal';
import { DelegationsReadModel } from '../read-models/delegations.read-model';

/** Roles that can be delegated: staff work on queues, never an applicant's own rights or an auditor's reads. */
export const DELEGABLE_ROLES: Role[] = ['reviewer', 'expert', 'leadership', 'finance', 'employer'];

@Injectable()
export class DelegationDirectory {
  constructor(private readonly delegations: DelegationsReadModel) {}

  /** The caller with the queues and roles delegated to them that are in force now. */
  async effective(p: Principal): Promise<Principal & { delegatedBy?: string[] }> {
    const inForce = await this.delegations.inForceFor(p.sub);
    if (inForce.length === 0) return p;
    return {
      ...p,
      roles: [...new Set([...p.roles, ...inForce.flatMap((d) => d.roles as Role[])])],
      queues: [...new Set([...p.queues, ...inForce.flatMap((d) => d.queues)])],
      delegatedBy: inForce.map((d) => d.from),
    };
  }
}
