/**
 * Which data a deadline was computed from: the State Council's arrangement as the `chinese-days` package has it,
 * the year's arrangement the district published (POST /admin/calendars/:year), or weekdays only.
 */
export type CalendarBasis = 'chinese-days' | 'published' | 'weekday-fallback';
