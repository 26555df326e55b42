import type { CaseType, HearingType } from '@ejustice/vocabulary';

/**
 * The instance: everything the solver needs, in one self-contained JSON document (the format is
 * documented in libs/scheduling/README.md). Dates are ISO dates, times `HH:MM`, durations minutes.
 */
export const INSTANCE_FORMAT = 'ejustice.schedule-instance/1';

export const SESSION_KINDS = ['day', 'night'] as const;
/** Night court sits in the evening; child and vulnerable witnesses never do. */
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SUPPORT_ROLES = ['intermediary', 'supporter'] as const;
export type SupportRole = (typeof SUPPORT_ROLES)[number];

/** Why a hearing was adjourned before: some reasons weigh on the case's priority, some do not. */
export const ADJOURNMENT_REASONS = [
  'no_court_time',
  'judge_unavailable',
  'interpreter_unavailable',
  'courts_suspended',
  'witness_unavailable',
  'prosecution_request',
  'defence_request',
  'other',
] as const;
export type AdjournmentReason = (typeof ADJOURNMENT_REASONS)[number];

/** The equipment a special-measures direction needs in the room. */
export const LIVE_LINK = 'live_link';

export interface DateRangeInput {
  /** First day, inclusive. */
  readonly from: string;
  /** Last day, inclusive. */
  readonly to: string;
}

export interface AvailabilityInput {
  /** ISO weekdays (1 = Monday … 7 = Sunday); every day when absent. */
  readonly weekdays?: readonly number[];
  /** Session kinds; both when absent. */
  readonly kinds?: readonly SessionKind[];
  /** Days off (leave, courses), inclusive. */
  readonly unavailable?: readonly DateRangeInput[];
}

export interface SessionInput {
  readonly id: string;
  readonly date: string;
  readonly kind: SessionKind;
  readonly start: string;
  readonly end: string;
  /** The rooms open in this session; every room available that day when absent. */
  readonly rooms?: readonly string[];
}

export interface JudgeInput {
  readonly id: string;
  readonly name?: string;
  readonly specialisms?: readonly string[];
  /** Which weekdays and which kinds of session the judge sits. */
  readonly sittingPattern?: Omit<AvailabilityInput, 'unavailable'>;
  readonly maxSittingMinutesPerDay: number;
  readonly leave?: readonly DateRangeInput[];
}

export interface RoomInput {
  readonly id: string;
  readonly name?: string;
  /** A virtual room is a remote hearing: everyone joins from elsewhere. */
  readonly virtual: boolean;
  readonly equipment?: readonly string[];
  readonly available?: AvailabilityInput;
}

export interface InterpreterInput {
  readonly id: string;
  readonly languages: readonly string[];
  readonly available?: AvailabilityInput;
}

export interface SupporterInput {
  readonly id: string;
  readonly role: SupportRole;
  readonly available?: AvailabilityInput;
}

export interface WitnessInput {
  /** The person's identity across cases (a police officer may be a witness in several). */
  readonly id: string;
  readonly child?: boolean;
  readonly vulnerable?: boolean;
}

export interface VictimInput {
  readonly child?: boolean;
  readonly vulnerable?: boolean;
}

export interface HearingNeedInput {
  readonly type: HearingType;
  readonly minutes: number;
  /** Days after the previous hearing of the case (1 when absent: another day; 0: the same day, later). */
  readonly minDaysAfterPrevious?: number;
}

export interface AdjournmentInput {
  readonly date: string;
  readonly reason: AdjournmentReason;
}

export interface CaseInput {
  readonly id: string;
  readonly type: CaseType;
  readonly offence?: string;
  readonly filed: string;
  /** A defendant in custody: every hearing still needed must be held on or before `limit`. */
  readonly custody?: { readonly limit: string };
  readonly victims?: readonly VictimInput[];
  readonly witnesses?: readonly WitnessInput[];
  /** Counsel's identities, so that nobody is listed in two courtrooms at once. */
  readonly counsel?: readonly string[];
  /** One interpreter per language at every hearing. */
  readonly interpreterLanguages?: readonly string[];
  readonly needs?: { readonly intermediary?: boolean; readonly supporter?: boolean; readonly liveLink?: boolean };
  /** May the case be heard in a virtual room? */
  readonly remoteAllowed?: boolean;
  /** Specialisms the judge must hold, beyond those the court's policy requires. */
  readonly judgeSpecialisms?: readonly string[];
  /** The hearings still needed, in order. */
  readonly hearings: readonly HearingNeedInput[];
  /**
   * The day the case's latest hearing was held, if it has had one: the first hearing still needed
   * keeps its `minDaysAfterPrevious` from it, as each later one does from the one before.
   */
  readonly lastHeard?: string;
  readonly adjournments?: readonly AdjournmentInput[];
}

