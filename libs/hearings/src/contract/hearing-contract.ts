import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { HearingStatus } from '@ejustice/vocabulary/hearing-status';
import type { HearingType } from '@ejustice/vocabulary/hearing-type';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import type { PageRequest } from '@ejustice/platform/contract/page';
import type { ParticipantView } from '../signalling/signalling-messages';

/*
 * The REST contract of hearings (scheduling, listing participants, the hearing pages), declared
 * once for the api and the web (the browser imports it type-only as
 * `@ejustice/hearings/contract/hearing-contract`). Special-measures orders have theirs in
 * orders/order-views.ts, hearing links in links/hearing-link-views.ts, the join ticket and the
 * live room in signalling/signalling-messages.ts. Instants are ISO 8601 strings in UTC.
 */

/** What every view of a hearing starts with. Names the reader may not know are masked in the title. */
export interface HearingHeadView {
  readonly id: string;
  readonly title: string;
  readonly hearingType: HearingType;
  readonly status: HearingStatus;
  readonly roomLocked: boolean;
  readonly scheduledStart: string;
  readonly scheduledEnd: string;
  readonly case: { readonly id: string; readonly number: string };
  /** The court room it is booked into (published there, or booked when listed by hand); null: none. */
  readonly courtRoom: { readonly id: string; readonly name: string; readonly virtual: boolean } | null;
}

/**
 * A participant of a hearing as a hearing page shows them to this reader: the room's own
 * participant line (signalling-messages.ts), less what only the live room knows.
 */
export type HearingParticipantLine = Pick<ParticipantView, 'id' | 'role' | 'displayName' | 'self' | 'state'>;

/** GET /api/hearings/:id: the hearing and its participants as the caller may see them. */
export interface HearingDetailView extends HearingHeadView {
  /** The viewer's own place in the hearing: null for court staff not (yet) listed in it. */
  readonly viewer: { readonly participantId: string | null; readonly hearingRole: HearingRole | null; readonly bench: boolean };
  /** Everyone for the court's judges and clerks (`viewer.bench`); for anyone else, what the media policy lets them see. */
  readonly participants: readonly HearingParticipantLine[];
}

/** One line of GET /api/hearings/today (judges: their own; clerks: the court's). */
export interface TodayHearingView extends HearingHeadView {
  readonly participantCount: number;
  /** How many are in the waiting room now. */
  readonly waitingCount: number;
  readonly presiding: boolean;
}

/** One line of GET /api/hearings/mine: a hearing the caller is listed in, still to come or running. */
export interface MyHearingView extends HearingHeadView {
  readonly hearingRole: HearingRole;
}

/**
 * `?limit=&offset=` of GET /api/hearings/today and /mine, soonest first. They answer a plain
 * array (a day's or a person's hearings, not a register to page through); the limit bounds it.
 */
export type HearingListQuery = PageRequest;

/** POST /api/hearings (judges and clerks). */
export interface ScheduleHearingRequest {
  readonly caseId: string;
  readonly title: string;
  readonly hearingType: HearingType;
  readonly scheduledStart: string;
  readonly scheduledEnd: string;
  /** A judge of the court; the first judge added later presides when none is named. */
  readonly presidingJudgeId?: string;
  /** The floor's language (a lower-case BCP 47 tag), when it is not the court's. */
  readonly floorLanguage?: string;
  /**
   * A court room of the court's scheduling data to book for it (`/api/courts/:courtId/scheduling/rooms`):
   * refused while another hearing still to be held holds the room at an overlapping time, and kept free of the
   * scheduler's drafts.
   */
  readonly roomId?: string;
}

/** The answer of POST /api/hearings. */
export interface ScheduledHearingView {
  readonly id: string;
  readonly caseId: string;
  readonly title: string;
  readonly hearingType: HearingType;
  readonly status: HearingStatus;
  readonly scheduledStart: string;
  readonly scheduledEnd: string;
  readonly presidingJudgeId: string | null;
  /** The floor's language when set for this hearing; null: the court's. */
  readonly floorLanguage: string | null;
  /** The court room booked for it; null: none. */
  readonly roomId: string | null;
}

/** POST /api/hearings/:id/participants (judges and clerks). */
export interface AddParticipantRequest {
  readonly hearingRole: HearingRole;
  readonly displayName: string;
  /** An account of the hearing's court holding the account role the hearing role needs. */
  readonly userId?: string;
  /** The party of the case this participant is. */
  readonly partyId?: string;
  /**
   * An interpreter: the language they interpret into (their channel; their pair is the floor's
   * language and this one). Anyone else: the language they need. A lower-case BCP 47 tag.
   */
  readonly language?: string;
  /**
   * One of the court's interpreters, for an interpreter's seat (in a language they interpret; the
   * only one when `language` is absent), or one of its supporters or intermediaries, for a
   * supporter's seat: the scheduler then knows them busy in this hearing.
   */
  readonly courtInterpreterId?: string;
  readonly courtSupporterId?: string;
}

/** A note on a court action that went through but needs something more before it takes effect. */
export interface HearingWarning {
  readonly code: 'hearing.attendance_needs_leave';
  readonly message: string;
}

/** The answer of POST /api/hearings/:id/participants. */
export interface AddedParticipantView {
  readonly id: string;
  readonly hearingId: string;
  readonly hearingRole: HearingRole;
  readonly displayName: string;
  readonly state: ParticipantState;
  /** An interpreter's channel, or the language someone else needs; null: none stated. */
  readonly language: string | null;
  /** The court's interpreter or supporter in the seat, if it is one of theirs. */
  readonly courtInterpreterId: string | null;
  readonly courtSupporterId: string | null;
  /** Judges only: whether they were named to preside. */
  readonly presiding?: boolean;
  /** What the participant still needs before they can join (the presiding judge's leave). */
  readonly warnings: readonly HearingWarning[];
}

/** POST /api/hearings/:id/participants/:participantId/withdraw: a seat withdrawn before its holder joined. */
export interface WithdrawnSeatView {
  readonly participantId: string;
  /** How many of their links that still worked (not expired, not revoked) were revoked with it. */
  readonly linksRevoked: number;
  /** They were told to come (a summons of theirs was delivered): the court lets them know they need not. */
  readonly summonsDelivered: boolean;
}
