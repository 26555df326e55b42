import fc from 'fast-check';
import { HEARING_ROLES, type HearingRole } from '@ejustice/vocabulary/hearing-role';
import { HEARING_STATUSES } from '@ejustice/vocabulary/hearing-status';
import { PARTICIPANT_STATES } from '@ejustice/vocabulary/participant-state';
import type { AvailableProducer } from '../consumer-plan';
import { MEDIA_KINDS, MEDIA_VARIANTS } from '../media-kind';
import type { Consultation, PolicyParticipant, PolicySnapshot } from '../policy-snapshot';
import { CONSULTATION_OPENING_ROLES } from '../role-permissions';
import type { SnapshotProblemCode } from '../snapshot-check';
import { BENCH_POLICY_ROLES, type SpecialMeasure, type SpecialMeasureKind } from '../special-measure';
import { oracle } from './policy-oracle';

/**
 * Names, pseudonyms and locations are tokens that cannot occur inside one another, so a leak
 * shows up as a substring of any serialised output.
 */
export const realNameOf = (id: string): string => `⟪real:${id}⟫`;
export const pseudonymOf = (id: string): string => `⟪pseudonym:${id}⟫`;
export const locationOf = (id: string): string => `⟪location:${id}⟫`;

const role = fc.constantFrom(...HEARING_ROLES);
const NON_BENCH_ROLES = HEARING_ROLES.filter((candidate) => !BENCH_POLICY_ROLES.includes(candidate));
const COUNSEL_ROLES: readonly HearingRole[] = ['prosecutor', 'defence_counsel', 'victim_counsel'];
const PARTIES = ['party-0', 'party-1', 'party-2'] as const;

