/** Backlog analytics: pure functions of plain records (no database, no clock: `asOf` is given). */
export * from './age-profile';
export * from './burn-down-forecast';
export * from './cepej-indicators';
export * from './custody-risk-list';
export { BACKLOG_PERIODS, YEAR_FRACTION, addMonths, periodOf, periodsBetween } from './periods';
export type { BacklogPeriod, PeriodRange } from './periods';
