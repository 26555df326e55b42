// The Room on a real mediasoup worker without sockets or a database, for integration tests:
// peers are recording channels, the ledger an in-memory fake that can be told to fail and that
// serves whatever orders the test records. Producers and consumers are real mediasoup objects
// (on transports nobody connects), so what the room creates is what the policy allowed.
import type { RoomActorRef, RoomEvent, RoomParticipant, RoomState, ServerNotification, SessionEndReason } from '@ejustice/hearings';
import type { SpecialMeasure } from '@ejustice/media-policy';
import { NO_SHIELD } from '@ejustice/hearings';
import { ManualClock } from '@ejustice/platform';
import { WorkerPool } from '../../../apps/media/src/mediasoup/worker-pool.service';
import type { PeerChannel } from '../../../apps/media/src/room/peer';
import { Room, type RoomLedgerPort, type RoomSettings } from '../../../apps/media/src/room/room';
import { testConfig } from '../test-env';
import { WERIFT_PARTICIPANT_RTP_CAPABILITIES } from './werift-participant';

export class FakeLedger implements RoomLedgerPort {
  readonly commits: { actor: RoomActorRef; events: readonly RoomEvent[] }[] = [];
  failNext = false;
  /** The orders "in the record": what loadOrders answers. */
  orders: SpecialMeasure[] = [];

  async commit(
    _room: Pick<RoomState, 'hearingId' | 'courtId' | 'caseId'>,
    actor: RoomActorRef,
    events: readonly RoomEvent[],
  ): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database unavailable');
    }
    if (events.length > 0) this.commits.push({ actor, events });
  }

  async loadParticipants(): Promise<RoomParticipant[]> {
    return [];
  }

  async loadShield() {
    return NO_SHIELD;
  }

  async loadOrders(): Promise<SpecialMeasure[]> {
    return this.orders;
  }
}

export class RecordingChannel implements PeerChannel {
  readonly notifications: ServerNotification[] = [];
  ended: SessionEndReason | null = null;
  notify(n: ServerNotification): void {
    this.notifications.push(n);
  }
  end(reason: SessionEndReason): void {
    this.ended = reason;
  }
  methods(): string[] {
    return this.notifications.map((n) => n.method);
  }
}

export const OPUS = { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] };
export const VP8 = { mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {}, rtcpFeedback: [] };

/** Joins, opens both transports and produces a microphone and a camera (unconnected: no packets needed). */
export async function present(room: Room, id: string): Promise<RecordingChannel> {
  const channel = new RecordingChannel();
  await room.join(id, channel, WERIFT_PARTICIPANT_RTP_CAPABILITIES, `test:${id}`);
  const send = (await room.handle(id, { method: 'createWebRtcTransport', data: { direction: 'send' } })) as { transportId: string };
  await room.handle(id, { method: 'createWebRtcTransport', data: { direction: 'recv' } });
  const ssrc = Math.floor(Math.random() * 1e9);
  await room.handle(id, {
    method: 'produce',
    data: { transportId: send.transportId, source: 'microphone', kind: 'audio', rtpParameters: { codecs: [OPUS], encodings: [{ ssrc }] } },
  });
  await room.handle(id, {
    method: 'produce',
    data: {
      transportId: send.transportId,
      source: 'camera',
      kind: 'video',
      rtpParameters: { codecs: [VP8], encodings: [{ ssrc: ssrc + 1 }] },
    },
  });
  return channel;
}

/** Joins and opens a receiving transport only: the public gallery, which sends nothing. */
export async function listen(room: Room, id: string): Promise<RecordingChannel> {
  const channel = new RecordingChannel();
  await room.join(id, channel, WERIFT_PARTICIPANT_RTP_CAPABILITIES, `test:${id}`);
  await room.handle(id, { method: 'createWebRtcTransport', data: { direction: 'recv' } });
  return channel;
}

/**
 * A suite's real mediasoup worker (one, on loopback), started before its tests and stopped after
 * them, and a way to open Rooms on it (closed at the end): no sockets, no database.
 */
export function roomsOnRealWorker(): {
  open(state: RoomState, ledger: FakeLedger, settings?: Partial<RoomSettings>): Promise<Room>;
} {
  let pool: WorkerPool | undefined;
  const rooms: Room[] = [];
  beforeAll(async () => {
    pool = new WorkerPool(testConfig({ MEDIA_NUM_WORKERS: '1', MEDIA_RTC_PORT_BASE: '0', MEDIA_LISTEN_IP: '127.0.0.1' }));
    await pool.onModuleInit();
  });
  afterAll(async () => {
    for (const room of rooms) room.close();
    await pool?.onModuleDestroy();
  });
  return {
    async open(state, ledger, settings = {}) {
      if (!pool) throw new Error('the worker pool did not start');
      const room = await Room.create({ state, shield: NO_SHIELD }, pool.live()[0], {
        ledger,
        clock: new ManualClock(),
        settings: { reconnectGraceSeconds: 60, audioOnlyBelowKbps: 0, ...settings },
        statsIntervalMs: 0,
      });
      rooms.push(room);
      return room;
    },
  };
}
