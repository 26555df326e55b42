import type { CaseType } from '@ejustice/vocabulary';
import { addMonths } from './periods';

/*
 * How long the cases still pending have waited: counts in age bands, for the court and per case
 * type. Ages are in calendar months from the filing date, so "under 3 months" on 30 May means
 * filed after 28 February, whatever the months' lengths.
 */

/** The bands, youngest first; each holds ages from the previous band's limit up to its own. */
export const AGE_BANDS = ['under_3m', '3_to_6m', '6_to_12m', '1_to_2y', 'over_2y'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Upper limits in months; the last band has none. */
const BAND_LIMIT_MONTHS: readonly number[] = [3, 6, 12, 24];

export interface PendingCaseAge {
  readonly type: CaseType;
  readonly filed: string;
}

export type AgeCounts = Readonly<Record<AgeBand, number>>;

export interface AgeProfile {
  /** The day the ages are measured on. */
  readonly asOf: string;
  readonly pending: number;
  readonly total: AgeCounts;
  readonly byType: readonly { readonly type: CaseType; readonly counts: AgeCounts }[];
  /** Filing date of the oldest case still pending, or null with none. */
  readonly oldestFiled: string | null;
}

/** The band of a case filed on `filed`, measured on `asOf`: the first whose limit has not been reached. */
export function ageBand(filed: string, asOf: string): AgeBand {
  const index = BAND_LIMIT_MONTHS.findIndex((months) => asOf < addMonths(filed, months));
  return AGE_BANDS[index === -1 ? AGE_BANDS.length - 1 : index];
}

function zero(): Record<AgeBand, number> {
  return { under_3m: 0, '3_to_6m': 0, '6_to_12m': 0, '1_to_2y': 0, over_2y: 0 };
}

/** The age profile of `pending` (the cases still pending on `asOf`) measured on `asOf`. */
export function ageProfile(pending: readonly PendingCaseAge[], asOf: string): AgeProfile {
  const total = zero();
  const byType = new Map<CaseType, Record<AgeBand, number>>();
  let oldestFiled: string | null = null;
  for (const c of pending) {
    const band = ageBand(c.filed, asOf);
    total[band] += 1;
    const counts = byType.get(c.type) ?? zero();
    counts[band] += 1;
    byType.set(c.type, counts);
    if (oldestFiled === null || c.filed < oldestFiled) oldestFiled = c.filed;
  }
  return {
    asOf,
    pending: pending.length,
    total,
    byType: [...byType].sort(([a], [b]) => a.localeCompare(b)).map(([type, counts]) => ({ type, counts })),
    oldestFiled,
  };
}
