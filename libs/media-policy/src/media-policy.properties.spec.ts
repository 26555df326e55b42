import fc from 'fast-check';
import type { HearingRole } from '@ejustice/hearings/domain/hearing-role';
import { desiredConsumers, diffConsumers, grantKey, type ConsumerGrant } from './consumer-plan';
import { decideMedia } from './media-decision';
import { MEDIA_KINDS, MEDIA_VARIANTS } from './media-kind';
import { mayProduce } from './media-production';
import {
  mayLearnAbout,
  nameFor,
  viewParticipant,
  visibilityChanges,
  visibleParticipants,
  type ParticipantView,
} from './participant-visibility';
import type { PolicyParticipant, PolicySnapshot } from './policy-snapshot';
import { checkSnapshot } from './snapshot-check';
import { anySnapshot, producersFor, realNameOf, soundSnapshot } from './testing/policy-snapshot.arbitrary';

/**
 * Properties over random hearings. `anySnapshot` includes spoilt records (stale consultation
 * ids, twins, unreadable orders...): the safety properties must hold on those too — that is
 * what "fail closed" means. `soundSnapshot` is what a correct media node records; on it the
 * rules are also checked against an independent statement of the court's rules.
 */
const RUNS = { numRuns: 300 };

const withProducers = (snapshots: fc.Arbitrary<PolicySnapshot>) =>
  snapshots.chain((snapshot) => fc.tuple(fc.constant(snapshot), producersFor(snapshot)));

const ids = (snapshot: PolicySnapshot): string[] => [...new Set(snapshot.participants.map((participant) => participant.id))];
const live = (participant: PolicyParticipant): boolean => participant.state === 'admitted' || participant.state === 'in_consultation';
const records = (snapshot: PolicySnapshot, id: string): PolicyParticipant[] =>
  snapshot.participants.filter((participant) => participant.id === id);

/** The court's rules written out once more, independently of the implementation. */
const oracle = {
  mayShare: (role: HearingRole): boolean => ['judge', 'prosecutor', 'defence_counsel', 'victim_counsel'].includes(role),
  roomOf: (participant: PolicyParticipant): string | null =>
    participant.state === 'admitted' ? 'main' : participant.state === 'in_consultation' ? `c:${participant.consultationId}` : null,
  sitting: (snapshot: PolicySnapshot, room: string): boolean =>
    room === 'main' ? snapshot.status === 'open' : snapshot.status === 'open' || snapshot.status === 'in_recess',
  entitled: (snapshot: PolicySnapshot, viewer: PolicyParticipant, subjectId: string): boolean =>
    snapshot.orders
      .filter((order) => order.kind === 'anonymity' && order.participantId === subjectId)
      .every(
        (order) =>
          viewer.id === subjectId ||
          viewer.role === 'judge' ||
          (order.disclosedToRoles ?? []).includes(viewer.role) ||
          (order.disclosedToParticipantIds ?? []).includes(viewer.id),
      ),
};

