/*
 * What the clients of the soak know, kept on their side of the wire: every submission they
 * started (its key, the bytes' hashes) and how it ended, every review they asked for and how it
 * ended. The final check holds the database and the store against it.
 */

export interface DocumentSent {
  readonly sha256: string;
  readonly sizeBytes: number;
}

export type SubmissionState =
  /** Still being tried (only while the run lasts). */
  | 'pending'
  /** 201 (or 200, a replay) with a receipt naming the filing. */
  | 'acknowledged'
  /** A 4xx other than "key in use": the api refused it; nothing may have been filed. */
  | 'refused'
  /** Not acknowledged by the end of the drain. */
  | 'abandoned';

export interface SubmissionRecord {
  readonly key: string;
  readonly filer: number;
  readonly filerUserId: string;
  readonly opensCase: boolean;
  readonly documents: readonly DocumentSent[];
  state: SubmissionState;
  attempts: number;
  /** Attempts cut off by the api dying (no answer). */
  interrupted: number;
  /** Answers 409 filing.idempotency_key_in_use. */
  keyInUse: number;
  /** 5xx answers. */
  serverErrors: number;
  filingId?: string;
  /** Acknowledged by a replay (200): the first attempt had been filed but its answer was lost. */
  replayed?: boolean;
  lastAnswer?: string;
}

export type ReviewAction = 'accept' | 'reject' | 'return';
export type DecidedStatus = 'accepted' | 'partially_accepted' | 'rejected' | 'returned';

export type ReviewState =
  | 'pending'
  /** 200 with the decided filing. */
  | 'acknowledged'
  /** A retry found the filing already decided: an earlier attempt committed, its answer was lost. */
  | 'applied_unacknowledged'
  | 'refused'
  | 'abandoned';

export interface ReviewRecord {
  readonly filingId: string;
  readonly clerk: number;
  readonly clerkUserId: string;
  readonly action: ReviewAction;
  readonly expectedStatus: DecidedStatus;
  /** Positions of the documents the clerk rejected (accept with some rejected; all for reject). */
  readonly rejectedPositions: readonly number[];
  state: ReviewState;
  attempts: number;
  interrupted: number;
  lastAnswer?: string;
}

export class Ledger {
  readonly submissions: SubmissionRecord[] = [];
  readonly reviews: ReviewRecord[] = [];
  /** Claims answered 200 (a claim is a state change too, but the figures are about reviews). */
  claims = 0;
  /** Receipts or review answers that disagree with what was asked: each a violation. */
  readonly receiptProblems: string[] = [];
  /** Unexpected answers worth showing, counted by kind. */
  readonly oddities = new Map<string, number>();

  odd(what: string): void {
    this.oddities.set(what, (this.oddities.get(what) ?? 0) + 1);
  }
}
