import { Role } from '../shared/programs';

/** 委托: a person lets a stand-in act on some of their queues, in some of their roles, for a period. */
export type DelegationEvent =
  | {
      type: 'DelegationGranted';
      data: { delegationId: string; from: string; to: string; roles: Role[]; queues: string[]; validFrom: string; validUntil: string; reason: string };
    }
  | { type: 'DelegationRevoked'; data: { delegationId: string; by: string } };

export function delegationStreamId(delegationId: string): string {
  return `delegation-${delegationId}`;
}
