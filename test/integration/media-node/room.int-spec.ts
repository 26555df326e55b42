// The Room on a real mediasoup worker, without sockets or a database: peers are recording
// channels, the ledger an in-memory fake that can be told to fail. Producers and consumers are
// real mediasoup objects (on transports nobody connects), so what the room creates is what the
// policy allowed, and a failed write leaves nothing behind.
import { randomUUID } from 'node:crypto';
import type { HearingRole, RoomState } from '@ejustice/hearings';
import { newRoomParticipant } from '@ejustice/hearings';
import { WERIFT_PARTICIPANT_RTP_CAPABILITIES } from '@ejustice/testing/media/werift-participant';
import { FakeLedger, RecordingChannel, present, roomsOnRealWorker } from '@ejustice/testing/media/room-harness';
import type { Room } from '../../../apps/media/src/room/room';

jest.setTimeout(60_000);

describe('Room (real worker, no sockets)', () => {
  const worker = roomsOnRealWorker();

  const ids = { judge: randomUUID(), witness: randomUUID(), counsel: randomUUID(), defendant: randomUUID() };

  async function newRoom(ledger = new FakeLedger()) {
    // Counsel acts for the defendant (their client): the only one they may consult in private.
    const person = (id: string, role: HearingRole) =>
      newRoomParticipant({
        id,
        role,
        displayName: `Name ${role}`,
        userId: null,
        partyId: role === 'defendant' ? 'defendant-party' : null,
        clientPartyIds: role === 'defence_counsel' ? ['defendant-party'] : [],
        state: 'invited',
      });
    const state: RoomState = {
      hearingId: randomUUID(),
      courtId: randomUUID(),
      caseId: randomUUID(),
      title: 'R v X',
      status: 'open',
      roomLocked: false,
      floorLanguage: 'en',
      participants: [
        person(ids.judge, 'judge'),
        person(ids.witness, 'witness'),
        person(ids.counsel, 'defence_counsel'),
        person(ids.defendant, 'defendant'),
      ],
      consultations: [],
      orders: [],
    };
    const room = await worker.open(state, ledger);
    return { room, ledger };
  }

  const pairs = (room: Room) =>
    room
      .existingGrants()
      .map(
        (g) =>
          `${g.viewerId === ids.judge ? 'judge' : g.viewerId === ids.witness ? 'witness' : g.viewerId === ids.counsel ? 'counsel' : 'defendant'}<-${g.sourceId === ids.judge ? 'judge' : g.sourceId === ids.witness ? 'witness' : g.sourceId === ids.counsel ? 'counsel' : 'defendant'}:${g.kind}`,
      )
      .sort();

  it('creates no consumer for a waiting participant, and exactly the allowed ones on admission', async () => {
    const { room, ledger } = await newRoom();
    const judge = await present(room, ids.judge);
    const witness = await present(room, ids.witness);
    expect(room.existingGrants()).toEqual([]);
    expect(witness.methods()).not.toContain('newConsumer');
    expect(judge.methods()).not.toContain('newConsumer');

    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.witness } });
    expect(pairs(room)).toEqual(['judge<-witness:audio', 'judge<-witness:video', 'witness<-judge:audio', 'witness<-judge:video']);
    expect(witness.methods().filter((m) => m === 'newConsumer')).toHaveLength(2);
    // Consumers are created paused and forward only once the client acknowledges them.
    expect(room.peerMedia(ids.witness)?.consumers.every((c) => c.consumer.paused)).toBe(true);
    expect(ledger.commits.map((c) => c.events.map((e) => e.action)).flat()).toEqual([
      'hearing.participant_admitted',
      'hearing.participant_waiting',
      'hearing.participant_admitted',
    ]);
  });

  it('holds a muted microphone paused on the server, and resumes it only when the participant may speak', async () => {
    const { room } = await newRoom();
    await present(room, ids.judge);
    await present(room, ids.witness);
    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.witness } });
    const mic = () => room.peerMedia(ids.witness)?.producers.find((p) => p.source === 'microphone')?.producer;
    expect(mic()?.paused).toBe(true);
    await room.handle(ids.witness, { method: 'setMuted', data: { muted: false } });
    expect(mic()?.paused).toBe(false);
    await room.handle(ids.judge, { method: 'muteParticipant', data: { participantId: ids.witness } });
    expect(mic()?.paused).toBe(true);
    await expect(room.handle(ids.witness, { method: 'resumeProducer', data: { producerId: mic()!.id } })).rejects.toMatchObject({
      code: 'signalling.invalid_request',
    });
    await expect(room.handle(ids.witness, { method: 'setMuted', data: { muted: false } })).rejects.toMatchObject({
      code: 'media.unmute_forbidden',
    });
    expect(mic()?.paused).toBe(true);
  });

  it('changes nothing when the record cannot be written: no state, no consumer, no message', async () => {
    const { room, ledger } = await newRoom();
    const judge = await present(room, ids.judge);
    const witness = await present(room, ids.witness);
    const before = JSON.stringify(room.snapshotState());
    const sent = judge.notifications.length + witness.notifications.length;
    ledger.failNext = true;
    await expect(room.handle(ids.judge, { method: 'admit', data: { participantId: ids.witness } })).rejects.toThrow('database unavailable');
    expect(JSON.stringify(room.snapshotState())).toBe(before);
    expect(room.existingGrants()).toEqual([]);
    expect(judge.notifications.length + witness.notifications.length).toBe(sent);
    // The next attempt, with the database back, goes through.
    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.witness } });
    expect(room.existingGrants()).toHaveLength(4);
  });

  it('closes forbidden consumers first when a consultation opens, and never lets media cross its walls', async () => {
    const { room } = await newRoom();
    await present(room, ids.judge);
    const counsel = await present(room, ids.counsel);
    await present(room, ids.defendant);
    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.counsel } });
    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.defendant } });
    expect(pairs(room)).toHaveLength(12);
    counsel.notifications.length = 0;
    await room.handle(ids.counsel, { method: 'openConsultation', data: { memberIds: [ids.defendant] } });
    expect(pairs(room)).toEqual([
      'counsel<-defendant:audio',
      'counsel<-defendant:video',
      'defendant<-counsel:audio',
      'defendant<-counsel:video',
    ]);
    // Order of what counsel was told: the courtroom's streams closed before anything else.
    const methods = counsel.methods();
    expect(methods.slice(0, 2)).toEqual(['consumerClosed', 'consumerClosed']);
    expect(methods).toContain('participantsChanged');
    // Counsel steps out: the client stays in the private room, alone, and still hears no one.
    await room.handle(ids.counsel, { method: 'leaveConsultation', data: {} });
    expect(pairs(room)).toEqual(['counsel<-judge:audio', 'counsel<-judge:video', 'judge<-counsel:audio', 'judge<-counsel:video']);
    await room.handle(ids.defendant, { method: 'leaveConsultation', data: {} });
    expect(room.snapshotState().consultations).toEqual([]);
    expect(pairs(room)).toHaveLength(12);
  });

  it('cuts a removed participant off at once and ends their session; leave ends one’s own', async () => {
    const { room } = await newRoom();
    await present(room, ids.judge);
    const witness = await present(room, ids.witness);
    const counsel = await present(room, ids.counsel);
    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.witness } });
    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.counsel } });
    await room.handle(ids.judge, { method: 'removeParticipant', data: { participantId: ids.witness } });
    expect(witness.ended).toBe('removed');
    expect(room.existingGrants().some((g) => g.viewerId === ids.witness || g.sourceId === ids.witness)).toBe(false);
    expect(room.connectedParticipantIds()).not.toContain(ids.witness);
    await room.handle(ids.counsel, { method: 'leave', data: {} });
    expect(counsel.ended).toBe('left');
    expect(room.snapshotState().participants.find((p) => p.id === ids.counsel)?.state).toBe('disconnected');
  });

  it('gives new ICE credentials on request, for a client whose network changed', async () => {
    const { room } = await newRoom();
    await room.join(ids.judge, new RecordingChannel(), WERIFT_PARTICIPANT_RTP_CAPABILITIES, `test:${ids.judge}`);
    const t = (await room.handle(ids.judge, { method: 'createWebRtcTransport', data: { direction: 'send' } })) as {
      transportId: string;
      iceParameters: { password: string };
    };
    const restarted = (await room.handle(ids.judge, { method: 'restartIce', data: { transportId: t.transportId } })) as {
      iceParameters: { password: string };
    };
    expect(restarted.iceParameters.password).not.toBe(t.iceParameters.password);
    await expect(room.handle(ids.judge, { method: 'restartIce', data: { transportId: randomUUID() } })).rejects.toMatchObject({
      code: 'media.transport_not_found',
    });
  });
});
