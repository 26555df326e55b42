// What the Room does with a request before it runs it, on a real mediasoup worker with a fake
// ledger that counts what it is asked and can hold a write: a request its sender may not make
// is refused before any query or mediasoup object and without waiting for the queue; one
// participant's pile of requests holds another's up by one request at most; and a peer never
// holds more than its limits.
import { randomUUID } from 'node:crypto';
import type { HearingRole, RoomActorRef, RoomEvent, RoomParticipant, RoomState } from '@ejustice/hearings';
import { newRoomParticipant } from '@ejustice/hearings';
import { FakeLedger, RecordingChannel, VP8, present, roomsOnRealWorker } from '@ejustice/testing/media/room-harness';
import { WERIFT_PARTICIPANT_RTP_CAPABILITIES } from '@ejustice/testing/media/werift-participant';
import type { Room } from '../../../apps/media/src/room/room';

jest.setTimeout(60_000);

/** Counts the record's reads, and holds every write while `held` is set until release(). */
class WatchedLedger extends FakeLedger {
  participantLoads = 0;
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;
  /** Writes that started (a held one included). */
  writesStarted = 0;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }

  override async commit(
    room: Pick<RoomState, 'hearingId' | 'courtId' | 'caseId'>,
    actor: RoomActorRef,
    events: readonly RoomEvent[],
  ): Promise<void> {
    this.writesStarted++;
    if (this.gate) await this.gate;
    return super.commit(room, actor, events);
  }

  override async loadParticipants(): Promise<RoomParticipant[]> {
    this.participantLoads++;
    return super.loadParticipants();
  }
}

/** Settles within `ms`, or says it did not (the request waited for the queue). */
function within<T>(promise: Promise<T>, ms: number): Promise<{ settled: true; error: unknown } | { settled: false }> {
  return Promise.race([
    promise.then(
      () => ({ settled: true as const, error: undefined }),
      (error: unknown) => ({ settled: true as const, error }),
    ),
    new Promise<{ settled: false }>((resolve) => setTimeout(() => resolve({ settled: false }), ms)),
  ]);
}

