/** Client-side checks that mirror the API's validators (the API checks again; these only spare a round trip). */
export { isValidIdNumber, isValidUscc } from '../../../../libs/domain/src/shared/identity';
/** A real calendar date typed as YYYY-MM-DD (2026-02-30 is not one): the API's own check. */
export { isCalendarDate } from '../../../../libs/domain/src/shared/dates';
