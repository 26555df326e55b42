import fc from 'fast-check';
import { HEARING_ROLES, type HearingRole } from '@ejustice/hearings/domain/hearing-role';
import { HEARING_STATUSES } from '@ejustice/hearings/domain/hearing-status';
import { PARTICIPANT_STATES } from '@ejustice/hearings/domain/participant-state';
import type { AvailableProducer } from '../consumer-plan';
import { MEDIA_KINDS, MEDIA_VARIANTS } from '../media-kind';
import type { Consultation, PolicyParticipant, PolicySnapshot } from '../policy-snapshot';
import { CONSULTATION_OPENING_ROLES } from '../role-permissions';
import type { AnonymityOrder, SpecialMeasure } from '../special-measure';

/**
 * Names are tokens that cannot occur inside one another, so a leak shows up as a substring
 * of any serialised output.
 */
export const realNameOf = (id: string): string => `⟪real:${id}⟫`;
export const pseudonymOf = (id: string): string => `⟪pseudonym:${id}⟫`;

const role = fc.constantFrom(...HEARING_ROLES);
/** Every state, weighted towards the live ones so that rooms have people to connect. */
const state = fc.oneof(
  { arbitrary: fc.constant('admitted' as const), weight: 6 },
  { arbitrary: fc.constant('in_consultation' as const), weight: 3 },
  { arbitrary: fc.constantFrom(...PARTICIPANT_STATES), weight: 3 },
);
/** Every status, weighted towards a sitting court. */
const status = fc.oneof(
  { arbitrary: fc.constant('open' as const), weight: 3 },
  { arbitrary: fc.constant('in_recess' as const), weight: 1 },
  { arbitrary: fc.constantFrom(...HEARING_STATUSES), weight: 2 },
);
const optionalFlag = fc.option(fc.boolean(), { nil: undefined });

const person = fc.record({
  role,
  state,
  room: fc.nat(2),
  muted: optionalFlag,
  handRaised: optionalFlag,
  anonymous: fc.nat(9).map((n) => n < 3),
  disclosedToRoles: fc.subarray([...HEARING_ROLES], { maxLength: 3 }),
  disclosedToPeople: fc.array(fc.nat(8), { maxLength: 2 }),
});

/** A hearing as a correct media node records it: every record agrees with every other. */
export const soundSnapshot: fc.Arbitrary<PolicySnapshot> = fc
  .record({
    status,
    people: fc.array(person, { minLength: 1, maxLength: 9 }),
    rooms: fc.integer({ min: 1, max: 3 }),
    opener: fc.nat(),
  })
  .map(({ status, people, rooms, opener }) => {
    const ids = people.map((_, i) => `p${i}`);
    const openers = ids.filter((_, i) => CONSULTATION_OPENING_ROLES.includes(people[i].role));
    // Nobody may open a consultation: then nobody is in one.
    const consultationOf = (i: number): string | null =>
      people[i].state === 'in_consultation' && openers.length > 0 ? `c${people[i].room % rooms}` : null;

    const participants: PolicyParticipant[] = people.map((p, i) => ({
      id: ids[i],
      role: p.role,
      state: p.state === 'in_consultation' && consultationOf(i) === null ? 'admitted' : p.state,
      displayName: realNameOf(ids[i]),
      consultationId: consultationOf(i),
      ...(p.muted !== undefined ? { muted: p.muted } : {}),
      ...(p.handRaised !== undefined ? { handRaised: p.handRaised } : {}),
    }));
    const consultations: Consultation[] =
      openers.length === 0
        ? []
        : Array.from({ length: rooms }, (_, k) => ({
            id: `c${k}`,
            openedBy: openers[(opener + k) % openers.length],
            memberIds: ids.filter((_, i) => consultationOf(i) === `c${k}`),
          }));
    const orders: AnonymityOrder[] = people.flatMap((p, i) =>
      p.anonymous
        ? [
            {
              kind: 'anonymity' as const,
              id: `order-${ids[i]}`,
              participantId: ids[i],
              pseudonym: pseudonymOf(ids[i]),
              disclosedToRoles: p.disclosedToRoles,
              disclosedToParticipantIds: p.disclosedToPeople.map((n) => ids[n % ids.length]),
            },
          ]
        : [],
    );
    return { hearingId: 'h1', status, participants, consultations, orders };
  });

