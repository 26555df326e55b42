import type { SpecialMeasure } from '@ejustice/media-policy/special-measure';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { RoomParticipant, RoomState } from './room-state';

/*
 * What the special-measures orders in force mean for the room's logistics: who sits beside whom,
 * who may be taken into a private room with whom. Pure, type-only imports from the media policy
 * (which decides media and names on the same orders: it is the second lock behind these rules).
 */

/** The supporters and intermediaries linked to `witnessId` by a supporter order. */
export function supportersOf(orders: readonly SpecialMeasure[], witnessId: string): string[] {
  return orders.flatMap((o) => (o.kind === 'supporter' && o.participantId === witnessId ? [o.supporterId] : []));
}

/** The witness a supporter is linked to, if any. */
export function witnessSupportedBy(orders: readonly SpecialMeasure[], supporterId: string): string | null {
  for (const o of orders) if (o.kind === 'supporter' && o.supporterId === supporterId) return o.participantId;
  return null;
}

/**
 * Whether `a` and `b` are kept apart by a screen: one is the screened witness (or a supporter
 * sitting beside her) and the other is someone she is screened from. They may never be put in
 * one private room: there is no screen in a consultation.
 */
export function screenedApart(state: Pick<RoomState, 'participants' | 'orders'>, a: RoomParticipant, b: RoomParticipant): boolean {
  return screensBetween(state, a, b) || screensBetween(state, b, a);
}

function screensBetween(state: Pick<RoomState, 'participants' | 'orders'>, behind: RoomParticipant, other: RoomParticipant): boolean {
  const witnessId = witnessSupportedBy(state.orders, behind.id);
  const protectedIds = witnessId ? [behind.id, witnessId] : [behind.id];
  return state.orders.some(
    (o) =>
      o.kind === 'screen' &&
      protectedIds.includes(o.participantId) &&
      o.participantId !== other.id &&
      (o.fromRoles.includes(other.role) || o.fromParticipantIds.includes(other.id)),
  );
}

export type ConsultationRefusal = { readonly message: string } | null;

const COUNSEL: readonly HearingRole[] = ['prosecutor', 'defence_counsel', 'victim_counsel'];

/**
 * Whether `opener` may have `member` with them in a private consultation:
 * - the judge may confer with anyone (the public gallery is refused elsewhere);
 * - counsel confer only with their own client (the party they act for) and the supporters
 *   sitting beside that client: a prosecutor does not take the victim aside, defence counsel
 *   never reaches the protected witness;
 * - a supporter or intermediary only with their witness (and her other supporters);
 * - nobody is put in one room with someone they are screened from.
 * Returns a sentence for the refusal, or null.
 */
export function refuseConsultationMember(
  state: Pick<RoomState, 'participants' | 'orders'>,
  opener: RoomParticipant,
  member: RoomParticipant,
): ConsultationRefusal {
  if (screenedApart(state, opener, member))
    return { message: 'A screen order keeps these participants apart, so they cannot be in one private consultation.' };
  if (opener.role === 'judge') return null;
  if (COUNSEL.includes(opener.role)) {
    if (isClientOf(opener, member)) return null;
    const witnessId = witnessSupportedBy(state.orders, member.id);
    const witness = witnessId ? state.participants.find((p) => p.id === witnessId) : undefined;
    if (witness && isClientOf(opener, witness)) return null;
    return { message: 'Counsel may consult only their own client in private.' };
  }
  if (opener.role === 'supporter') {
    const witnessId = witnessSupportedBy(state.orders, opener.id);
    if (witnessId !== null && (member.id === witnessId || witnessSupportedBy(state.orders, member.id) === witnessId)) return null;
    return { message: 'A supporter may consult only the witness they support.' };
  }
  return { message: 'Your role in this hearing does not allow private consultations.' };
}

/** Members of one consultation kept apart by a screen, as pairs of ids. */
export function screenedPairsIn(state: Pick<RoomState, 'participants' | 'orders'>, memberIds: readonly string[]): [string, string][] {
  const members = memberIds.map((id) => state.participants.find((p) => p.id === id)).filter((p): p is RoomParticipant => !!p);
  const pairs: [string, string][] = [];
  for (let i = 0; i < members.length; i++)
    for (let j = i + 1; j < members.length; j++)
      if (screenedApart(state, members[i], members[j])) pairs.push([members[i].id, members[j].id]);
  return pairs;
}

function isClientOf(counsel: RoomParticipant, member: RoomParticipant): boolean {
  return member.partyId !== null && counsel.clientPartyIds.includes(member.partyId);
}
