/** A wait a workflow makes, as policy data: counted in working days, or an ISO-8601 duration. */
export type TimerSpec = { workingDays: number } | { iso: string };

export function isTimerSpec(value: unknown): value is TimerSpec {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const v = value as Record<string, unknown>;
  if ('workingDays' in v) return Number.isInteger(v.workingDays) && (v.workingDays as number) >= 0 && (v.workingDays as number) <= 3660;
  if ('iso' in v) return typeof v.iso === 'string' && /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/.test(v.iso);
  return false;
}

export function describeTimer(spec: TimerSpec): string {
  return 'workingDays' in spec ? `${spec.workingDays} working days` : spec.iso;
}
