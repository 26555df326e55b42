import type { HearingRole } from '@ejustice/hearings/domain/hearing-role';

/**
 * Special-measures orders as the media policy reads them: the judge's legal decisions about how
 * one hearing is conducted, copied from @ejustice/hearings into plain data.
 *
 * A discriminated union on `kind`. Adding a measure means adding a member here; every rule that
 * switches over `kind` ends in a `never` check, so the compiler lists each place that must learn
 * the new order, while callers (media node, gateway) keep calling the same functions.
 * An order of a kind this version does not know (newer data, older code) is a snapshot problem
 * and shuts the hearing's media off: an order we cannot read might be the one that protects
 * someone.
 *
 * Planned next (special-measures issue): screening from the defendant / from the public, audio
 * only, supporter present, evidence in private, interpretation, recording.
 */
export type SpecialMeasure = AnonymityOrder;

export type SpecialMeasureKind = SpecialMeasure['kind'];

export const SPECIAL_MEASURE_KINDS: readonly SpecialMeasureKind[] = ['anonymity'];

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
  /** Roles besides the judge to whom the order discloses the identity (e.g. `clerk`). */
  readonly disclosedToRoles?: readonly HearingRole[];
  /** Named participants to whom the order discloses it (e.g. the witness's own supporter). */
  readonly disclosedToParticipantIds?: readonly string[];
}

/**
 * Roles entitled to a protected participant's identity by office, whatever the order says:
 * the judge must see and hear the witness as they are to assess their evidence.
 */
export const IDENTITY_PRIVILEGED_ROLES: readonly HearingRole[] = ['judge'];
