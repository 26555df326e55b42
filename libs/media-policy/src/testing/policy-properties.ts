import assert from 'node:assert/strict';
import fc from 'fast-check';
import { desiredConsumers, diffConsumers, grantKey, type ConsumerGrant } from '../consumer-plan';
import { decideMedia } from '../media-decision';
import { MEDIA_KINDS, MEDIA_VARIANTS } from '../media-kind';
import { mayProduce } from '../media-production';
import {
  mayLearnAbout,
  nameFor,
  sittingInPrivate,
  viewParticipant,
  visibilityChanges,
  visibleParticipants,
  type ParticipantView,
} from '../participant-visibility';
import type { PolicyParticipant, PolicySnapshot } from '../policy-snapshot';
import { maySelfPreview, selfPreviewGrants } from '../self-preview';
import { checkSnapshot } from '../snapshot-check';
import { oracle } from './policy-oracle';
import {
  anySnapshot,
  intrudedSnapshot,
  locationOf,
  openCourtWithJudge,
  producersFor,
  realNameOf,
  soundSnapshot,
  spoiltOrderSnapshot,
} from './policy-snapshot.arbitrary';

/**
 * The media policy's properties over random hearings, in one place for the jest spec (a few
 * hundred cases each, on every test run) and for `./ejustice policy-check` (a hundred thousand
 * cases and more, before a release or after changing a rule).
 *
 * `anySnapshot` includes spoilt records (stale consultation ids, twins, unreadable orders, rooms
 * the law does not allow...): the safety properties must hold on those too — that is what "fail
 * closed" means. `soundSnapshot` is what a correct media node records; on it the rules are also
 * checked, decision by decision and line by line, against the independent oracle.
 *
 * Assertions are node's own (`node:assert`), so the properties run outside jest as well.
 */
export interface PolicyProperty {
  /** What the court requires, as a sentence. */
  readonly name: string;
  /** Runs the property `numRuns` times (from `seed`, when given, to reproduce a run). */
  check(numRuns: number, seed?: number): PropertyOutcome;
}

export interface PropertyOutcome {
  readonly name: string;
  /** Generated cases the property held on (cases skipped by a precondition are not counted). */
  readonly cases: number;
  readonly failed: boolean;
  /** fast-check's report of the failure: the shrunk counterexample, the seed and the path. */
  readonly report?: string;
}

export interface PolicyCheckReport {
  readonly outcomes: readonly PropertyOutcome[];
  /** Cases checked over all properties. */
  readonly total: number;
  readonly failures: number;
}

const ids = (snapshot: PolicySnapshot): string[] => [...new Set(snapshot.participants.map((participant) => participant.id))];
const records = (snapshot: PolicySnapshot, id: string): PolicyParticipant[] =>
  snapshot.participants.filter((participant) => participant.id === id);
const withProducers = (snapshots: fc.Arbitrary<PolicySnapshot>) =>
  snapshots.chain((snapshot) => fc.tuple(fc.constant(snapshot), producersFor(snapshot)));

/** Everything any output of the library tells `viewerId`, serialised, for leak searches. */
function everythingTold(snapshot: PolicySnapshot, before: PolicySnapshot, viewerId: string): string {
  const changes = visibilityChanges(before, snapshot, viewerId);
  return JSON.stringify([
    visibleParticipants(snapshot, viewerId),
    ids(snapshot).map((subjectId) => [nameFor(snapshot, viewerId, subjectId), viewParticipant(snapshot, viewerId, subjectId)]),
    changes.appeared,
    changes.changed,
  ]);
}

function property<Ts>(name: string, prop: fc.IProperty<Ts>): PolicyProperty {
  return {
    name,
    check: (numRuns, seed) => {
      const details = fc.check(prop, { numRuns, includeErrorInReport: true, ...(seed !== undefined ? { seed } : {}) });
      return {
        name,
        cases: details.numRuns,
        failed: details.failed,
        ...(details.failed ? { report: fc.defaultReportMessage(details) ?? `${name}: failed` } : {}),
      };
    },
  };
}

