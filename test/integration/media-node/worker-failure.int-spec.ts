// Every mediasoup worker of a media node dies (SIGKILL) during a hearing, on real workers and the
// anonymiser's real ffmpeg: the pool respawns them (and keeps trying when a respawn fails), and a
// room that lost its worker refuses media until it is rebuilt, is rebuilt once however many
// deaths ask for it, brings its anonymised variants back on the new router, and through it all
// nobody receives what the orders forbid and the court's mute holds.
import { randomUUID } from 'node:crypto';
import type { HearingRole, RoomState } from '@ejustice/hearings';
import { NO_SHIELD, newRoomParticipant } from '@ejustice/hearings';
import type { SpecialMeasure } from '@ejustice/media-policy';
import { type AppConfig, ManualClock } from '@ejustice/platform';
import { FakeLedger, OPUS, type RecordingChannel, VP8, present } from '@ejustice/testing/media/room-harness';
import { testConfig } from '@ejustice/testing/test-env';
import { WorkerPool } from '../../../apps/media/src/mediasoup/worker-pool.service';
import { Room } from '../../../apps/media/src/room/room';

jest.setTimeout(90_000);

const TWO_WORKERS = { MEDIA_NUM_WORKERS: '2', MEDIA_RTC_PORT_BASE: '0', MEDIA_LISTEN_IP: '127.0.0.1' };
/** Longer than the pool's idea of a worker that started fine (STABLE_RUN_MS). */
const RAN_STABLY_MS = 1100;

