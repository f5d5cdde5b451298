import { EntityManager } from 'typeorm';
import type { StreamEvent } from '#domain';
import { DelegationEvent } from '#domain';
import { InlineProjection, StoredEvent } from '../event-store';

/** Keeps the `delegations` read model in the append's transaction. */
export class DelegationProjection implements InlineProjection {
  async apply(m: EntityManager, streamId: string, events: readonly StoredEvent[]): Promise<void> {
    if (!streamId.startsWith('delegation-')) return;
    for (const event of events as readonly StreamEvent<DelegationEvent>[]) {
      switch (event.type) {
        case 'DelegationGranted': {
          const d = event.data;
          await m.query(
            `INSERT INTO delegations (id, delegator, delegate, roles, queues, valid_from, valid_until, reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [d.delegationId, d.from, d.to, d.roles, d.queues, d.validFrom, d.validUntil, d.reason],
          );
          break;
        }
        case 'DelegationRevoked':
          await m.query(`UPDATE delegations SET revoked_at = $2, revoked_by = $3 WHERE id = $1`, [
            event.data.delegationId,
            event.recordedAt,
            event.data.by,
          ]);
          break;
        default: {
          const unknown: never = event;
          throw new Error(`unknown delegation event ${(unknown as { type: string }).type}`);
        }
      }
    }
  }
}
