import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '#domain';
import { DATA_SOURCE } from '#event-store';

/** A delegation as the API shows it. */
export interface DelegationView {
  id: string;
  from: string;
  to: string;
  roles: string[];
  queues: string[];
  validFrom: string;
  validUntil: string;
  reason: string;
  revokedAt?: string;
}

interface Row {
  id: string;
  delegator: string;
  delegate: string;
  roles: Role[];
  queues: string[];
  valid_from: Date;
  valid_until: Date;
  reason: string;
  revoked_at: Date | null;
}

/** The `delegations` read model (委托, projected from the `delegation-<id>` streams). */
@Injectable()
export class DelegationsReadModel {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  /** The delegations to this person in force now (not revoked, within their period). */
  async inForceFor(delegate: string): Promise<DelegationView[]> {
    const rows = (await this.ds.query(
      `SELECT * FROM delegations WHERE delegate = $1 AND revoked_at IS NULL AND now() >= valid_from AND now() < valid_until`,
      [delegate],
    )) as Row[];
    return rows.map(view);
  }

  /** The delegations this person gave or received, newest first. */
  async givenOrReceived(sub: string): Promise<DelegationView[]> {
    const rows = (await this.ds.query(`SELECT * FROM delegations WHERE delegator = $1 OR delegate = $1 ORDER BY valid_from DESC`, [sub])) as Row[];
    return rows.map(view);
  }

  async byId(id: string): Promise<DelegationView | null> {
    const [row] = (await this.ds.query(`SELECT * FROM delegations WHERE id = $1`, [id])) as Row[];
    return row ? view(row) : null;
  }
}

function view(r: Row): DelegationView {
  return {
    id: r.id,
    from: r.delegator,
    to: r.delegate,
    roles: r.roles,
    queues: r.queues,
    validFrom: r.valid_from.toISOString(),
    validUntil: r.valid_until.toISOString(),
    reason: r.reason,
    ...(r.revoked_at ? { revokedAt: r.revoked_at.toISOString() } : {}),
  };
}