async function until(condition: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('every mediasoup worker of a media node dies (real workers)', () => {
  it('respawns the workers, and keeps trying while a respawn fails until a worker can start again', async () => {
    const base = testConfig(TWO_WORKERS);
    // The worker binary, as the pool reads it at each spawn: missing for a while, as if the
    // machine could not start a process (no memory, a package being upgraded).
    let workerBin = base.media.workerBin;
    const config = {
      ...base,
      media: {
        ...base.media,
        get workerBin() {
          return workerBin;
        },
      },
    } as AppConfig;
    const pool = new WorkerPool(config);
    await pool.onModuleInit();
    const told: { index: number; live: number }[] = [];
    pool.onWorkerDied((index) => void told.push({ index, live: pool.live().length }));
    try {
      await new Promise((resolve) => setTimeout(resolve, RAN_STABLY_MS));
      workerBin = '/nonexistent/mediasoup-worker';
      const killed = Date.now();
      for (const slot of pool.live()) process.kill(slot.worker.pid, 'SIGKILL');
      await until(() => pool.deaths === 2, 5000, 'both deaths seen');
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(pool.live()).toEqual([]);

      // The binary is back: the next attempt starts both workers, and the room manager is told
      // with a live worker to move the rooms to.
      workerBin = base.media.workerBin;
      await until(() => pool.live().length === 2, 15_000, 'both workers respawned');
      console.info(`both workers back ${Date.now() - killed} ms after the kill (the first respawns failed)`);
      await until(() => told.some((t) => t.index === 0 && t.live > 0) && told.some((t) => t.index === 1 && t.live > 0), 5000, 'told');
      expect(new Set(pool.live().map((slot) => slot.index))).toEqual(new Set([0, 1]));
    } finally {
      await pool.onModuleDestroy();
    }
  });

  describe('a room on a worker that died', () => {
    const NAMES = ['judge', 'witness', 'counsel'] as const;
    type Name = (typeof NAMES)[number];
    const ROLES: Record<Name, HearingRole> = { judge: 'judge', witness: 'witness', counsel: 'defence_counsel' };
    const id = Object.fromEntries(NAMES.map((n) => [n, randomUUID()])) as Record<Name, string>;
    const nameOf = (participantId: string) => NAMES.find((n) => id[n] === participantId) ?? participantId;
    let pool: WorkerPool;
    let room: Room | undefined;

    beforeAll(async () => {
      pool = new WorkerPool(testConfig(TWO_WORKERS));
      await pool.onModuleInit();
    });

    afterAll(async () => {
      room?.close();
      await pool.onModuleDestroy();
    });

    /** The consumers that exist, as `viewer<-source:kind:variant`. */
    const grants = (r: Room) =>
      r
        .existingGrants()
        .map((g) => `${nameOf(g.viewerId)}<-${nameOf(g.sourceId)}:${g.kind}:${g.variant}`)
        .sort();

    /** What the orders (anonymity, screened from the defence) forbid: none may ever exist. */
    const forbidden = (r: Room) =>
      grants(r).filter(
        (g) =>
          (g.includes('<-witness:') && g.endsWith(':raw') && !g.startsWith('judge<-')) ||
          g.startsWith('counsel<-witness:video') ||
          g.startsWith('witness<-counsel:video'),
      );

    /** What a client does on `mediaReset`: both transports anew, then its microphone and camera. */
    async function rebuild(r: Room, who: Name): Promise<void> {
      const send = (await r.handle(id[who], { method: 'createWebRtcTransport', data: { direction: 'send' } })) as { transportId: string };
      await r.handle(id[who], { method: 'createWebRtcTransport', data: { direction: 'recv' } });
      const ssrc = Math.floor(Math.random() * 1e9);
      for (const [source, kind, codec, offset] of [
        ['microphone', 'audio', OPUS, 0],
        ['camera', 'video', VP8, 1],
      ] as const) {
        await r.handle(id[who], {
          method: 'produce',
          data: { transportId: send.transportId, source, kind, rtpParameters: { codecs: [codec], encodings: [{ ssrc: ssrc + offset }] } },
        });
      }
    }

    it('refuses media until rebuilt, is rebuilt once, brings back its anonymised variants, and keeps the orders and the mute throughout', async () => {
      const orders: SpecialMeasure[] = [
        { kind: 'anonymity', id: randomUUID(), participantId: id.witness, pseudonym: 'Witness K' },
        { kind: 'screen', id: randomUUID(), participantId: id.witness, fromRoles: ['defence_counsel'], fromParticipantIds: [] },
      ];
      const ledger = new FakeLedger();
      ledger.orders = orders;
      const state: RoomState = {
        hearingId: randomUUID(),
        courtId: randomUUID(),
        caseId: randomUUID(),
        title: 'R v X',
        status: 'open',
        roomLocked: false,
        floorLanguage: 'en',
        participants: NAMES.map((n) =>
          newRoomParticipant({
            id: id[n],
            role: ROLES[n],
            displayName: `Name of ${n}`,
            userId: null,
            partyId: null,
            clientPartyIds: [],
            presiding: n === 'judge',
            state: 'invited',
          }),
        ),
        consultations: [],
        orders,
      };
      const r = await Room.create({ state, shield: NO_SHIELD }, pool.slot(0)!, {
        ledger,
        clock: new ManualClock(),
        settings: { reconnectGraceSeconds: 60, audioOnlyBelowKbps: 0 },
        statsIntervalMs: 0,
      });
      room = r;
      const channels = {} as Record<Name, RecordingChannel>;
      for (const n of NAMES) channels[n] = await present(r, id[n]);
      for (const n of ['witness', 'counsel'] as const) await r.handle(id.judge, { method: 'admit', data: { participantId: id[n] } });
      await r.handle(id.witness, { method: 'setMuted', data: { muted: false } });
      await r.handle(id.judge, { method: 'muteParticipant', data: { participantId: id.counsel } });
      await until(
        () => r.anonymisedVariants().length === 2 && r.anonymisedVariants().every((v) => v.producerId !== null),
        15_000,
        'variants',
      );
      await r.drain();
      const before = grants(r);
      expect(before).toContain('counsel<-witness:audio:anonymised');
      expect(before).toContain('judge<-witness:video:raw');
      expect(forbidden(r)).toEqual([]);
      const oldFfmpeg = r.anonymisedVariants().map((v) => v.ffmpegPid);
      expect(oldFfmpeg.every((pid) => pid !== undefined && alive(pid))).toBe(true);

      // Watched every 5 ms from the kill until the end of the rebuild.
      const seen: string[] = [];
      let watching = true;
      const watch = (async () => {
        while (watching) {
          seen.push(...forbidden(r));
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      for (const n of NAMES) channels[n].notifications.length = 0;

      try {
        process.kill(pool.slot(0)!.worker.pid, 'SIGKILL');
        await until(() => r.mediaLost, 5000, 'the room sees its media lost');
        // Until rebuilt, media requests are refused as unavailable (the client waits for mediaReset).
        await expect(r.handle(id.judge, { method: 'createWebRtcTransport', data: { direction: 'recv' } })).rejects.toMatchObject({
          code: 'media.unavailable',
        });
        // The pipelines went with the worker: their ffmpeg processes too.
        await until(() => oldFfmpeg.every((pid) => !alive(pid!)), 5000, 'old ffmpeg gone');
        expect(r.anonymisedVariants()).toEqual([]);

        // Both workers' deaths (or a respawn and a death) may ask for the same room: one rebuild.
        await until(() => pool.slot(1) !== undefined, 5000, 'a live worker');
        await Promise.all([r.relocate(pool.slot(1)!), r.relocate(pool.slot(1)!)]);
        expect(r.mediaLost).toBe(false);
        expect(r.workerIndex).toBe(1);
        for (const n of NAMES)
          expect({ n, resets: channels[n].methods().filter((m) => m === 'mediaReset') }).toEqual({ n, resets: ['mediaReset'] });

        for (const n of NAMES) await rebuild(r, n);
        // The anonymised variants start again on the new router, with new ffmpeg processes.
        await until(
          () => r.anonymisedVariants().length === 2 && r.anonymisedVariants().every((v) => v.producerId !== null),
          15_000,
          'new variants',
        );
        await r.drain();
      } finally {
        watching = false;
        await watch;
      }
      expect([...new Set(seen)]).toEqual([]);
      const newFfmpeg = r.anonymisedVariants().map((v) => v.ffmpegPid);
      expect(newFfmpeg.filter((pid) => oldFfmpeg.includes(pid))).toEqual([]);
      expect(grants(r)).toEqual(before);

      // The court's mute holds: counsel's new microphone is held paused, and unmuting is refused.
      const counselMic = r.peerMedia(id.counsel)?.producers.find((p) => p.source === 'microphone');
      expect(counselMic?.producer.paused).toBe(true);
      expect(r.snapshotState().participants.find((p) => p.id === id.counsel)).toMatchObject({
        state: 'admitted',
        muted: true,
        mutedByBench: true,
      });
      await expect(r.handle(id.counsel, { method: 'setMuted', data: { muted: false } })).rejects.toMatchObject({
        code: 'media.unmute_forbidden',
      });
      expect(r.snapshotState().participants.find((p) => p.id === id.witness)).toMatchObject({ state: 'admitted', muted: false });
    });
  });
});
