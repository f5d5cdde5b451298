/** Which data a deadline was computed from: the published holiday calendar, or weekdays only. */
export type CalendarBasis = 'chinese-days' | 'weekday-fallback';
