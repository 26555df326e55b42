/**
 * The REST contract of summonses, declared once for the api and the browser: plain types and
 * constants only. A summons is the clerk's task of telling someone without an account (a victim,
 * a witness, a party without an account, an interpreter, a supporter) that a published
 * timetable listed, moved or adjourned their hearing, or no longer needs them in it (an
 * interpreter or supporter stood down for another): the court holds no address of theirs.
 */
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';

/** What the publication did to the hearing, or (`released`) to the person's seat in it. */
export const SUMMONS_REASONS = ['listed', 'moved', 'adjourned', 'released'] as const;
export type SummonsReason = (typeof SUMMONS_REASONS)[number];

/** How the clerk reached the person. */
export const SUMMONS_METHODS = ['link_handed_over', 'phone', 'post', 'in_person'] as const;
export type SummonsMethod = (typeof SUMMONS_METHODS)[number];

/** `pending`: still to be delivered (and not replaced by a later publication's); `delivered`: done. */
export const SUMMONS_STATUSES = ['pending', 'delivered'] as const;
export type SummonsStatus = (typeof SUMMONS_STATUSES)[number];

/** The longest note a clerk may keep with a delivery. */
export const SUMMONS_NOTE_MAX = 1000;

/** One summons as the court's clerks and judges read it; names the reader may not know are masked. */
export interface SummonsView {
  readonly id: string;
  readonly reason: SummonsReason;
  readonly createdAt: string;
  readonly scheduleRunId: string;
  readonly hearing: {
    readonly id: string;
    readonly title: string;
    readonly status: HearingStatus;
    readonly scheduledStart: string;
    readonly scheduledEnd: string;
    readonly caseNumber: string;
  };
  readonly participant: {
    readonly id: string;
    readonly role: HearingRole;
    /** As the reader may know them: a pseudonym where an anonymity order keeps the name from them. */
    readonly displayName: string;
  };
  readonly delivery: {
    readonly at: string;
    readonly method: SummonsMethod;
    readonly note: string | null;
    /** Null only when the clerk's account is no longer known. */
    readonly by: { readonly userId: string; readonly displayName: string } | null;
  } | null;
}

/** `GET /api/courts/:courtId/summonses?status=&limit=&offset=` */
export interface SummonsPage {
  readonly items: SummonsView[];
  readonly total: number;
}

/** `POST /api/summonses/:id/delivery` */
export interface SummonsDeliveryRequest {
  readonly method: SummonsMethod;
  readonly note?: string;
}