describe('media policy properties', () => {
  it('a correct record of a hearing raises no problem', () => {
    fc.assert(
      fc.property(soundSnapshot, (snapshot) => {
        expect(checkSnapshot(snapshot)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('no consumer is ever planned for or from anyone outside the room, nor for oneself', () => {
    fc.assert(
      fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
        for (const grant of desiredConsumers(snapshot, producers)) {
          expect(grant.viewerId).not.toBe(grant.sourceId);
          expect(records(snapshot, grant.viewerId).every(live)).toBe(true);
          expect(records(snapshot, grant.sourceId).every(live)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('media never crosses the wall of a consultation room, and flows only while that room sits', () => {
    fc.assert(
      fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
        for (const grant of desiredConsumers(snapshot, producers)) {
          const [viewer] = records(snapshot, grant.viewerId);
          const [source] = records(snapshot, grant.sourceId);
          const room = oracle.roomOf(viewer);
          expect(room).not.toBeNull();
          expect(oracle.roomOf(source)).toBe(room);
          expect(oracle.sitting(snapshot, room as string)).toBe(true);
          if (room === 'main') {
            expect(viewer.consultationId ?? null).toBeNull();
            expect(snapshot.consultations.some((c) => c.memberIds.includes(viewer.id) || c.memberIds.includes(source.id))).toBe(false);
          } else {
            const rooms = snapshot.consultations.filter((c) => c.id === viewer.consultationId);
            expect(rooms).toHaveLength(1);
            expect(rooms[0].memberIds).toEqual(expect.arrayContaining([viewer.id, source.id]));
          }
        }
      }),
      RUNS,
    );
  });

  it('desiredConsumers plans exactly what decideMedia allows, producer by producer', () => {
    fc.assert(
      fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
        const planned = new Set(desiredConsumers(snapshot, producers).map(grantKey));
        const allowed = new Set<string>();
        for (const producer of producers) {
          for (const viewerId of ids(snapshot)) {
            const decision = decideMedia(snapshot, viewerId, producer.sourceId, producer.kind);
            if (decision.allowed && decision.variant === producer.variant) allowed.add(grantKey({ viewerId, ...producer }));
          }
        }
        expect([...planned].sort()).toEqual([...allowed].sort());
      }),
      RUNS,
    );
  });

  it('decideMedia follows the court’s rules exactly on a correct record', () => {
    fc.assert(
      fc.property(soundSnapshot, (snapshot) => {
        for (const viewer of snapshot.participants) {
          for (const source of snapshot.participants) {
            for (const kind of MEDIA_KINDS) {
              const room = oracle.roomOf(viewer);
              const expected =
                viewer.id !== source.id &&
                room !== null &&
                oracle.roomOf(source) === room &&
                oracle.sitting(snapshot, room) &&
                source.role !== 'observer' &&
                (kind !== 'screen' || oracle.mayShare(source.role)) &&
                (kind !== 'screen' || oracle.entitled(snapshot, viewer, source.id));
              const decision = decideMedia(snapshot, viewer.id, source.id, kind);
              expect(decision.allowed).toBe(expected);
              if (decision.allowed) {
                expect(decision.variant).toBe(oracle.entitled(snapshot, viewer, source.id) ? 'raw' : 'anonymised');
              }
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every planned consumer comes from someone allowed to produce it', () => {
    fc.assert(
      fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
        for (const grant of desiredConsumers(snapshot, producers)) {
          expect(mayProduce(snapshot, grant.sourceId, grant.kind)).toEqual({ allowed: true });
        }
      }),
      RUNS,
    );
  });

  it('a protected participant reaches the unentitled only anonymised, and never by screen', () => {
    fc.assert(
      fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
        for (const grant of desiredConsumers(snapshot, producers)) {
          for (const viewer of records(snapshot, grant.viewerId)) {
            if (oracle.entitled(snapshot, viewer, grant.sourceId)) continue;
            expect(grant.variant).toBe('anonymised');
            expect(grant.kind).not.toBe('screen');
          }
        }
      }),
      RUNS,
    );
  });

  it('applying diffConsumers to the existing consumers yields exactly the desired ones', () => {
    const grant = fc.record({
      viewerId: fc.constantFrom('a', 'b', 'c'),
      sourceId: fc.constantFrom('a', 'b', 'c'),
      kind: fc.constantFrom(...MEDIA_KINDS),
      variant: fc.constantFrom(...MEDIA_VARIANTS),
    });
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 20 }), fc.array(grant, { maxLength: 20 }), (existing, desired) => {
        const sut = diffConsumers(existing, desired);
        const keys = (grants: readonly ConsumerGrant[]): string[] => [...new Set(grants.map(grantKey))].sort();
        const closed = new Set(sut.close.map(grantKey));
        const existingKeys = new Set(existing.map(grantKey));
        const after = [...keys(existing).filter((key) => !closed.has(key)), ...keys(sut.open)].sort();

        expect(after).toEqual(keys(desired));
        expect(sut.close.every((g) => existingKeys.has(grantKey(g)))).toBe(true);
        expect(sut.open.every((g) => !existingKeys.has(grantKey(g)))).toBe(true);
        expect(keys(sut.close)).toHaveLength(sut.close.length);
        expect(keys(sut.open)).toHaveLength(sut.open.length);
      }),
      RUNS,
    );
  });

  it('someone outside the room sees only themselves and the judge, without name or state', () => {
    fc.assert(
      fc.property(anySnapshot, (snapshot) => {
        for (const viewer of snapshot.participants) {
          if (live(viewer)) continue;
          for (const view of visibleParticipants(snapshot, viewer.id)) {
            if (view.id === viewer.id) continue;
            expect(view).toEqual({ id: view.id, role: 'judge', displayName: null, self: false });
            expect(viewer.state).not.toBe('removed');
          }
        }
      }),
      RUNS,
    );
  });

  it('each viewer sees exactly whom the court’s rules let them see, on a correct record', () => {
    fc.assert(
      fc.property(soundSnapshot, (snapshot) => {
        for (const viewer of snapshot.participants) {
          const bench = viewer.role === 'judge' || viewer.role === 'clerk';
          const expected = snapshot.participants
            .filter(
              (subject) =>
                subject.id === viewer.id ||
                (viewer.state !== 'removed' &&
                  subject.state !== 'removed' &&
                  (!live(viewer) ? subject.role === 'judge' : bench || live(subject))),
            )
            .map((subject) => subject.id);
          expect(visibleParticipants(snapshot, viewer.id).map((view) => view.id)).toEqual(expected);
        }
      }),
      RUNS,
    );
  });

  it('events follow the list: mayLearnAbout, viewParticipant and nameFor agree with visibleParticipants', () => {
    fc.assert(
      fc.property(anySnapshot, (snapshot) => {
        for (const viewerId of [...ids(snapshot), 'ghost']) {
          const list = new Map(visibleParticipants(snapshot, viewerId).map((view) => [view.id, view]));
          for (const subjectId of [...ids(snapshot), 'ghost']) {
            expect(mayLearnAbout(snapshot, viewerId, subjectId)).toBe(list.has(subjectId));
            expect(viewParticipant(snapshot, viewerId, subjectId)).toEqual(list.get(subjectId) ?? null);
            expect(nameFor(snapshot, viewerId, subjectId)).toBe(list.get(subjectId)?.displayName ?? null);
          }
        }
      }),
      RUNS,
    );
  });

  it('a protected participant’s real name never reaches an unentitled viewer, in any output', () => {
    fc.assert(
      fc.property(anySnapshot, anySnapshot, (snapshot, before) => {
        const protectedIds = snapshot.orders.filter((order) => order.kind === 'anonymity').map((order) => order.participantId);
        for (const viewer of snapshot.participants) {
          const output = JSON.stringify([
            visibleParticipants(snapshot, viewer.id),
            ids(snapshot).map((subjectId) => [nameFor(snapshot, viewer.id, subjectId), viewParticipant(snapshot, viewer.id, subjectId)]),
            visibilityChanges(before, snapshot, viewer.id).appeared,
            visibilityChanges(before, snapshot, viewer.id).changed,
          ]);
          for (const subjectId of protectedIds) {
            if (oracle.entitled(snapshot, viewer, subjectId)) continue;
            expect(output).not.toContain(realNameOf(subjectId));
          }
        }
      }),
      RUNS,
    );
  });

  it('visibilityChanges applied to the old list gives the new list', () => {
    fc.assert(
      fc.property(anySnapshot, anySnapshot, (before, after) => {
        for (const viewerId of ids(after)) {
          const sut = visibilityChanges(before, after, viewerId);
          const list = new Map<string, ParticipantView>(visibleParticipants(before, viewerId).map((view) => [view.id, view]));
          for (const id of sut.disappeared) list.delete(id);
          for (const view of [...sut.appeared, ...sut.changed]) list.set(view.id, view);
          const byId = (a: ParticipantView, b: ParticipantView): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
          expect([...list.values()].sort(byId)).toEqual([...visibleParticipants(after, viewerId)].sort(byId));
        }
      }),
      RUNS,
    );
  });

  it('a hearing-wide problem shuts everything: no consumer, no producer, no list, no name', () => {
    fc.assert(
      fc.property(withProducers(anySnapshot), ([snapshot, producers]) => {
        fc.pre(checkSnapshot(snapshot).some((problem) => problem.scope === 'hearing'));
        expect(desiredConsumers(snapshot, producers)).toEqual([]);
        for (const id of ids(snapshot)) {
          expect(visibleParticipants(snapshot, id)).toEqual([]);
          expect(nameFor(snapshot, id, id)).toBeNull();
          for (const kind of MEDIA_KINDS) expect(mayProduce(snapshot, id, kind)).toMatchObject({ allowed: false });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the order in which participants, rooms and orders are listed changes nothing', () => {
    fc.assert(
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
          expect(desiredConsumers(shuffled, producers)).toEqual(desiredConsumers(snapshot, producers));
          for (const id of ids(snapshot)) {
            const sorted = (s: PolicySnapshot) => visibleParticipants(s, id).sort((a, b) => (a.id < b.id ? -1 : 1));
            expect(sorted(shuffled)).toEqual(sorted(snapshot));
          }
        },
      ),
      RUNS,
    );
  });
});
