/*
 * The paging contract of every list the api serves, declared once for the api and the web
 * (type-only imports in the browser, or these few constants): `?limit=&offset=` in, a page out.
 * The api validates the query with `PageQuery` (libs/platform/src/http/page-query.ts).
 */

/** How many items a list answers when the caller does not say. */
export const PAGE_DEFAULT_LIMIT = 50;
/** The most items one page may hold. */
export const PAGE_MAX_LIMIT = 200;
/**
 * The deepest a list may be paged by offset. Far beyond any court's list; its point is that a
 * number such as 1e20 is refused at the edge instead of failing in the database as a 500.
 */
export const PAGE_MAX_OFFSET = 1_000_000;

/** `?limit=&offset=` of a list route. */
export interface PageRequest {
  readonly limit?: number;
  readonly offset?: number;
}

/** One page of a list, and how many items the whole list holds. */
export interface Page<T> {
  items: T[];
  total: number;
}
