import { DateTime } from 'luxon';
import { CHINA_ZONE } from '../calendar/working-days';
import { CLOSED_STATUSES, ApplicationStatus } from './programs';

/** How long records are kept after an application closes (financial records: 10 years), unless the policy says. */
export const DEFAULT_RETENTION_YEARS = 10;

export function retentionYearsOf(policy: { retention?: { years: number } }): number {
  return policy.retention?.years ?? DEFAULT_RETENTION_YEARS;
}

/** An application of the person whose data is to be erased, as the decision needs it. */
export interface ErasureCandidate {
  id: string;
  status: ApplicationStatus;
  /** When it closed (completed, or decided when it closed with the decision). */
  closedAt?: string;
  /** An open or requested 复核 keeps the file alive until it is decided or its window passes. */
  reconsideration?: { status: string; dueAt: string };
  retentionYears: number;
}

export type ErasureVerdict =
  | { allowed: true }
  | { allowed: false; code: 'SUBJECT.NOT_CLOSED'; open: string[] }
  | { allowed: false; code: 'SUBJECT.RETENTION'; possibleFrom: string };

/**
 * PIPL Art. 47 after the retention period: a person's data may be erased only once every application of theirs
 * is closed (a final status, no 复核 still possible) and the retention period of the policy each was decided under
 * has passed since it closed. Answers when it becomes possible, if it is not yet.
 */
/** Whether a file may still change: not in a final status, or a 复核 asked for or still possible. */
export function fileIsOpen(a: Pick<ErasureCandidate, 'status' | 'closedAt' | 'reconsideration'>, now: Date): boolean {
  if (!CLOSED_STATUSES.includes(a.status) || !a.closedAt) return true;
  const r = a.reconsideration;
  return !!r && (r.status === 'requested' || (r.status === 'open' && Date.parse(r.dueAt) > now.getTime()));
}

export function erasureVerdict(apps: readonly ErasureCandidate[], now: Date): ErasureVerdict {
  const open = apps.filter((a) => fileIsOpen(a, now));
  if (open.length) return { allowed: false, code: 'SUBJECT.NOT_CLOSED', open: open.map((a) => a.id) };
  const possible = apps
    .map((a) => {
      const closed = DateTime.fromISO(a.reconsideration && Date.parse(a.reconsideration.dueAt) > Date.parse(a.closedAt!) ? a.reconsideration.dueAt : a.closedAt!, { zone: CHINA_ZONE });
      return closed.plus({ years: a.retentionYears });
    })
    .reduce<DateTime | null>((latest, d) => (!latest || d > latest ? d : latest), null);
  if (possible && possible.toMillis() > now.getTime()) return { allowed: false, code: 'SUBJECT.RETENTION', possibleFrom: possible.toUTC().toISO()! };
  return { allowed: true };
}
