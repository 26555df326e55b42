import type { EntityManager } from 'typeorm';
import type { UserPrincipal } from '@ejustice/identity';
import { IdentityErrors } from '@ejustice/identity';
import { HearingParticipant } from '../entities/hearing-participant.entity';
import { Hearing } from '../entities/hearing.entity';
import { HearingErrors } from '../domain/hearing-errors';

/** Judges and clerks run the hearings of their own court. */
export function assertCanManageHearing(principal: UserPrincipal, hearing: Pick<Hearing, 'courtId'>): void {
  if (!principal.roles.some((r) => r === 'judge' || r === 'clerk')) throw IdentityErrors.forbiddenRole();
  if (principal.courtId !== hearing.courtId) throw HearingErrors.notFound();
}

/**
 * The hearing a judge or clerk of its court acts on, read in the act's transaction: not found to
 * anyone else's court, and refused once closed. `lock`: its row held to the commit, so two acts on
 * its seats (two clerks adding, or withdrawing, the same person) are done one after the other.
 */
export async function openHearingToManage(m: EntityManager, principal: UserPrincipal, hearingId: string, lock: boolean): Promise<Hearing> {
  const hearing = await m
    .getRepository(Hearing)
    .findOne({ where: { id: hearingId }, ...(lock ? { lock: { mode: 'for_no_key_update' as const } } : {}) });
  if (!hearing) throw HearingErrors.notFound();
  assertCanManageHearing(principal, hearing);
  if (hearing.status === 'closed') throw HearingErrors.closed();
  return hearing;
}

/**
 * A participant of the hearing, their row held to the commit (as the room's own writes hold it),
 * so the act and anything else done to the same seat meanwhile are done one after the other.
 */
export async function lockedParticipant(
  m: EntityManager,
  hearing: Pick<Hearing, 'id'>,
  participantId: string,
): Promise<HearingParticipant> {
  const participant = await m
    .getRepository(HearingParticipant)
    .findOne({ where: { id: participantId, hearingId: hearing.id }, lock: { mode: 'for_no_key_update' } });
  if (!participant) throw HearingErrors.participantNotFound();
  return participant;
}
