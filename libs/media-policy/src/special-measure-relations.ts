import type { PolicyParticipant } from './policy-snapshot';
import { BENCH_POLICY_ROLES, type ScreenOrder, type SupporterOrder } from './special-measure';

/**
 * Who stands where under the screen and supporter orders: the relations that both the snapshot
 * check (who may share a private room) and the media rules (whose picture reaches whom) read.
 * Written once so that the two locks can never disagree about where a screen stands.
 */
export interface OrderRelations {
  readonly participants: ReadonlyMap<string, PolicyParticipant>;
  /** Screen orders by the witness behind the screen. */
  readonly screens: ReadonlyMap<string, ScreenOrder>;
  /** Supporter orders by supporter: a supporter sits beside exactly one witness. */
  readonly supporters: ReadonlyMap<string, SupporterOrder>;
}

/** The bench (judge, clerk): never screened, never a supporter, always sees the witness. */
export function isBench(participant: PolicyParticipant): boolean {
  return BENCH_POLICY_ROLES.includes(participant.role);
}

/**
 * Whether a screen stands between `a` and `b`, and which order put it there. A screen separates
 * the witness's side — the witness and the supporters sitting beside her — from the people the
 * order screens her from. Symmetric, like a physical screen: neither side sees the other.
 */
export function screenBetween(relations: OrderRelations, a: PolicyParticipant, b: PolicyParticipant): ScreenOrder | undefined {
  return screenBehind(relations, a, b) ?? screenBehind(relations, b, a);
}

/**
 * Whether `participant` is among those `order` screens the witness from: by role or by name. The
 * order is read as written — even her own supporter is screened if the order names them or
 * their role — but the witness is never screened from herself.
 */
export function isScreenedBy(order: ScreenOrder, participant: PolicyParticipant): boolean {
  return (
    participant.id !== order.participantId &&
    (order.fromRoles.includes(participant.role) || order.fromParticipantIds.includes(participant.id))
  );
}

/** The witness `participant` supports, if a supporter order links them to one. */
export function witnessSupportedBy(relations: OrderRelations, participant: PolicyParticipant): string | undefined {
  return relations.supporters.get(participant.id)?.participantId;
}

/**
 * The supporter order that lets `a` and `b` talk in the waiting room: both are waiting to be
 * admitted and one is the other's supporter. Before admission a witness and the person who will
 * sit beside her may speak privately; nobody else reaches either of them there.
 */
export function waitingTogether(
  relations: OrderRelations & { readonly doubtful: ReadonlySet<string> },
  a: PolicyParticipant,
  b: PolicyParticipant,
): SupporterOrder | undefined {
  if (a.state !== 'waiting' || b.state !== 'waiting') return undefined;
  if (relations.doubtful.has(a.id) || relations.doubtful.has(b.id)) return undefined;
  const ofA = relations.supporters.get(a.id);
  if (ofA?.participantId === b.id) return ofA;
  const ofB = relations.supporters.get(b.id);
  return ofB?.participantId === a.id ? ofB : undefined;
}

/** A screen that keeps `other` from `behind`, where `behind` is the witness or sits beside her. */
function screenBehind(relations: OrderRelations, behind: PolicyParticipant, other: PolicyParticipant): ScreenOrder | undefined {
  const sides = [behind.id, witnessSupportedBy(relations, behind)];
  for (const witnessId of sides) {
    if (witnessId === undefined) continue;
    const order = relations.screens.get(witnessId);
    if (order && isScreenedBy(order, other)) return order;
  }
  return undefined;
}
