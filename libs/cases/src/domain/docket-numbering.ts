import { type CaseFacts, type CaseViewer, canReadMaterial, isJudicialStaff } from './case-access';
import type { Confidentiality } from '@ejustice/vocabulary/case-type';

/** What numbering needs of a docket entry. */
export interface DocketEntryFacts {
  readonly seq: number;
  readonly confidentiality: Confidentiality;
}

/**
 * The docket entries a viewer may read, in the case's order, each with the number that viewer is
 * shown. The court's judges and clerks hold the whole record and see the case's own sequence, the
 * number they cite. Anyone else sees 1, 2, 3... over what they may read: the case's sequence would
 * count the sealed and confidential entries hidden from them, and "1, 2, 4" tells that a third
 * exists. Who may read an entry is `canReadMaterial`, the rule of every other read of the record.
 */
export function numberDocketFor<E extends DocketEntryFacts>(
  viewer: CaseViewer,
  c: CaseFacts,
  entries: readonly E[],
): { entry: E; seq: number }[] {
  const wholeRecord = isJudicialStaff(viewer, c.courtId);
  return [...entries]
    .sort((a, b) => a.seq - b.seq)
    .filter((e) => canReadMaterial(viewer, c, e.confidentiality))
    .map((entry, i) => ({ entry, seq: wholeRecord ? entry.seq : i + 1 }));
}