describe('Room: requests at the door (real worker, no sockets)', () => {
  const worker = roomsOnRealWorker();
  const ids = { judge: randomUUID(), witness: randomUUID(), counsel: randomUUID(), observer: randomUUID() };

  async function newRoom(ledger = new WatchedLedger(), settings = {}) {
    const person = (id: string, role: HearingRole) =>
      newRoomParticipant({ id, role, displayName: `Name ${role}`, userId: null, partyId: null, state: 'invited' });
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
        person(ids.observer, 'observer'),
      ],
      consultations: [],
      orders: [],
    };
    return { room: await worker.open(state, ledger, settings), ledger };
  }

  /** Joins without any media: the participant waits in the waiting room (the bench is let in). */
  async function arrive(room: Room, id: string): Promise<RecordingChannel> {
    const channel = new RecordingChannel();
    await room.join(id, channel, WERIFT_PARTICIPANT_RTP_CAPABILITIES, `test:${id}`);
    return channel;
  }

  it("refuses a waiting participant the bench's controls before anything is read from the record", async () => {
    const { room, ledger } = await newRoom();
    await arrive(room, ids.judge);
    await arrive(room, ids.witness);
    const before = ledger.participantLoads;
    // Someone the room does not know: for the bench the room would look them up in the record.
    for (const method of ['admit', 'removeParticipant', 'muteParticipant', 'stopCamera'] as const)
      await expect(room.handle(ids.witness, { method, data: { participantId: randomUUID() } })).rejects.toMatchObject({
        code: 'room.forbidden',
      });
    expect(ledger.participantLoads).toBe(before);
    // The bench still may, and then the record is read.
    await expect(room.handle(ids.judge, { method: 'admit', data: { participantId: randomUUID() } })).rejects.toMatchObject({
      code: 'room.participant_not_found',
    });
    expect(ledger.participantLoads).toBe(before + 1);
  });

  it('answers a refused request at once, while the queue is busy, and writes nothing for it', async () => {
    const { room, ledger } = await newRoom();
    await arrive(room, ids.judge);
    await arrive(room, ids.counsel);
    await arrive(room, ids.witness);
    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.counsel } });
    ledger.hold();
    const mute = room.handle(ids.judge, { method: 'muteParticipant', data: { participantId: ids.counsel } });
    await new Promise((resolve) => setImmediate(resolve));
    const writes = ledger.writesStarted;
    const refused: Parameters<Room['handle']>[1][] = [
      { method: 'openHearing', data: {} },
      { method: 'setRoomLock', data: { locked: true } },
      { method: 'admit', data: { participantId: ids.counsel } },
      { method: 'lowerHands', data: {} },
    ];
    for (const request of refused) {
      const outcome = await within(room.handle(ids.witness, request), 200);
      expect(outcome).toMatchObject({ settled: true, error: { code: 'room.forbidden' } });
    }
    expect(ledger.writesStarted).toBe(writes);
    ledger.release();
    await mute;
  });

  it('gives a role that sends nothing no sending transport, and creates nothing for the refusal', async () => {
    const { room } = await newRoom();
    await arrive(room, ids.judge);
    await arrive(room, ids.observer);
    await expect(room.handle(ids.observer, { method: 'createWebRtcTransport', data: { direction: 'send' } })).rejects.toMatchObject({
      code: 'media.produce_forbidden',
    });
    expect(room.peerMedia(ids.observer)?.transports).toEqual([]);
    // Receiving is what the gallery does.
    await room.handle(ids.observer, { method: 'createWebRtcTransport', data: { direction: 'recv' } });
    expect(room.peerMedia(ids.observer)?.transports).toHaveLength(1);
  });

  it("lets one participant's pile of requests hold another's up by one request at most", async () => {
    const { room, ledger } = await newRoom();
    await arrive(room, ids.judge);
    await arrive(room, ids.counsel);
    await arrive(room, ids.witness);
    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.counsel } });
    const commitsBefore = ledger.commits.length;
    ledger.hold();
    // The waiting witness asks for a break twenty times (each is allowed, and audited).
    const pile = Array.from({ length: 20 }, () => room.handle(ids.witness, { method: 'requestBreak', data: {} }));
    await new Promise((resolve) => setImmediate(resolve));
    const mute = room.handle(ids.judge, { method: 'muteParticipant', data: { participantId: ids.counsel } });
    ledger.release();
    await Promise.all([mute, ...pile]);
    const order = ledger.commits.slice(commitsBefore).map((c) => (c.actor === 'system' ? 'system' : c.actor.participantId));
    expect(order).toHaveLength(21);
    // The judge's mute is recorded right after the break request that was running, not after twenty.
    expect(order.indexOf(ids.judge)).toBeLessThanOrEqual(1);
    expect(room.queuedRequests(ids.witness)).toBe(0);
  });

  it('keeps a peer within its limits: nothing made beyond them, and a refusal with a code', async () => {
    const { room } = await newRoom(new WatchedLedger(), { peerLimits: { transports: 2, producers: 2, consumers: 1 } });
    await present(room, ids.judge);
    const send = room.peerMedia(ids.judge)?.transports.find((t) => t.appData.direction === 'send');
    await expect(
      room.handle(ids.judge, {
        method: 'produce',
        data: { transportId: send!.id, source: 'screen', kind: 'video', rtpParameters: { codecs: [VP8], encodings: [{ ssrc: 777 }] } },
      }),
    ).rejects.toMatchObject({ code: 'signalling.limit_reached' });
    expect(
      room
        .peerMedia(ids.judge)
        ?.producers.map((p) => p.source)
        .sort(),
    ).toEqual(['camera', 'microphone']);
    // Counsel sends sound and picture; once admitted, the judge receives one of them only.
    await present(room, ids.counsel);
    await room.handle(ids.judge, { method: 'admit', data: { participantId: ids.counsel } });
    expect(room.peerMedia(ids.judge)?.consumers).toHaveLength(1);
    // However often a transport is asked for, a peer holds one per direction.
    for (let i = 0; i < 5; i++) await room.handle(ids.judge, { method: 'createWebRtcTransport', data: { direction: 'recv' } });
    expect(room.peerMedia(ids.judge)?.transports.filter((t) => !t.closed)).toHaveLength(2);
  });
});
