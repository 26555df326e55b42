import { DomainError } from '@ejustice/platform';
import type { SummonsMethod, SummonsReason } from '../contract/summons-contract';

/*
 * The court actions on a summons, as pure decisions: who may read and deliver them, and what a
 * delivery does to one. RecordSummonsDelivery and SummonsQueries load, lock, write and audit.
 */

export interface SummonsActor {
  readonly courtId: string;
  readonly roles: readonly string[];
}

export const SummonsErrors = {
  forbidden: () =>
    new DomainError('forbidden', 'summons.forbidden', 'Only the clerks and judges of this court may read its summonses; ask its registry.'),
  deliverForbidden: () =>
    new DomainError('forbidden', 'summons.deliver_forbidden', 'Only a clerk of the court records that a summons was delivered.'),
  notFound: () => new DomainError('not_found', 'summons.not_found', 'There is no such summons in your court.'),
  superseded: () =>
    new DomainError(
      'conflict',
      'summons.superseded',
      'A later publication replaced this summons; nothing was recorded. Deliver the newer one in the list of pending summonses.',
    ),
  seatRemoved: () =>
    new DomainError(
      'conflict',
      'summons.seat_removed',
      'This person no longer sits in the hearing (their seat was withdrawn, or they were removed from it), so there is nothing to tell them to come to; nothing was recorded.',
    ),
  alreadyDelivered: () =>
    new DomainError(
      'conflict',
      'summons.already_delivered',
      'This summons was already recorded as delivered in another way; nothing was changed.',
    ),
};

/** The clerks and judges of the court read its summonses (judges to know who has been told). */
export function assertMayReadSummonses(actor: SummonsActor, courtId: string): void {
  if (actor.courtId !== courtId || !actor.roles.some((r) => r === 'clerk' || r === 'judge')) throw SummonsErrors.forbidden();
}

/** Telling people is the registry's act: a clerk records it. */
export function assertMayDeliverSummons(actor: SummonsActor): void {
  if (!actor.roles.includes('clerk')) throw SummonsErrors.deliverForbidden();
}

export interface SummonsFacts {
  /** `released`: it tells someone stood down that they are no longer needed (their seat is removed). */
  readonly reason: SummonsReason;
  readonly supersededAt: Date | null;
  readonly deliveredAt: Date | null;
  readonly method: SummonsMethod | null;
  readonly note: string | null;
  /** The person's seat is gone: withdrawn by the court, or removed in the room. */
  readonly seatRemoved: boolean;
}

/**
 * What recording a delivery does: `deliver` an open summons; `unchanged` for the very same
 * delivery asked again (a retried request); a different delivery of one already delivered, any
 * delivery to someone whose seat is gone, or of one a later publication replaced, is refused with
 * a sentence.
 */
export function decideSummonsDelivery(
  summons: SummonsFacts,
  request: { method: SummonsMethod; note: string | null },
): 'deliver' | 'unchanged' {
  if (summons.deliveredAt !== null) {
    if (summons.method === request.method && summons.note === request.note) return 'unchanged';
    throw SummonsErrors.alreadyDelivered();
  }
  // A seat gone has nobody to summon, except to tell them they are no longer needed.
  if (summons.seatRemoved && summons.reason !== 'released') throw SummonsErrors.seatRemoved();
  if (summons.supersededAt !== null) throw SummonsErrors.superseded();
  return 'deliver';
}