/** One way a buggy caller, a race or stale data can spoil a snapshot. */
const corruption = fc.oneof(
  fc.record({
    type: fc.constant('consultation_id' as const),
    at: fc.nat(),
    value: fc.constantFrom(null, undefined, 'c0', 'c1', 'c9'),
  }),
  fc.record({ type: fc.constant('state' as const), at: fc.nat(), value: state }),
  fc.record({ type: fc.constant('role' as const), at: fc.nat(), value: role }),
  fc.record({ type: fc.constant('add_member' as const), at: fc.nat(), who: fc.nat() }),
  fc.record({ type: fc.constant('drop_member' as const), at: fc.nat(), who: fc.nat() }),
  fc.record({ type: fc.constant('opener' as const), at: fc.nat(), who: fc.nat() }),
  fc.record({ type: fc.constant('twin' as const), at: fc.nat(), value: role }),
  fc.record({ type: fc.constant('twin_consultation' as const), at: fc.nat() }),
  fc.record({
    type: fc.constant('bad_order' as const),
    at: fc.nat(),
    value: fc.constantFrom('unknown_kind', 'ghost_subject', 'conflicting', 'no_pseudonym'),
  }),
  fc.record({ type: fc.constant('status' as const), value: fc.constantFrom('sine_die', 'open', 'in_recess') }),
);

type Corruption = typeof corruption extends fc.Arbitrary<infer T> ? T : never;

/** Any snapshot, sound or spoilt: the rules must stay safe on all of them. */
export const anySnapshot: fc.Arbitrary<PolicySnapshot> = fc
  .tuple(soundSnapshot, fc.array(corruption, { maxLength: 3 }))
  .map(([snapshot, corruptions]) => corruptions.reduce(spoil, snapshot));

/** Producers the media node might hold for a snapshot, ghosts included. */
export function producersFor(snapshot: PolicySnapshot): fc.Arbitrary<AvailableProducer[]> {
  const sources = [...snapshot.participants.map((participant) => participant.id), 'ghost'];
  const all = sources.flatMap((sourceId) => MEDIA_KINDS.flatMap((kind) => MEDIA_VARIANTS.map((variant) => ({ sourceId, kind, variant }))));
  return fc.subarray(all);
}

function spoil(snapshot: PolicySnapshot, corruption: Corruption): PolicySnapshot {
  const participants = [...snapshot.participants];
  const consultations = [...snapshot.consultations];
  const orders: SpecialMeasure[] = [...snapshot.orders];
  const ids = [...participants.map((participant) => participant.id), 'ghost'];
  const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
  const at = 'at' in corruption ? corruption.at % participants.length : 0;

  switch (corruption.type) {
    case 'consultation_id':
      participants[at] = { ...participants[at], consultationId: corruption.value };
      break;
    case 'state':
      participants[at] = { ...participants[at], state: corruption.value };
      break;
    case 'role':
      participants[at] = { ...participants[at], role: corruption.value };
      break;
    case 'add_member':
    case 'drop_member':
    case 'opener': {
      const index = consultations.length ? corruption.at % consultations.length : -1;
      if (index < 0) break;
      const room = consultations[index];
      const who = pick(ids, corruption.who) as string;
      consultations[index] =
        corruption.type === 'add_member'
          ? { ...room, memberIds: [...room.memberIds, who] }
          : corruption.type === 'drop_member'
            ? {
                ...room,
                memberIds: room.memberIds.filter((_, i) => i !== corruption.who % Math.max(1, room.memberIds.length)),
              }
            : { ...room, openedBy: who };
      break;
    }
    case 'twin':
      participants.push({ ...participants[at], role: corruption.value as HearingRole });
      break;
    case 'twin_consultation': {
      const room = pick(consultations, corruption.at);
      if (room) consultations.push({ ...room, memberIds: [] });
      break;
    }
    case 'bad_order': {
      const subject = participants[at].id;
      const order: AnonymityOrder = {
        kind: 'anonymity',
        id: `bad-${subject}`,
        participantId: subject,
        pseudonym: pseudonymOf(subject),
      };
      if (corruption.value === 'unknown_kind') orders.push({ ...order, kind: 'screened' } as unknown as SpecialMeasure);
      if (corruption.value === 'ghost_subject') orders.push({ ...order, participantId: 'ghost' });
      if (corruption.value === 'conflicting') orders.push(order, { ...order, id: `bad2-${subject}` });
      if (corruption.value === 'no_pseudonym') orders.push({ ...order, pseudonym: '' });
      break;
    }
    case 'status':
      return { ...snapshot, participants, consultations, orders, status: corruption.value as never };
  }
  return { ...snapshot, participants, consultations, orders };
}
