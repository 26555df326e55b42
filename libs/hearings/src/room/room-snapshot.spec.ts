import type { SpecialMeasure } from '@ejustice/media-policy/special-measure';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import type { ParticipantState } from '@ejustice/vocabulary/participant-state';
import { type RoomCommand, type RoomState, applyRoomCommand, findParticipant, newRoomParticipant } from './room-state';
import {
  type RoomSnapshot,
  parseRoomSnapshot,
  restoreRoomSnapshot,
  serialiseRoomSnapshot,
  snapshotFingerprint,
  takeRoomSnapshot,
} from './room-snapshot';
import { withDefaultListening } from './interpretation';
import { ok, play, roomWith } from './room-fixtures.testing';

const NOW = 1_800_000_000_000;
const GRACE = 60_000;

/** Link holders have no account; the judge and counsel sign in. */
function person(id: string, role: HearingRole, state: ParticipantState = 'invited', language: string | null = null) {
  return newRoomParticipant({
    id,
    role,
    displayName: `Name of ${id}`,
    userId: role === 'judge' || role === 'defence_counsel' ? `user-${id}` : null,
    partyId: role === 'defendant' ? 'defendant-party' : null,
    clientPartyIds: role === 'defence_counsel' ? ['defendant-party'] : [],
    presiding: id === 'judge',
    state,
    language,
  });
}

function newRoom(overrides: Partial<RoomState> = {}): RoomState {
  return roomWith(
    [
      person('judge', 'judge'),
      person('counsel', 'defence_counsel'),
      person('defendant', 'defendant', 'invited', 'fr'),
      person('witness', 'witness'),
      person('supporter', 'supporter'),
      person('public', 'observer'),
      person('late', 'witness'),
      person('interpreter', 'interpreter', 'invited', 'fr'),
    ],
    overrides,
  );
}

const join = (participantId: string, now = NOW, sessionKey = `link:${participantId}`): RoomCommand => ({
  type: 'join',
  participantId,
  now,
  sessionKey,
});

const supporterOrder: SpecialMeasure = {
  kind: 'supporter',
  id: 'o-sup',
  participantId: 'witness',
  supporterId: 'supporter',
  capacity: 'supporter',
};

/**
 * A sitting as node A carries it: everyone in but `late` (waiting) and the public gallery; the
 * judge muted the witness; counsel is in private with his client; the defendant listens to the
 * French channel; the witness raised her hand; the judge stopped the interpreter's camera.
 */
function liveOnNodeA(orders: SpecialMeasure[] = [supporterOrder]): RoomState {
  let s = play(
    newRoom({ orders }),
    join('judge', NOW, 'user:user-judge'),
    { type: 'openHearing', actorId: 'judge' },
    join('counsel', NOW, 'user:user-counsel'),
    join('defendant'),
    join('witness'),
    join('supporter'),
    join('public'),
    join('interpreter'),
    join('late'),
  );
  for (const id of ['counsel', 'defendant', 'witness', 'public', 'interpreter'])
    s = play(s, { type: 'admit', actorId: 'judge', targetId: id });
  s = play(
    s,
    { type: 'setMuted', actorId: 'witness', muted: false },
    { type: 'mute', actorId: 'judge', targetId: 'witness' },
    { type: 'raiseHand', actorId: 'witness' },
    { type: 'stopCamera', actorId: 'judge', targetId: 'interpreter' },
    { type: 'setInterpreterOutput', actorId: 'interpreter', toFloor: true },
    { type: 'setMuted', actorId: 'counsel', muted: false },
    { type: 'openConsultation', actorId: 'counsel', consultationId: 'c1', memberIds: ['defendant'] },
  );
  return s;
}

/** What a new node loads from the database: the participant states, status and orders; nothing live. */
function loadedFromDatabase(live: RoomState): RoomState {
  return withDefaultListening({
    ...live,
    consultations: [],
    recording: undefined,
    participants: live.participants.map((p) => person(p.id, p.role, p.state, p.language)),
  });
}

