import type { HearingRole } from '@ejustice/vocabulary/hearing-role';

/**
 * Special-measures orders as the media policy reads them: the judge's legal decisions about how
 * one hearing is conducted, copied from @ejustice/hearings' order records into plain data.
 *
 * A discriminated union on `kind`. Adding a measure means adding a member here; every rule that
 * switches over `kind` ends in a `never` check, so the compiler lists each place that must learn
 * the new order, while callers (media node, gateway) keep calling the same functions.
 * An order of a kind this version does not know (newer data, older code) is a snapshot problem
 * and shuts the hearing's media off: an order we cannot read might be the one that protects
 * someone.
 */
export type SpecialMeasure =
  AnonymityOrder | ScreenOrder | AudioOnlyOrder | SupporterOrder | EvidenceInPrivateOrder | RemoteWitnessRoomOrder;

export type SpecialMeasureKind = SpecialMeasure['kind'];

export const SPECIAL_MEASURE_KINDS = [
  'anonymity',
  'screen',
  'audio_only',
  'supporter',
  'evidence_in_private',
  'remote_witness_room',
] as const satisfies readonly SpecialMeasureKind[];

/** How the anonymised picture hides a face: a strong blur, or a flat silhouette. */
export const OBSCURED_PICTURES = ['blur', 'silhouette'] as const;
export type ObscuredPicture = (typeof OBSCURED_PICTURES)[number];

/**
 * Witness anonymity: the participant is known to the hearing by a pseudonym, their voice is
 * distorted and their picture obscured (the "anonymised" variant, made by the media node's
 * ffmpeg pipeline). Only the judge, and whoever the order names, may know the real identity:
 * they receive the raw media and the real name. Everybody else gets the pseudonym and the
 * anonymised variant — never a fallback to raw.
 */
export interface AnonymityOrder {
  readonly kind: 'anonymity';
  /** The order's id in the court record, quoted in decisions for the audit trail. */
  readonly id: string;
  readonly participantId: string;
  readonly pseudonym: string;
  /** How the picture is obscured in the anonymised variant (default `blur`). */
  readonly picture?: ObscuredPicture;
  /** Roles besides the judge to whom the order discloses the identity (e.g. `clerk`). */
  readonly disclosedToRoles?: readonly HearingRole[];
  /** Named participants to whom the order discloses it (e.g. the witness's own supporter). */
  readonly disclosedToParticipantIds?: readonly string[];
}

/**
 * A screen, as in a courtroom: the screened people do not see the witness and she does not see
 * them; both still hear each other, as behind a physical screen. Her supporters sit behind the
 * screen with her. The bench is never screened (the judge must see the witness): an order naming
 * a bench role or a bench participant, on either side, is malformed, and so is one screening her
 * from herself or from nobody. Read as written: whoever holds a listed role is screened.
 */
export interface ScreenOrder {
  readonly kind: 'screen';
  readonly id: string;
  /** The witness behind the screen. */
  readonly participantId: string;
  /** Screened by role: `defendant` (the defendant(s)), `observer` (the public gallery), or others. */
  readonly fromRoles: readonly HearingRole[];
  /** Screened by name: particular participants. */
  readonly fromParticipantIds: readonly string[];
}

/** Audio only: the witness's picture goes to the bench (judge and clerk) alone; everyone else hears her. */
export interface AudioOnlyOrder {
  readonly kind: 'audio_only';
  readonly id: string;
  readonly participantId: string;
}

/**
 * A supporter or an intermediary linked to a witness. They are beside her in every room she is
 * put in (the waiting room, the courtroom, a consultation, a break); the judge sees and hears
 * them; the courtroom at large does not (a supporter is not a witness, and their face may say
 * who she is). One supporter sits beside one witness; neither is the bench.
 */
export interface SupporterOrder {
  readonly kind: 'supporter';
  readonly id: string;
  /** The supported witness. */
  readonly participantId: string;
  /** The supporter or intermediary participant. */
  readonly supporterId: string;
  readonly capacity: 'supporter' | 'intermediary';
}

/**
 * Evidence in private: while the order is in force the public gallery receives nothing from
 * anyone, learns nothing of who is in court, and is told that the court is sitting in private.
 * Hearing-wide: it names no participant.
 */
export interface EvidenceInPrivateOrder {
  readonly kind: 'evidence_in_private';
  readonly id: string;
}

/**
 * Remote witness room: the witness gives evidence from a named live-link location (a witness
 * suite, a shelter's room). Recorded on the order and shown to the bench only.
 */
export interface RemoteWitnessRoomOrder {
  readonly kind: 'remote_witness_room';
  readonly id: string;
  readonly participantId: string;
  readonly location: string;
}

/**
 * Roles entitled to a protected participant's identity by office, whatever the order says:
 * the judge must see and hear the witness as they are to assess their evidence.
 */
export const IDENTITY_PRIVILEGED_ROLES: readonly HearingRole[] = ['judge'];

/** The bench: never screened, always receives an audio-only witness's picture. */
export const BENCH_POLICY_ROLES: readonly HearingRole[] = ['judge', 'clerk'];
