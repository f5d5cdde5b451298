/** Dates and times as people in the district read them: Asia/Shanghai, 2026-11-28 14:05. */
const TIME_ZONE = 'Asia/Shanghai';

function parts(iso: string): Record<string, string> {
  const formatter = new Intl.DateTimeFormat('zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(formatter.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * A deadline as a person reads it: one that ends at midnight (China time) is the whole previous day,
 * "2026-12-11（含）"; any other "2026-12-11 17:30 前".
 */
export function formatDeadline(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  if (p.hour === '00' && p.minute === '00') return `${formatDate(new Date(Date.parse(iso) - 60_000).toISOString())}（含）`;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} 前`;
}
