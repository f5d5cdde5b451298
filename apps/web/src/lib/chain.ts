/**
 * The hash-chain rule of API.md recomputed in the browser, so the event table can draw each link: SHA-256 of the
 * RFC 8785 (JCS) canonical JSON of { eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt,
 * prevHash }. Numbers in events are integers, so JSON.stringify writes them as JCS does; keys sort by UTF-16 code
 * units, which is the default string order. The API's 校验哈希链 stays the verdict; this only shows where.
 */
export interface ChainEvent {
  eventId: string;
  streamId: string;
  version: number;
  position: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

export type LinkState = 'ok' | 'hash-mismatch' | 'prev-mismatch' | 'unknown';

export const GENESIS = '0'.repeat(64);

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function eventHash(e: ChainEvent): Promise<string> {
  const { eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt, prevHash } = e;
  return sha256Hex(canonicalJson({ eventId, streamId, version, type, schemaVersion, data, metadata, recordedAt, prevHash }));
}

/** Each event's link: its own hash recomputes, and its prevHash is the previous event's hash. */
export async function linkStates(events: readonly ChainEvent[]): Promise<LinkState[]> {
  if (typeof crypto === 'undefined' || !crypto.subtle) return events.map(() => 'unknown');
  const out: LinkState[] = [];
  for (let i = 0; i < events.length; i += 1) {
    const e = events[i];
    const expectedPrev = i === 0 ? GENESIS : events[i - 1].hash;
    if (e.prevHash !== expectedPrev) out.push('prev-mismatch');
    else if ((await eventHash(e)) !== e.hash) out.push('hash-mismatch');
    else out.push('ok');
  }
  return out;
}

export const LINK_TEXTS: Record<LinkState, string> = {
  ok: '✓ 链接完整',
  'hash-mismatch': '✗ 内容与哈希不符',
  'prev-mismatch': '✗ 前序哈希不符',
  unknown: '— 浏览器无法计算',
};

/** Every leaf of a JSON value as `path → text`, for a side-by-side comparison of two states. */
export function flatten(value: unknown, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !(Array.isArray(value) && value.length === 0) && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix || '（根）', JSON.stringify(value));
  }
  return out;
}

export interface DiffRow {
  path: string;
  then: string;
  now: string;
  changed: boolean;
}

export function diffStates(then: unknown, now: unknown): DiffRow[] {
  const a = flatten(then);
  const b = flatten(now);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.map((path) => {
    const t = a.get(path) ?? '（无）';
    const n = b.get(path) ?? '（无）';
    return { path, then: t, now: n, changed: t !== n };
  });
}
