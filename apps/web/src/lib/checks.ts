/** Client-side checks that mirror the API's validators (the API checks again; these only spare a round trip). */
export { isCalendarDate, isValidIdNumber, isValidUscc } from '#domain';