export const POLICY_PROPERTIES: readonly PolicyProperty[] = [
  property(
    'a correct record of a hearing raises no problem',
    fc.property(soundSnapshot, (snapshot) => {
      assert.deepEqual(checkSnapshot(snapshot), []);
    }),
  ),

  property(
    'no consumer is planned for or from anyone outside the room, nor for oneself — but a witness and her supporter waiting together',
    fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
      for (const grant of desiredConsumers(snapshot, producers)) {
        assert.notEqual(grant.viewerId, grant.sourceId);
        for (const viewer of records(snapshot, grant.viewerId)) {
          for (const source of records(snapshot, grant.sourceId)) {
            const inside = oracle.live(viewer) && oracle.live(source);
            const waiting = oracle.waitingTogether(snapshot, viewer, source) && grant.kind !== 'screen';
            assert.ok(inside || waiting, `${grant.viewerId} receives ${grant.sourceId} from outside the room`);
          }
        }
      }
    }),
  ),

  property(
    'media never crosses the wall of a consultation room, and flows only while that room sits',
    fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
      for (const grant of desiredConsumers(snapshot, producers)) {
        const [viewer] = records(snapshot, grant.viewerId);
        const [source] = records(snapshot, grant.sourceId);
        const room = oracle.roomOf(viewer);
        if (room === null) continue; // the waiting room: the property above
        assert.equal(oracle.roomOf(source), room);
        assert.ok(oracle.sitting(snapshot.status, room));
        if (room === 'main') {
          assert.equal(viewer.consultationId ?? null, null);
          assert.ok(!snapshot.consultations.some((c) => c.memberIds.includes(viewer.id) || c.memberIds.includes(source.id)));
        } else {
          const rooms = snapshot.consultations.filter((c) => c.id === viewer.consultationId);
          assert.equal(rooms.length, 1);
          assert.ok(rooms[0].memberIds.includes(viewer.id) && rooms[0].memberIds.includes(source.id));
        }
      }
    }),
  ),

  property(
    'desiredConsumers plans exactly what decideMedia allows, producer by producer',
    fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
      const planned = new Set(desiredConsumers(snapshot, producers).map(grantKey));
      const allowed = new Set<string>();
      for (const producer of producers) {
        for (const viewerId of ids(snapshot)) {
          const decision = decideMedia(snapshot, viewerId, producer.sourceId, producer.kind);
          if (decision.allowed && decision.variant === producer.variant) allowed.add(grantKey({ viewerId, ...producer }));
        }
      }
      assert.deepEqual([...planned].sort(), [...allowed].sort());
    }),
  ),

  property(
    'decideMedia follows the court’s rules exactly on a correct record',
    fc.property(soundSnapshot, (snapshot) => {
      for (const viewer of snapshot.participants) {
        for (const source of snapshot.participants) {
          for (const kind of MEDIA_KINDS) {
            const expected = oracle.media(snapshot, viewer, source, kind);
            const decision = decideMedia(snapshot, viewer.id, source.id, kind);
            const context = `${viewer.id} ← ${source.id} ${kind}`;
            assert.equal(decision.allowed ? decision.variant : null, expected, context);
            if (decision.allowed) {
              const reason = oracle.waitingTogether(snapshot, viewer, source)
                ? 'waiting_room'
                : viewer.state === 'admitted'
                  ? 'main_room'
                  : 'consultation';
              assert.equal(decision.reason, reason, context);
            }
          }
        }
      }
    }),
  ),

  property(
    'no forbidden pair is ever granted, whatever the record: every grant is one the rules allow, in the variant they name',
    fc.property(anySnapshot, (snapshot) => {
      for (const viewerId of ids(snapshot)) {
        for (const sourceId of ids(snapshot)) {
          for (const kind of MEDIA_KINDS) {
            const decision = decideMedia(snapshot, viewerId, sourceId, kind);
            if (!decision.allowed) continue;
            for (const viewer of records(snapshot, viewerId)) {
              for (const source of records(snapshot, sourceId)) {
                assert.equal(oracle.media(snapshot, viewer, source, kind), decision.variant, `${viewerId} ← ${sourceId} ${kind}`);
              }
            }
          }
        }
      }
    }),
  ),

  property(
    'the judge is never blind: in open court a judge sees and hears everyone admitted who may speak, as they are (an interpreter working into a channel: on that channel)',
    fc.property(openCourtWithJudge, (snapshot) => {
      for (const judge of snapshot.participants.filter((p) => p.role === 'judge' && p.state === 'admitted')) {
        for (const source of snapshot.participants) {
          if (source.id === judge.id || source.state !== 'admitted' || source.role === 'observer') continue;
          for (const kind of ['audio', 'video'] as const) {
            // Simultaneous interpretation is for its listeners: the judge hears it by choosing its channel.
            const otherChannel =
              kind === 'audio' &&
              source.interpreting &&
              !source.interpreting.toFloor &&
              (judge.listening ?? null) !== source.interpreting.channel;
            assert.deepEqual(
              decideMedia(snapshot, judge.id, source.id, kind),
              otherChannel
                ? { allowed: false, reason: 'other_channel', orderIds: [] }
                : { allowed: true, variant: 'raw', reason: 'main_room', orderIds: [] },
              `${judge.id} ← ${source.id} ${kind}`,
            );
          }
        }
      }
    }),
  ),

  property(
    'every planned consumer comes from someone allowed to produce it',
    fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
      for (const grant of desiredConsumers(snapshot, producers)) {
        assert.deepEqual(mayProduce(snapshot, grant.sourceId, grant.kind), { allowed: true });
      }
    }),
  ),

  property(
    'a protected participant reaches the unentitled only anonymised, and never by screen',
    fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
      for (const grant of desiredConsumers(snapshot, producers)) {
        for (const viewer of records(snapshot, grant.viewerId)) {
          if (oracle.entitled(snapshot, viewer, grant.sourceId)) continue;
          assert.equal(grant.variant, 'anonymised');
          assert.notEqual(grant.kind, 'screen');
        }
      }
    }),
  ),

  property(
    'seeing oneself as others do: the only self grants are one’s own anonymised audio and video, under an anonymity order, never raw',
    fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
      const offered = new Set(producers.map((producer) => JSON.stringify([producer.sourceId, producer.kind, producer.variant])));
      const self = selfPreviewGrants(snapshot, producers);
      for (const grant of self) {
        const context = `${grant.viewerId} previews ${grant.sourceId} ${grant.kind} ${grant.variant}`;
        assert.equal(grant.viewerId, grant.sourceId, context);
        assert.equal(grant.variant, 'anonymised', context);
        assert.notEqual(grant.kind, 'screen', context);
        assert.ok(offered.has(JSON.stringify([grant.sourceId, grant.kind, grant.variant])), context);
        assert.ok(maySelfPreview(snapshot, grant.viewerId, grant.kind), context);
        assert.deepEqual(mayProduce(snapshot, grant.sourceId, grant.kind), { allowed: true }, context);
        for (const participant of records(snapshot, grant.viewerId)) {
          assert.equal(oracle.selfPreview(snapshot, participant, grant.kind), 'anonymised', context);
        }
      }
      // What the media node plans (the room's consumers and the previews): nobody receives themselves raw.
      for (const grant of [...desiredConsumers(snapshot, producers), ...self]) {
        if (grant.viewerId === grant.sourceId) assert.equal(grant.variant, 'anonymised', `${grant.viewerId} receives themselves raw`);
      }
    }),
  ),

  property(
    'selfPreviewGrants follows the court’s rule exactly on a correct record, producer by producer',
    fc.property(withProducers(soundSnapshot), ([snapshot, producers]) => {
      const expected = new Set<string>();
      for (const producer of producers) {
        if (producer.variant !== 'anonymised') continue;
        for (const participant of records(snapshot, producer.sourceId)) {
          if (oracle.selfPreview(snapshot, participant, producer.kind) === 'anonymised') {
            expected.add(grantKey({ viewerId: participant.id, ...producer }));
          }
        }
      }
      assert.deepEqual(selfPreviewGrants(snapshot, producers).map(grantKey), [...expected].sort());
      for (const participant of snapshot.participants) {
        for (const kind of MEDIA_KINDS) {
          assert.equal(maySelfPreview(snapshot, participant.id, kind), oracle.selfPreview(snapshot, participant, kind) !== null);
        }
      }
    }),
  ),

  property(
    'a private consultation carries media only when its opener may keep that company and no screen is undone',
    fc.property(anySnapshot, (snapshot) => {
      for (const viewerId of ids(snapshot)) {
        for (const sourceId of ids(snapshot)) {
          const decision = decideMedia(snapshot, viewerId, sourceId, 'audio');
          if (!decision.allowed || decision.reason !== 'consultation') continue;
          const [viewer] = records(snapshot, viewerId);
          const room = snapshot.consultations.find((c) => c.id === viewer.consultationId);
          assert.ok(room !== undefined && oracle.consultationAllowed(snapshot, room), `consultation ${viewer.consultationId}`);
        }
      }
    }),
  ),

  property(
    'applying diffConsumers to the existing consumers yields exactly the desired ones',
    fc.property(fc.array(consumerGrant(), { maxLength: 20 }), fc.array(consumerGrant(), { maxLength: 20 }), (existing, desired) => {
      const sut = diffConsumers(existing, desired);
      const keys = (grants: readonly ConsumerGrant[]): string[] => [...new Set(grants.map(grantKey))].sort();
      const closed = new Set(sut.close.map(grantKey));
      const existingKeys = new Set(existing.map(grantKey));
      const after = [...keys(existing).filter((key) => !closed.has(key)), ...keys(sut.open)].sort();

      assert.deepEqual(after, keys(desired));
      assert.ok(sut.close.every((g) => existingKeys.has(grantKey(g))));
      assert.ok(sut.open.every((g) => !existingKeys.has(grantKey(g))));
      assert.equal(keys(sut.close).length, sut.close.length);
      assert.equal(keys(sut.open).length, sut.open.length);
    }),
  ),

  property(
    'someone outside the room sees only themselves, the judge by role, and the supporter or witness waiting with them',
    fc.property(anySnapshot, (snapshot) => {
      for (const viewer of snapshot.participants) {
        if (oracle.live(viewer)) continue;
        for (const view of visibleParticipants(snapshot, viewer.id)) {
          if (view.id === viewer.id) continue;
          assert.notEqual(viewer.state, 'removed');
          const gallery = viewer.role === 'observer' && oracle.inPrivate(snapshot);
          const partner = !gallery && records(snapshot, view.id).some((subject) => oracle.waitingTogether(snapshot, viewer, subject));
          if (!partner) assert.deepEqual(view, { id: view.id, role: 'judge', displayName: null, self: false });
        }
      }
    }),
  ),

  property(
    'each viewer’s list is exactly what the court’s rules allow, line by line, on a correct record',
    fc.property(soundSnapshot, (snapshot) => {
      for (const viewer of snapshot.participants) {
        const expected = snapshot.participants.flatMap((subject) => oracle.view(snapshot, viewer, subject) ?? []);
        assert.deepEqual(visibleParticipants(snapshot, viewer.id), expected, `list of ${viewer.id}`);
      }
    }),
  ),

  property(
    'events follow the list: mayLearnAbout, viewParticipant and nameFor agree with visibleParticipants',
    fc.property(anySnapshot, (snapshot) => {
      for (const viewerId of [...ids(snapshot), 'ghost']) {
        const list = new Map(visibleParticipants(snapshot, viewerId).map((view) => [view.id, view]));
        for (const subjectId of [...ids(snapshot), 'ghost']) {
          assert.equal(mayLearnAbout(snapshot, viewerId, subjectId), list.has(subjectId));
          assert.deepEqual(viewParticipant(snapshot, viewerId, subjectId), list.get(subjectId) ?? null);
          assert.equal(nameFor(snapshot, viewerId, subjectId), list.get(subjectId)?.displayName ?? null);
        }
      }
    }),
  ),

  property(
    'a real name reaches only those entitled to it — nor a protected victim’s role — in any output',
    fc.property(anySnapshot, anySnapshot, (snapshot, before) => {
      for (const viewer of snapshot.participants) {
        const told = everythingTold(snapshot, before, viewer.id);
        for (const subject of snapshot.participants) {
          if (!oracle.knowsName(snapshot, viewer, subject)) {
            assert.ok(!told.includes(realNameOf(subject.id)), `${viewer.id} learns the name of ${subject.id}`);
          }
        }
        for (const view of visibleParticipants(snapshot, viewer.id)) {
          if (view.role !== 'victim' || view.self) continue;
          assert.ok(oracle.entitled(snapshot, viewer, view.id), `${viewer.id} learns that ${view.id} is the victim`);
        }
      }
    }),
  ),

  property(
    'a remote witness room is only ever disclosed to the bench',
    fc.property(anySnapshot, anySnapshot, (snapshot, before) => {
      const located = snapshot.orders.flatMap((order) =>
        typeof order === 'object' && order !== null && order.kind === 'remote_witness_room' ? [order.participantId] : [],
      );
      if (located.length === 0) return;
      for (const viewer of snapshot.participants) {
        if (oracle.isBench(viewer)) continue;
        const told = everythingTold(snapshot, before, viewer.id);
        for (const witnessId of located)
          assert.ok(!told.includes(locationOf(String(witnessId))), `${viewer.id} learns where ${witnessId} is`);
      }
    }),
  ),

  property(
    'the public gallery receives nothing and learns no more than the waiting room while evidence is heard in private',
    fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
      if (!oracle.inPrivate(snapshot)) {
        if (checkSnapshot(snapshot).length === 0) assert.equal(sittingInPrivate(snapshot), false);
        return;
      }
      if (checkSnapshot(snapshot).length === 0) assert.equal(sittingInPrivate(snapshot), true);
      const gallery = new Set(snapshot.participants.filter((p) => p.role === 'observer').map((p) => p.id));
      assert.ok(desiredConsumers(snapshot, producers).every((grant) => !gallery.has(grant.viewerId)));
      for (const observerId of gallery) {
        for (const view of visibleParticipants(snapshot, observerId)) {
          if (view.id === observerId) continue;
          assert.deepEqual(view, { id: view.id, role: 'judge', displayName: null, self: false });
        }
      }
    }),
  ),

  property(
    'visibilityChanges applied to the old list gives the new list',
    fc.property(anySnapshot, anySnapshot, (before, after) => {
      for (const viewerId of ids(after)) {
        const sut = visibilityChanges(before, after, viewerId);
        const list = new Map<string, ParticipantView>(visibleParticipants(before, viewerId).map((view) => [view.id, view]));
        for (const id of sut.disappeared) list.delete(id);
        for (const view of [...sut.appeared, ...sut.changed]) list.set(view.id, view);
        const byId = (a: ParticipantView, b: ParticipantView): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        assert.deepEqual([...list.values()].sort(byId), [...visibleParticipants(after, viewerId)].sort(byId));
      }
    }),
  ),

  property(
    'a hearing-wide problem shuts everything: no consumer, no producer, no list, no name',
    fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
      fc.pre(checkSnapshot(snapshot).some((problem) => problem.scope === 'hearing'));
      assertShut(snapshot, producers);
    }),
  ),

  property(
    'a spoilt order of any kind is reported, and shuts the hearing',
    fc.property(
      spoiltOrderSnapshot.chain((spoilt) => fc.tuple(fc.constant(spoilt), producersFor(spoilt.snapshot))),
      ([{ snapshot, expected, name }, producers]) => {
        const problems = checkSnapshot(snapshot);
        assert.ok(
          problems.some((problem) => problem.code === expected && problem.scope === 'hearing'),
          `${name}: expected ${expected}, got ${problems.map((problem) => problem.code).join(', ')}`,
        );
        assertShut(snapshot, producers);
      },
    ),
  ),

  property(
    'a consultation holding company its opener may not keep cuts off everyone in it, and only the bench sees them',
    fc.property(intrudedSnapshot, ({ snapshot, memberIds, name }) => {
      assert.ok(
        checkSnapshot(snapshot).some(
          (problem) =>
            problem.code === 'consultation_member_not_permitted' && problem.scope === 'participant' && problem.consultationId === 'x-room',
        ),
        name,
      );
      for (const memberId of memberIds) {
        for (const otherId of ids(snapshot)) {
          for (const kind of MEDIA_KINDS) {
            assert.equal(decideMedia(snapshot, memberId, otherId, kind).allowed, false, `${memberId} ← ${otherId}`);
            assert.equal(decideMedia(snapshot, otherId, memberId, kind).allowed, false, `${otherId} ← ${memberId}`);
          }
          // From outside the room a judge is still described by role, like any judge.
          const [other] = records(snapshot, otherId);
          const view = viewParticipant(snapshot, otherId, memberId);
          if (otherId !== memberId && !oracle.isBench(other) && view !== null) {
            assert.deepEqual(view, { id: memberId, role: 'judge', displayName: null, self: false }, `${otherId} learns of ${memberId}`);
          }
        }
      }
    }),
  ),

  property(
    'the order in which participants, rooms and orders are listed changes nothing',
    fc.property(
      withProducers(soundSnapshot).chain(([snapshot, producers]) =>
        fc.tuple(
          fc.constant(snapshot),
          fc.constant(producers),
          fc.shuffledSubarray([...snapshot.participants], { minLength: snapshot.participants.length }),
          fc.shuffledSubarray([...snapshot.consultations], { minLength: snapshot.consultations.length }),
          fc.shuffledSubarray([...snapshot.orders], { minLength: snapshot.orders.length }),
        ),
      ),
      ([snapshot, producers, participants, consultations, orders]) => {
        const shuffled = { ...snapshot, participants, consultations, orders };
        assert.deepEqual(desiredConsumers(shuffled, producers), desiredConsumers(snapshot, producers));
        for (const id of ids(snapshot)) {
          const sorted = (s: PolicySnapshot) => visibleParticipants(s, id).sort((a, b) => (a.id < b.id ? -1 : 1));
          assert.deepEqual(sorted(shuffled), sorted(snapshot));
        }
      },
    ),
  ),
];