/** Every state, weighted towards the live ones so that rooms have people to connect. */
const state = fc.oneof(
  { arbitrary: fc.constant('admitted' as const), weight: 6 },
  { arbitrary: fc.constant('in_consultation' as const), weight: 3 },
  { arbitrary: fc.constant('waiting' as const), weight: 1 },
  { arbitrary: fc.constantFrom(...PARTICIPANT_STATES), weight: 3 },
);
/** Every status, weighted towards a sitting court. */
const status = fc.oneof(
  { arbitrary: fc.constant('open' as const), weight: 3 },
  { arbitrary: fc.constant('in_recess' as const), weight: 1 },
  { arbitrary: fc.constantFrom(...HEARING_STATUSES), weight: 2 },
);
const optionalFlag = fc.option(fc.boolean(), { nil: undefined });
/** `value` in `percent` out of a hundred cases, otherwise undefined. */
const sometimes = <T>(value: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> =>
  fc.tuple(fc.nat(99), value).map(([n, v]) => (n < percent ? v : undefined));

const person = fc.record({
  role,
  state,
  room: fc.nat(2),
  muted: optionalFlag,
  handRaised: optionalFlag,
  /** 0–2: that party; 3: explicitly none; 4: no record. Counsel act for `clients` instead. */
  party: fc.nat(4),
  clients: fc.subarray([...PARTIES]),
  anonymity: sometimes(
    fc.record({
      picture: fc.constantFrom(undefined, 'blur' as const, 'silhouette' as const),
      disclosedToRoles: fc.subarray([...HEARING_ROLES], { maxLength: 3 }),
      disclosedToPeople: fc.array(fc.nat(8), { maxLength: 2 }),
    }),
    30,
  ),
  screen: sometimes(
    fc.record({
      fromRoles: fc.subarray(NON_BENCH_ROLES, { maxLength: 3 }),
      fromPeople: fc.array(fc.nat(8), { maxLength: 2 }),
    }),
    25,
  ),
  audioOnly: sometimes(fc.constant(true), 15),
  remoteRoom: sometimes(fc.constant(true), 15),
  /** The interpretation channel listened to (null: the floor, stated). */
  listening: sometimes(fc.constantFrom(null, 'fr', 'ar'), 40),
  /** For an interpreter: their channel and whether they speak on the floor. */
  interpreting: sometimes(fc.record({ channel: fc.constantFrom('fr', 'ar'), toFloor: fc.boolean() }), 70),
  /**
   * The witness (by position) this participant sits beside; `asSupporter` gives them the
   * supporter's role, `beside` puts them where she is (waiting room, court, consultation).
   */
  supports: sometimes(
    fc.record({
      witness: fc.nat(8),
      capacity: fc.constantFrom('supporter' as const, 'intermediary' as const),
      asSupporter: fc.boolean(),
      beside: fc.boolean(),
    }),
    30,
  ),
});

/**
 * A hearing as a correct media node records it: every record agrees with every other, every
 * order is well formed and names people in the hearing, no two orders conflict, and every
 * consultation holds only the company its opener may keep (rule 7 of the README).
 */
export const soundSnapshot: fc.Arbitrary<PolicySnapshot> = fc
  .record({
    status,
    people: fc.array(person, { minLength: 1, maxLength: 9 }),
    rooms: fc.integer({ min: 1, max: 3 }),
    opener: fc.nat(),
    inPrivate: sometimes(fc.constant(true), 20),
  })
  .map(({ status, people: drawn, rooms, opener, inPrivate }) => {
    const n = drawn.length;
    // Supporters mostly hold the supporter's role and are mostly beside their witness.
    const people = drawn.map((p, i) => {
      const witness = p.supports ? drawn[p.supports.witness % n] : undefined;
      if (!p.supports || !witness || BENCH_POLICY_ROLES.includes(p.role)) return p;
      const role = p.supports.asSupporter ? ('supporter' as const) : p.role;
      return p.supports.beside && p.supports.witness % n !== i ? { ...p, role, state: witness.state, room: witness.room } : { ...p, role };
    });
    const ids = people.map((_, i) => `p${i}`);
    const bench = (i: number): boolean => BENCH_POLICY_ROLES.includes(people[i].role);

    const base: PolicyParticipant[] = people.map((p, i) => ({
      id: ids[i],
      role: p.role,
      state: p.state,
      displayName: realNameOf(ids[i]),
      ...(COUNSEL_ROLES.includes(p.role)
        ? { clientPartyIds: p.clients }
        : p.party < 3
          ? { partyId: PARTIES[p.party] }
          : p.party === 3
            ? { partyId: null }
            : {}),
      ...(p.muted !== undefined ? { muted: p.muted } : {}),
      ...(p.handRaised !== undefined ? { handRaised: p.handRaised } : {}),
      ...(p.listening !== undefined ? { listening: p.listening } : {}),
      ...(p.interpreting !== undefined && p.role === 'interpreter' ? { interpreting: p.interpreting } : {}),
    }));

    const orders: SpecialMeasure[] = [];
    people.forEach((p, i) => {
      const witness = p.supports ? p.supports.witness % n : i;
      if (p.supports && witness !== i && !bench(i) && !bench(witness)) {
        orders.push({
          kind: 'supporter',
          id: `supporter-${ids[i]}`,
          participantId: ids[witness],
          supporterId: ids[i],
          capacity: p.supports.capacity,
        });
      }
    });
    people.forEach((p, i) => {
      if (p.anonymity) {
        orders.push({
          kind: 'anonymity',
          id: `anonymity-${ids[i]}`,
          participantId: ids[i],
          pseudonym: pseudonymOf(ids[i]),
          ...(p.anonymity.picture ? { picture: p.anonymity.picture } : {}),
          disclosedToRoles: p.anonymity.disclosedToRoles,
          disclosedToParticipantIds: p.anonymity.disclosedToPeople.map((k) => ids[k % n]),
        });
      }
      if (p.screen && !bench(i)) {
        const fromParticipantIds = [...new Set(p.screen.fromPeople.map((k) => k % n))]
          .filter((k) => k !== i && !bench(k))
          .map((k) => ids[k]);
        if (p.screen.fromRoles.length + fromParticipantIds.length > 0) {
          orders.push({ kind: 'screen', id: `screen-${ids[i]}`, participantId: ids[i], fromRoles: p.screen.fromRoles, fromParticipantIds });
        }
      }
      if (p.audioOnly) orders.push({ kind: 'audio_only', id: `audio-only-${ids[i]}`, participantId: ids[i] });
      if (p.remoteRoom)
        orders.push({ kind: 'remote_witness_room', id: `remote-${ids[i]}`, participantId: ids[i], location: locationOf(ids[i]) });
    });
    if (inPrivate) orders.push({ kind: 'evidence_in_private', id: 'in-private' });

    // Consultations: those who asked for room k go in if an opener may hold them all; otherwise
    // an opener is chosen and those it may not hold, or who are screened from someone already
    // in, stay in court. Nobody may open one: nobody is in one.
    const records = { participants: base, orders };
    const openers = base.map((_, i) => i).filter((i) => CONSULTATION_OPENING_ROLES.includes(people[i].role));
    const placed = new Map<number, string>();
    const consultations: Consultation[] = [];
    for (let k = 0; openers.length > 0 && k < rooms; k++) {
      const wanted = base.map((_, i) => i).filter((i) => people[i].state === 'in_consultation' && people[i].room % rooms === k);
      const holds = (o: number, m: number): boolean => oracle.mayHold(records, base[o], base[m]);
      // Every other room prefers an opener other than the judge, who may hold anyone.
      const candidates = openers.filter((o) => wanted.every((m) => holds(o, m)));
      const others = candidates.filter((o) => people[o].role !== 'judge');
      const pool = (opener + k) % 2 === 0 && others.length > 0 ? others : candidates.length > 0 ? candidates : openers;
      const chosen = pool[(opener + k) % pool.length];
      const kept: number[] = [];
      for (const m of wanted) {
        if (holds(chosen, m) && kept.every((other) => !oracle.screenedApart(records, base[other], base[m]))) kept.push(m);
      }
      for (const m of kept) placed.set(m, `c${k}`);
      consultations.push({ id: `c${k}`, openedBy: ids[chosen], memberIds: kept.map((m) => ids[m]) });
    }

    const participants: PolicyParticipant[] = base.map((p, i) => ({
      ...p,
      state: p.state === 'in_consultation' && !placed.has(i) ? 'admitted' : p.state,
      consultationId: placed.get(i) ?? null,
    }));
    return { hearingId: 'h1', status, participants, consultations, orders };
  });

/** A sound hearing in open court with a presiding judge admitted (plus whatever judges it had). */
export const openCourtWithJudge: fc.Arbitrary<PolicySnapshot> = soundSnapshot.map((snapshot) => ({
  ...snapshot,
  status: 'open',
  participants: [
    { id: 'presiding', role: 'judge', state: 'admitted', displayName: realNameOf('presiding'), consultationId: null },
    ...snapshot.participants,
  ],
}));

/**
 * Participants every spoilt case may name: a witness, a victim, a supporter and a clerk, all in
 * court, none named by any other order.
 */
const EXTRAS: readonly PolicyParticipant[] = [
  { id: 'x-witness', role: 'witness', state: 'admitted', displayName: realNameOf('x-witness') },
  { id: 'x-victim', role: 'victim', state: 'admitted', displayName: realNameOf('x-victim') },
  { id: 'x-supporter', role: 'supporter', state: 'admitted', displayName: realNameOf('x-supporter') },
  { id: 'x-clerk', role: 'clerk', state: 'admitted', displayName: realNameOf('x-clerk') },
];

interface SpoiltOrder {
  readonly name: string;
  readonly orders: readonly unknown[];
  readonly expected: SnapshotProblemCode;
}

const anonymity = (extra: object = {}): unknown => ({
  kind: 'anonymity',
  id: 'x-anonymity',
  participantId: 'x-witness',
  pseudonym: pseudonymOf('x-witness'),
  ...extra,
});
const screen = (extra: object = {}): unknown => ({
  kind: 'screen',
  id: 'x-screen',
  participantId: 'x-witness',
  fromRoles: ['defendant'],
  fromParticipantIds: [],
  ...extra,
});
const supporter = (extra: object = {}): unknown => ({
  kind: 'supporter',
  id: 'x-supporter-order',
  participantId: 'x-witness',
  supporterId: 'x-supporter',
  capacity: 'supporter',
  ...extra,
});
const remote = (extra: object = {}): unknown => ({
  kind: 'remote_witness_room',
  id: 'x-remote',
  participantId: 'x-witness',
  location: locationOf('x-witness'),
  ...extra,
});

/**
 * Orders a buggy caller, stale data or a newer version could hand us, with the problem each
 * must raise. Keyed by kind, so a new kind of order does not compile until it has spoilt cases.
 */
const SPOILT_ORDERS: Readonly<Record<SpecialMeasureKind | 'any', readonly SpoiltOrder[]>> = {
  any: [
    { name: 'not an object', orders: [null], expected: 'order_malformed' },
    {
      name: 'a kind this version cannot read',
      orders: [{ kind: 'screened', id: 'x-1', participantId: 'x-witness' }],
      expected: 'unknown_order_kind',
    },
    { name: 'no id', orders: [anonymity({ id: '' })], expected: 'order_malformed' },
  ],
  anonymity: [
    { name: 'anonymity without pseudonym', orders: [anonymity({ pseudonym: '' })], expected: 'order_malformed' },
    { name: 'anonymity with an unknown picture', orders: [anonymity({ picture: 'pixelate' })], expected: 'order_malformed' },
    { name: 'anonymity with a garbled disclosure', orders: [anonymity({ disclosedToRoles: 'clerk' })], expected: 'order_malformed' },
    { name: 'anonymity for a stranger', orders: [anonymity({ participantId: 'ghost' })], expected: 'order_subject_unknown' },
    { name: 'anonymity twice', orders: [anonymity(), anonymity({ id: 'x-anonymity-2' })], expected: 'conflicting_orders' },
  ],
  screen: [
    { name: 'screen from the clerk’s role', orders: [screen({ fromRoles: ['clerk'] })], expected: 'order_malformed' },
    { name: 'screen from a clerk by id', orders: [screen({ fromParticipantIds: ['x-clerk'] })], expected: 'order_malformed' },
    { name: 'screen for a clerk', orders: [screen({ participantId: 'x-clerk' })], expected: 'order_malformed' },
    { name: 'screen from herself', orders: [screen({ fromParticipantIds: ['x-witness'] })], expected: 'order_malformed' },
    { name: 'screen from nobody', orders: [screen({ fromRoles: [] })], expected: 'order_malformed' },
    { name: 'screen with a garbled list', orders: [screen({ fromRoles: 'defendant' })], expected: 'order_malformed' },
    { name: 'screen from a stranger', orders: [screen({ fromParticipantIds: ['ghost'] })], expected: 'order_subject_unknown' },
    { name: 'screen for a stranger', orders: [screen({ participantId: 'ghost' })], expected: 'order_subject_unknown' },
    { name: 'screen twice', orders: [screen(), screen({ id: 'x-screen-2', fromRoles: ['observer'] })], expected: 'conflicting_orders' },
  ],
  audio_only: [
    { name: 'audio only for nobody', orders: [{ kind: 'audio_only', id: 'x-audio', participantId: '' }], expected: 'order_malformed' },
    {
      name: 'audio only for a stranger',
      orders: [{ kind: 'audio_only', id: 'x-audio', participantId: 'ghost' }],
      expected: 'order_subject_unknown',
    },
    {
      name: 'audio only twice',
      orders: [
        { kind: 'audio_only', id: 'x-audio', participantId: 'x-witness' },
        { kind: 'audio_only', id: 'x-audio-2', participantId: 'x-witness' },
      ],
      expected: 'conflicting_orders',
    },
  ],
  supporter: [
    { name: 'her own supporter', orders: [supporter({ supporterId: 'x-witness' })], expected: 'order_malformed' },
    { name: 'a clerk as supporter', orders: [supporter({ supporterId: 'x-clerk' })], expected: 'order_malformed' },
    { name: 'a supporter in no capacity', orders: [supporter({ capacity: 'friend' })], expected: 'order_malformed' },
    { name: 'a stranger as supporter', orders: [supporter({ supporterId: 'ghost' })], expected: 'order_subject_unknown' },
    {
      name: 'one supporter for two witnesses',
      orders: [supporter(), supporter({ id: 'x-supporter-2', participantId: 'x-victim' })],
      expected: 'conflicting_orders',
    },
  ],
  evidence_in_private: [
    { name: 'in private without id', orders: [{ kind: 'evidence_in_private' }], expected: 'order_malformed' },
    {
      name: 'in private twice',
      orders: [
        { kind: 'evidence_in_private', id: 'x-private' },
        { kind: 'evidence_in_private', id: 'x-private-2' },
      ],
      expected: 'conflicting_orders',
    },
  ],
  remote_witness_room: [
    { name: 'remote room nowhere', orders: [remote({ location: '  ' })], expected: 'order_malformed' },
    { name: 'remote room for a stranger', orders: [remote({ participantId: 'ghost' })], expected: 'order_subject_unknown' },
    { name: 'remote room twice', orders: [remote(), remote({ id: 'x-remote-2' })], expected: 'conflicting_orders' },
  ],
};
const SPOILT_ORDER_CASES: readonly SpoiltOrder[] = Object.values(SPOILT_ORDERS).flat();

function addSpoiltOrder(snapshot: PolicySnapshot, spoilt: SpoiltOrder): PolicySnapshot {
  return {
    ...snapshot,
    participants: [...snapshot.participants, ...EXTRAS],
    orders: [...snapshot.orders, ...(spoilt.orders as SpecialMeasure[])],
  };
}

/** A correct hearing with one spoilt order added, and the problem it must raise. */
export const spoiltOrderSnapshot: fc.Arbitrary<{ snapshot: PolicySnapshot; expected: SnapshotProblemCode; name: string }> = fc
  .tuple(soundSnapshot, fc.constantFrom(...SPOILT_ORDER_CASES))
  .map(([snapshot, spoilt]) => ({ snapshot: addSpoiltOrder(snapshot, spoilt), expected: spoilt.expected, name: spoilt.name }));

interface Intrusion {
  readonly name: string;
  readonly participants: readonly PolicyParticipant[];
  readonly orders: readonly SpecialMeasure[];
  readonly openedBy: string;
}

const extra = (id: string, role: HearingRole, more: Partial<PolicyParticipant> = {}): PolicyParticipant => ({
  id,
  role,
  state: 'in_consultation',
  consultationId: 'x-room',
  displayName: realNameOf(id),
  ...more,
});

/** Consultations the room should never have opened: the second lock must cut off everyone in them. */
const INTRUSIONS: readonly Intrusion[] = [
  {
    name: 'counsel with someone who is not their client',
    participants: [
      extra('x-counsel', 'defence_counsel', { clientPartyIds: ['x-party'] }),
      extra('x-client', 'defendant', { partyId: 'x-party' }),
      extra('x-other', 'witness'),
    ],
    orders: [],
    openedBy: 'x-counsel',
  },
  {
    name: 'counsel with another counsel’s client',
    participants: [extra('x-counsel', 'prosecutor', { clientPartyIds: ['x-party'] }), extra('x-other', 'victim', { partyId: 'y-party' })],
    orders: [],
    openedBy: 'x-counsel',
  },
  {
    name: 'a supporter with someone other than their witness',
    participants: [extra('x-supporter', 'supporter'), extra('x-witness', 'witness'), extra('x-other', 'defendant')],
    orders: [{ kind: 'supporter', id: 'x-supports', participantId: 'x-witness', supporterId: 'x-supporter', capacity: 'supporter' }],
    openedBy: 'x-supporter',
  },
  {
    name: 'the judge with a screened witness and the defendant',
    participants: [extra('x-judge', 'judge'), extra('x-witness', 'witness'), extra('x-defendant', 'defendant')],
    orders: [{ kind: 'screen', id: 'x-screen', participantId: 'x-witness', fromRoles: [], fromParticipantIds: ['x-defendant'] }],
    openedBy: 'x-judge',
  },
  {
    name: 'the judge with a screened witness’s supporter and the defendant',
    participants: [
      extra('x-judge', 'judge'),
      extra('x-supporter', 'supporter'),
      extra('x-defendant', 'defendant'),
      extra('x-witness', 'witness', { state: 'admitted', consultationId: null }),
    ],
    orders: [
      { kind: 'screen', id: 'x-screen', participantId: 'x-witness', fromRoles: [], fromParticipantIds: ['x-defendant'] },
      { kind: 'supporter', id: 'x-supports', participantId: 'x-witness', supporterId: 'x-supporter', capacity: 'intermediary' },
    ],
    openedBy: 'x-judge',
  },
];

/** A correct hearing plus a consultation the law does not allow (room `x-room`). */
export const intrudedSnapshot: fc.Arbitrary<{ snapshot: PolicySnapshot; name: string; memberIds: string[] }> = fc
  .tuple(soundSnapshot, fc.constantFrom(...INTRUSIONS))
  .map(([snapshot, intrusion]) => {
    const memberIds = intrusion.participants.filter((p) => p.state === 'in_consultation').map((p) => p.id);
    return {
      name: intrusion.name,
      memberIds,
      snapshot: {
        ...snapshot,
        participants: [...snapshot.participants, ...intrusion.participants],
        consultations: [...snapshot.consultations, { id: 'x-room', openedBy: intrusion.openedBy, memberIds }],
        orders: [...snapshot.orders, ...intrusion.orders],
      },
    };
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
  fc.record({ type: fc.constant('party' as const), at: fc.nat(), value: fc.constantFrom(null, 'party-0', 'party-1', 'x-party', 7) }),
  fc.record({ type: fc.constant('add_member' as const), at: fc.nat(), who: fc.nat() }),
  fc.record({ type: fc.constant('drop_member' as const), at: fc.nat(), who: fc.nat() }),
  fc.record({ type: fc.constant('join' as const), at: fc.nat(), who: fc.nat() }),
  fc.record({ type: fc.constant('opener' as const), at: fc.nat(), who: fc.nat() }),
  fc.record({ type: fc.constant('twin' as const), at: fc.nat(), value: role }),
  fc.record({ type: fc.constant('twin_consultation' as const), at: fc.nat() }),
  fc.record({ type: fc.constant('bad_order' as const), value: fc.constantFrom(...SPOILT_ORDER_CASES) }),
  fc.record({ type: fc.constant('drop_order' as const), at: fc.nat() }),
  fc.record({ type: fc.constant('status' as const), value: fc.constantFrom('sine_die', 'open', 'in_recess', 'scheduled') }),
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
  let consultations = [...snapshot.consultations];
  let orders: SpecialMeasure[] = [...snapshot.orders];
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
    case 'party':
      participants[at] = { ...participants[at], partyId: corruption.value as string | null };
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
    case 'join': {
      // Moves someone into a consultation with both records agreeing: whether the law allows
      // their company there is for the second lock to say.
      const room = pick(consultations, corruption.who);
      if (!room) break;
      const mover = participants[at];
      consultations = consultations.map((c) => ({
        ...c,
        memberIds:
          c.id === room.id ? [...c.memberIds.filter((id) => id !== mover.id), mover.id] : c.memberIds.filter((id) => id !== mover.id),
      }));
      participants[at] = { ...mover, state: 'in_consultation', consultationId: room.id };
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
    case 'bad_order':
      return addSpoiltOrder({ ...snapshot, participants, consultations, orders }, corruption.value);
    case 'drop_order':
      // An order lifted while people are where it put them (a supporter with her witness in a
      // supporter's consultation, say).
      orders = orders.filter((_, i) => i !== corruption.at % Math.max(1, orders.length));
      break;
    case 'status':
      return { ...snapshot, participants, consultations, orders, status: corruption.value as never };
  }
  return { ...snapshot, participants, consultations, orders };
}
