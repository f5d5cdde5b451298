import { defaultPayloadConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.IHistory;

export interface StoredEventRef {
  eventId: string;
  version: number;
  hash: string;
}

export interface CrossCheck {
  consistent: boolean;
  storedEvents: number;
  appendedInHistory: number;
  /** Appends the history recorded as completed whose events are not in the store. */
  missingFromStore: string[];
  /** Stored events no completed append in the history accounts for. */
  missingFromHistory: string[];
  /** Same event id, different version or hash. */
  mismatched: string[];
}

/**
 * Confirms that every stored event of an application matches an `appendEvents` activity (or local activity)
 * that the workflow's Temporal history records as completed, and vice versa. Its result is what the store
 * returned. Payloads are decoded with `codec` first (they are encrypted on the wire and in the history).
 */
export async function crossCheck(histories: readonly History[], stored: readonly StoredEventRef[], codec?: PayloadCodec): Promise<CrossCheck> {
  const appended = new Map<string, { version: number; hash: string }>();
  const read = async <T>(payload: unknown): Promise<T | undefined> => {
    if (!payload) return undefined;
    const [plain] = codec ? await codec.decode([payload as Payload]) : [payload as Payload];
    return defaultPayloadConverter.fromPayload(plain) as T;
  };
  for (const history of histories) {
    const scheduled = new Map<string, string>();
    for (const event of history.events ?? []) {
      const s = event.activityTaskScheduledEventAttributes;
      if (s) scheduled.set(String(event.eventId), s.activityType?.name ?? '');
      const record = async (payload: unknown) => {
        for (const e of (await read<StoredEventRef[]>(payload)) ?? []) appended.set(e.eventId, { version: e.version, hash: e.hash });
      };
      const c = event.activityTaskCompletedEventAttributes;
      if (c && scheduled.get(String(c.scheduledEventId)) === 'appendEvents') await record(c.result?.payloads?.[0]);
      // Appends run as local activities since the `local-core-activities` patch: a marker holds their result.
      const m = event.markerRecordedEventAttributes;
      if (m?.markerName === 'core_local_activity') {
        const info = (await read<{ activity_type?: string }>(m.details?.data?.payloads?.[0])) ?? {};
        if (info.activity_type === 'appendEvents') await record(m.details?.result?.payloads?.[0]);
      }
    }
  }
  const storedById = new Map(stored.map((e) => [e.eventId, e]));
  const missingFromStore = [...appended.keys()].filter((id) => !storedById.has(id));
  const missingFromHistory = stored.filter((e) => !appended.has(e.eventId)).map((e) => e.eventId);
  const mismatched = stored
    .filter((e) => appended.has(e.eventId))
    .filter((e) => appended.get(e.eventId)!.version !== e.version || appended.get(e.eventId)!.hash !== e.hash)
    .map((e) => e.eventId);
  return {
    consistent: missingFromStore.length === 0 && missingFromHistory.length === 0 && mismatched.length === 0,
    storedEvents: stored.length,
    appendedInHistory: appended.size,
    missingFromStore,
    missingFromHistory,
    mismatched,
  };
}
