// A mediasoup worker killed with SIGKILL in the middle of a hearing: the media node rebuilds the
// room on a live worker, tells the clients to reconnect their media, they do, media flows again,
// and what the judge decided (admitted, muted) holds.
import { closeTestDb, uniqueSuffix, type RunningApi, startApiServer } from '@ejustice/testing';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';
import {
  type HearingRoomFixture,
  createHearingRoomFixture,
  enter,
  linkSession,
  participantState,
} from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import {
  type ReceivingMedia,
  type SendingMedia,
  startReceiving,
  startSending,
  waitForCount,
} from '@ejustice/testing/media/werift-participant';

jest.setTimeout(120_000);

const MIN_PACKETS = 40;

describe('a media worker dies during a hearing (e2e)', () => {
  const pool = `e2e-worker-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  let f: HearingRoomFixture;
  let judge: HearingClient;
  let witness: HearingClient;
  const media_: { judge: (SendingMedia | ReceivingMedia)[]; witness: (SendingMedia | ReceivingMedia)[] } = { judge: [], witness: [] };

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_AUDIO_ONLY_BELOW_KBPS: '0' } });
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
    f = await createHearingRoomFixture(api.baseUrl);
  });

  afterAll(async () => {
    for (const m of [...media_.judge, ...media_.witness]) await m.close();
    judge?.close();
    witness?.close();
    await api?.close();
    await media?.close();
    await closeTestDb();
  });

  function room() {
    const r = media.rooms.room(f.hearingId);
    if (!r) throw new Error('no room');
    return r;
  }

  async function connectMedia(): Promise<{ judgeReceives: ReceivingMedia; witnessReceives: ReceivingMedia; witnessSends: SendingMedia }> {
    media_.judge.push(await startSending(judge));
    const witnessSends = await startSending(witness);
    media_.witness.push(witnessSends);
    const witnessReceives = await startReceiving(witness, 2);
    const judgeReceives = await startReceiving(judge, 2);
    media_.witness.push(witnessReceives);
    media_.judge.push(judgeReceives);
    return { judgeReceives, witnessReceives, witnessSends };
  }

  it('rebuilds the room on a live worker; clients reconnect; media flows again and the mute holds', async () => {
    judge = (await enter(api.baseUrl, f.judge.token, f.hearingId)).client;
    await judge.call('openHearing');
    const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
    witness = (await enter(api.baseUrl, sessionToken, f.hearingId)).client;
    await judge.call('admit', { participantId: f.witnessId });
    // The witness speaks, then the judge mutes them: the mute is the judge's, and must survive.
    await witness.call('setMuted', { muted: false });
    await judge.call('muteParticipant', { participantId: f.witnessId });

    const before = await connectMedia();
    for (const c of before.witnessReceives.consumers) {
      expect(await waitForCount(() => before.witnessReceives.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    }

    const index = room().workerIndex;
    const victim = media.pool.slot(index);
    expect(victim).toBeDefined();
    const deadPid = victim!.worker.pid;
    process.kill(deadPid, 'SIGKILL');

    // Both clients are told; they drop their media and build it anew.
    await judge.waitFor('mediaReset', () => true, 20_000);
    await witness.waitFor('mediaReset', () => true, 20_000);
    for (const m of [...media_.judge.splice(0), ...media_.witness.splice(0)]) await m.close();
    expect(media.pool.live().every((s) => s.worker.pid !== deadPid)).toBe(true);
    expect(media.pool.slot(room().workerIndex)?.worker.pid).not.toBe(deadPid);

    const after = await connectMedia();
    // Muted stays muted: the new microphone starts paused on the server, the judge's consumer shows it paused, and unmuting is still refused.
    expect(after.witnessSends.microphonePaused).toBe(true);
    expect(after.judgeReceives.consumers.find((c) => c.source === 'microphone')).toMatchObject({
      participantId: f.witnessId,
      producerPaused: true,
    });
    expect(await witness.request('setMuted', { muted: false })).toMatchObject({ ok: false, error: { code: 'media.unmute_forbidden' } });
    expect(
      room()
        .snapshotState()
        .participants.find((p) => p.id === f.witnessId),
    ).toMatchObject({ state: 'admitted', muted: true, mutedByBench: true });
    expect(await participantState(f.witnessId)).toBe('admitted');

    // Media flows again, on the new consumers.
    for (const c of after.witnessReceives.consumers) {
      expect(await waitForCount(() => after.witnessReceives.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    }
    const camera = after.judgeReceives.consumers.find((c) => c.source === 'camera');
    expect(await waitForCount(() => after.judgeReceives.packetsFor(camera!.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    const consumer = room()
      .peerMedia(f.witnessId)
      ?.consumers.find((c) => c.grant.kind === 'video');
    const stats = await consumer!.consumer.getStats();
    expect(stats.find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0).toBeGreaterThanOrEqual(MIN_PACKETS);
  });
});