/**
 * Runs every property, sharing `cases` among them (each gets an equal share, rounded up, so at
 * least `cases` are checked in all). `onOutcome` hears of each property as it finishes.
 */
export function checkPolicyProperties(options: {
  readonly cases: number;
  readonly seed?: number;
  readonly onOutcome?: (outcome: PropertyOutcome) => void;
}): PolicyCheckReport {
  const share = Math.max(1, Math.ceil(options.cases / POLICY_PROPERTIES.length));
  const outcomes: PropertyOutcome[] = [];
  for (const policyProperty of POLICY_PROPERTIES) {
    const outcome = policyProperty.check(share, options.seed);
    outcomes.push(outcome);
    options.onOutcome?.(outcome);
  }
  return {
    outcomes,
    total: outcomes.reduce((sum, outcome) => sum + outcome.cases, 0),
    failures: outcomes.filter((outcome) => outcome.failed).length,
  };
}

function assertShut(snapshot: PolicySnapshot, producers: Parameters<typeof desiredConsumers>[1]): void {
  assert.deepEqual(desiredConsumers(snapshot, producers), []);
  assert.deepEqual(selfPreviewGrants(snapshot, producers), []);
  assert.equal(sittingInPrivate(snapshot) && !oracle.inPrivate(snapshot), false);
  for (const id of ids(snapshot)) {
    assert.deepEqual(visibleParticipants(snapshot, id), []);
    assert.equal(nameFor(snapshot, id, id), null);
    for (const kind of MEDIA_KINDS) assert.equal(mayProduce(snapshot, id, kind).allowed, false);
  }
}

function consumerGrant(): fc.Arbitrary<ConsumerGrant> {
  return fc.record({
    viewerId: fc.constantFrom('a', 'b', 'c'),
    sourceId: fc.constantFrom('a', 'b', 'c'),
    kind: fc.constantFrom(...MEDIA_KINDS),
    variant: fc.constantFrom(...MEDIA_VARIANTS),
  });
}