/** The new node: restore, then `recover` (as Room.create does), then everyone reconnects with their own session. */
function failover(live: RoomState, snapshot: RoomSnapshot | null, now = NOW + 10_000): RoomState {
  const restored = restoreRoomSnapshot(loadedFromDatabase(live), snapshot);
  let s = play(restored, { type: 'recover', now, graceMs: GRACE, sessionsRestored: snapshot !== null });
  for (const p of live.participants) {
    if (!['waiting', 'admitted', 'in_consultation'].includes(p.state)) continue;
    s = play(s, join(p.id, now + 1000, p.userId ? `user:${p.userId}` : `link:${p.id}`));
  }
  return s;
}

const p = (s: RoomState, id: string) => findParticipant(s, id)!;

describe('room snapshot', () => {
  it('serialises and parses back to the same live state', () => {
    const snapshot = takeRoomSnapshot(liveOnNodeA(), NOW);
    const parsed = parseRoomSnapshot(serialiseRoomSnapshot(snapshot), 'h');
    expect(parsed).toEqual(snapshot);
    expect(snapshotFingerprint(takeRoomSnapshot(liveOnNodeA(), NOW + 5))).toBe(snapshotFingerprint(snapshot));
  });

  it('refuses what it did not write: damaged JSON, another hearing, another version, unchecked fields', () => {
    const raw = serialiseRoomSnapshot(takeRoomSnapshot(liveOnNodeA(), NOW));
    expect(parseRoomSnapshot(null, 'h')).toBeNull();
    expect(parseRoomSnapshot('{not json', 'h')).toBeNull();
    expect(parseRoomSnapshot(raw, 'other-hearing')).toBeNull();
    expect(parseRoomSnapshot(JSON.stringify({ ...JSON.parse(raw), version: 99 }), 'h')).toBeNull();
    const damaged = JSON.parse(raw);
    damaged.participants[0].muted = 'no';
    damaged.consultations.push({ id: 'x', openedBy: 42, memberIds: [] });
    const parsed = parseRoomSnapshot(JSON.stringify(damaged), 'h')!;
    expect(parsed.participants.map((x) => x.id)).not.toContain(damaged.participants[0].id);
    expect(parsed.consultations.map((c) => c.id)).toEqual(['c1']);
  });

  describe('a failover: restore over the database load, recover, everyone reconnects', () => {
    it('without a snapshot (as before): the bench mute, the private room and the hand are lost, the link holders wait again', () => {
      const after = failover(liveOnNodeA(), null);
      expect(p(after, 'witness')).toMatchObject({ state: 'waiting', mutedByBench: false });
      expect(p(after, 'defendant').state).toBe('waiting');
      expect(after.consultations).toEqual([]);
    });

    it('puts back mutes, hands, held cameras, channels, interpreter output, private rooms and places', () => {
      const live = liveOnNodeA();
      const after = failover(live, takeRoomSnapshot(live, NOW));
      // The bench's mute holds: unmuting is still refused.
      expect(p(after, 'witness')).toMatchObject({ state: 'admitted', muted: true, mutedByBench: true, handRaised: true });
      expect(applyRoomCommand(after, { type: 'setMuted', actorId: 'witness', muted: false })).toMatchObject({
        ok: false,
        error: { code: 'media.unmute_forbidden' },
      });
      expect(p(after, 'counsel')).toMatchObject({ state: 'in_consultation', consultationId: 'c1', muted: false });
      // The consultation keeps its members out of the courtroom.
      expect(p(after, 'defendant')).toMatchObject({ state: 'in_consultation', consultationId: 'c1', listening: 'fr' });
      expect(after.consultations).toEqual([{ id: 'c1', openedBy: 'counsel', memberIds: ['counsel', 'defendant'] }]);
      expect(p(after, 'interpreter')).toMatchObject({ state: 'admitted', cameraHeldByBench: true, toFloor: true });
      // Admission is the database's: the waiting stay waiting, the admitted come back admitted.
      expect(p(after, 'late').state).toBe('waiting');
      expect(p(after, 'public').state).toBe('admitted');
      // Her supporter came in beside her, and is back beside her.
      expect(p(after, 'supporter').state).toBe('admitted');
    });

    it('gives a place back only to the session that held it: a new link waits', () => {
      const live = liveOnNodeA();
      const restored = play(restoreRoomSnapshot(loadedFromDatabase(live), takeRoomSnapshot(live, NOW)), {
        type: 'recover',
        now: NOW + 1,
        graceMs: GRACE,
        sessionsRestored: true,
      });
      expect(play(restored, join('public', NOW + 2, 'link:a-new-link')).participants.find((x) => x.id === 'public')?.state).toBe('waiting');
      expect(play(restored, join('public', NOW + 2)).participants.find((x) => x.id === 'public')?.state).toBe('admitted');
    });

    it('keeps the empty private room until its members are back, and nobody else gets into it', () => {
      const live = liveOnNodeA();
      const recovered = play(restoreRoomSnapshot(loadedFromDatabase(live), takeRoomSnapshot(live, NOW)), {
        type: 'recover',
        now: NOW + 1,
        graceMs: GRACE,
        sessionsRestored: true,
      });
      expect(recovered.consultations).toEqual([{ id: 'c1', openedBy: 'counsel', memberIds: [] }]);
      const events = ok(applyRoomCommand(loadedFromDatabase(live), { type: 'recover', now: NOW + 1, graceMs: GRACE })).events;
      expect(events.some((e) => e.action === 'hearing.consultation_closed')).toBe(false);
      const witnessBack = play(recovered, join('witness', NOW + 2));
      expect(p(witnessBack, 'witness').consultationId).toBeNull();
    });
  });

  describe('never widens what anyone may receive, never overrides the record', () => {
    it('drops participants the database does not know and members it does not show in consultation', () => {
      const live = liveOnNodeA();
      const snapshot = takeRoomSnapshot(live, NOW);
      const forged: RoomSnapshot = {
        ...snapshot,
        participants: [...snapshot.participants, { ...snapshot.participants[0], id: 'ghost' }],
        consultations: [{ ...snapshot.consultations[0], memberIds: [...snapshot.consultations[0].memberIds, 'ghost', 'public', 'late'] }],
      };
      const restored = restoreRoomSnapshot(loadedFromDatabase(live), forged);
      expect(restored.participants.map((x) => x.id)).not.toContain('ghost');
      expect(restored.consultations).toEqual([{ id: 'c1', openedBy: 'counsel', memberIds: ['counsel', 'defendant'] }]);
      expect(p(restored, 'public')).toMatchObject({ state: 'admitted', consultationId: null });
      expect(p(restored, 'late')).toMatchObject({ state: 'waiting', consultationId: null });
    });

    it('takes states, the status and the orders from the database, whatever the snapshot says', () => {
      const live = liveOnNodeA();
      const snapshot = takeRoomSnapshot(live, NOW);
      // Since the snapshot: the consultation closed, the defendant was removed, the hearing recessed.
      const database: RoomState = {
        ...loadedFromDatabase(live),
        status: 'in_recess',
        participants: loadedFromDatabase(live).participants.map((x) =>
          x.id === 'defendant' ? { ...x, state: 'removed' as const } : x.id === 'counsel' ? { ...x, state: 'admitted' as const } : x,
        ),
      };
      const restored = restoreRoomSnapshot(database, snapshot);
      expect(restored.status).toBe('in_recess');
      expect(restored.orders).toBe(database.orders);
      expect(restored.consultations).toEqual([]);
      expect(p(restored, 'defendant')).toMatchObject({ state: 'removed', consultationId: null });
      expect(p(restored, 'counsel')).toMatchObject({ state: 'admitted', consultationId: null });
      expect(restored.participants.map((x) => x.state)).toEqual(database.participants.map((x) => x.state));
    });

    it('restores nothing once the record shows the sitting adjourned or closed', () => {
      const live = liveOnNodeA();
      for (const status of ['adjourned', 'closed'] as const) {
        const database = { ...loadedFromDatabase(live), status };
        expect(restoreRoomSnapshot(database, takeRoomSnapshot(live, NOW))).toBe(database);
      }
    });

    it('does not bring back a private room that the orders in force now forbid', () => {
      const live = liveOnNodeA();
      const screen: SpecialMeasure = {
        kind: 'screen',
        id: 'o-scr',
        participantId: 'counsel',
        fromRoles: [],
        fromParticipantIds: ['defendant'],
      };
      const restored = restoreRoomSnapshot({ ...loadedFromDatabase(live), orders: [supporterOrder, screen] }, takeRoomSnapshot(live, NOW));
      expect(restored.consultations).toEqual([]);
      expect(p(restored, 'defendant').consultationId).toBeNull();
    });

    it('never lifts the bench mute and keeps a held camera held', () => {
      const live = liveOnNodeA();
      const snapshot = takeRoomSnapshot(live, NOW);
      const tampered: RoomSnapshot = {
        ...snapshot,
        participants: snapshot.participants.map((x) => (x.id === 'witness' ? { ...x, muted: false, unmuteRequested: true } : x)),
      };
      const database = loadedFromDatabase(live);
      const held = {
        ...database,
        participants: database.participants.map((x) => (x.id === 'judge' ? { ...x, cameraHeldByBench: true } : x)),
      };
      const restored = restoreRoomSnapshot(held, tampered);
      expect(p(restored, 'witness')).toMatchObject({ muted: true, mutedByBench: true, unmuteRequested: true });
      expect(p(restored, 'judge').cameraHeldByBench).toBe(true);
    });

    it('keeps a channel only while the hearing still interprets into it, and floor output only for an interpreter', () => {
      const live = liveOnNodeA();
      const snapshot = takeRoomSnapshot(live, NOW);
      const database = loadedFromDatabase(live);
      // The interpreter's assignment was withdrawn since: no French channel any more.
      const noChannel = withDefaultListening({
        ...database,
        participants: database.participants.map((x) => (x.role === 'interpreter' ? { ...x, language: null } : x)),
      });
      const restored = restoreRoomSnapshot(noChannel, snapshot);
      expect(p(restored, 'defendant').listening).toBeNull();
      expect(p(restored, 'interpreter').toFloor).toBe(false);
    });

    it('brings back a break room only while the court is in recess', () => {
      let live = liveOnNodeA();
      live = play(live, { type: 'recessForWitness', actorId: 'judge', targetId: 'witness', consultationId: 'break' });
      const snapshot = takeRoomSnapshot(live, NOW);
      expect(restoreRoomSnapshot(loadedFromDatabase(live), snapshot).consultations.map((c) => c.id)).toEqual(['c1', 'break']);
      const reopened = { ...loadedFromDatabase(live), status: 'open' as const };
      expect(restoreRoomSnapshot(reopened, snapshot).consultations.map((c) => c.id)).toEqual(['c1']);
    });

    it('keeps a place of someone who had just dropped only while the record shows them out, for their session alone', () => {
      let live = liveOnNodeA();
      live = play(live, { type: 'disconnect', participantId: 'public', now: NOW + 5, graceMs: GRACE });
      const after = failover(live, takeRoomSnapshot(live, NOW + 5));
      expect(p(after, 'public').state).toBe('disconnected');
      const back = play(after, join('public', NOW + 20_000));
      expect(p(back, 'public').state).toBe('admitted');
      const other = play(after, join('public', NOW + 20_000, 'link:someone-else'));
      expect(p(other, 'public').state).toBe('waiting');
    });
  });

  it('a member rejoining a room the orders now forbid goes back to the courtroom, not into it', () => {
    const live = liveOnNodeA();
    let s = play(
      live,
      { type: 'disconnect', participantId: 'defendant', now: NOW + 1, graceMs: GRACE },
      {
        type: 'ordersChanged',
        orders: [
          supporterOrder,
          { kind: 'screen', id: 'o-scr', participantId: 'counsel', fromRoles: [], fromParticipantIds: ['defendant'] },
        ],
      },
    );
    s = play(s, join('defendant', NOW + 2));
    expect(p(s, 'defendant')).toMatchObject({ state: 'admitted', consultationId: null });
  });
});