export interface SpecialistRule {
  readonly caseType: CaseType;
  /** The rule applies only when a victim or witness is a child or vulnerable. */
  readonly childOrVulnerable?: boolean;
  readonly specialism: string;
}

export const PRIORITY_TIERS = ['custody', 'child_vulnerable', 'trafficking', 'other'] as const;
export type PriorityTier = (typeof PRIORITY_TIERS)[number];

/** The court's policy: the weights of the objective and the rules that depend on its practice. */
export interface Policy {
  readonly tierWeights: Readonly<Record<PriorityTier, number>>;
  /** Each year already waited at the plan's start adds this share to the case's weight. */
  readonly agingPerYear: number;
  /** Each adjournment adds this share to the weight, times its reason's weight. */
  readonly adjournmentWeight: number;
  readonly adjournmentReasonWeights: Readonly<Record<AdjournmentReason, number>>;
  /** A case left unscheduled costs as if it waited this many more days after the plan. */
  readonly unscheduledPenaltyDays: number;
  /** Per custody case not heard by its limit: far above anything else, so limits come first. */
  readonly custodyBreachPenalty: number;
  /** Per published hearing moved when re-planning. */
  readonly movePenalty: number;
  readonly vulnerableWitnessMaxBlockMinutes: number;
  /** Between two blocks of a child or vulnerable witness's evidence on the same day. */
  readonly vulnerableWitnessBreakMinutes: number;
  readonly specialistRules: readonly SpecialistRule[];
  /** A child witness gives evidence by live link, so the room needs one. */
  readonly liveLinkForChildWitnesses: boolean;
}

export interface PublishedHearingInput {
  readonly case: string;
  /** Index in the case's `hearings`. */
  readonly hearing: number;
  /** 1-based part, when a vulnerable witness's hearing is held in blocks. */
  readonly part?: number;
  readonly session: string;
  readonly start: string;
  readonly judge: string;
  readonly room: string;
  /**
   * The hearing is under way (opened, or in recess), or held already (a block of a vulnerable
   * witness's hearing whose later blocks are still to come): it is pinned where it is, never
   * moved, never taken off the plan. When its session is not in `sessions` (it sat before the
   * plan's first day), it is neither listed nor planned anew.
   */
  readonly underWay?: boolean;
  /**
   * The interpreters and supporters (intermediaries included) it was listed with: summoned to it.
   * Kept with it wherever it stays when they are free; under way, kept whatever else is free.
   * Ids the instance does not know (someone no longer with the court) are left out.
   */
  readonly interpreters?: readonly string[];
  readonly supporters?: readonly string[];
}

/**
 * A booking the plan must work around: a hearing made outside the scheduler (listed by hand, in
 * another court, or held or under way) that keeps its judges, rooms, interpreters, supporters and
 * people (counsel and witnesses, by the ids the cases use) busy from `start` to `end` on `date`.
 * The solver never moves it; nobody it names is placed anywhere else at the same time, and its
 * minutes count toward its judges' daily maximum.
 */
export interface CommitmentInput {
  /** What it is (a hearing's id), named when a plan overlaps it. */
  readonly id: string;
  readonly date: string;
  readonly start: string;
  readonly end: string;
  readonly judges?: readonly string[];
  readonly rooms?: readonly string[];
  readonly interpreters?: readonly string[];
  readonly supporters?: readonly string[];
  readonly people?: readonly string[];
}

export interface ScheduleInstance {
  readonly format: typeof INSTANCE_FORMAT;
  readonly court?: string;
  /** The plan's first day: waiting before it is already spent, whatever the plan does. */
  readonly horizon: { readonly start: string };
  readonly policy?: Partial<Policy>;
  readonly sessions: readonly SessionInput[];
  readonly judges: readonly JudgeInput[];
  readonly rooms: readonly RoomInput[];
  readonly interpreters?: readonly InterpreterInput[];
  readonly supporters?: readonly SupporterInput[];
  readonly cases: readonly CaseInput[];
  /** The timetable already published: re-planning moves as few of these as it can. */
  readonly published?: readonly PublishedHearingInput[];
  /** Bookings outside the plan: fixed, never moved, never overlapped. */
  readonly commitments?: readonly CommitmentInput[];
}
