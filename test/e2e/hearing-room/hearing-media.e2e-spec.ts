// Audio and video through the hearing room: werift peers send ffmpeg's Opus and VP8 and receive
// what the media node forwards, all negotiated through the signalling socket, against the real
// api, media node (mediasoup), PostgreSQL and Redis. Checks that the waiting room receives
// nothing (no consumer exists), that admission opens media both ways, that a consultation room
// is sealed, and who may produce what.
import { closeTestDb, uniqueSuffix, type RunningApi, startApiServer } from '@ejustice/testing';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';
import { type HearingRoomFixture, createHearingRoomFixture, enter, linkSession } from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import {
  type ReceivingMedia,
  type SendingMedia,
  startReceiving,
  startSending,
  waitForCount,
} from '@ejustice/testing/media/werift-participant';

jest.setTimeout(120_000);

/** Well below what the senders produce in the wait (Opus ~50 packets/s, VP8 some dozens) but far above zero. */
const MIN_PACKETS = 40;

describe('hearing room media (e2e)', () => {
  const pool = `e2e-media-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  let f: HearingRoomFixture;
  let judge: HearingClient;
  let witness: HearingClient;
  const closers: (() => unknown)[] = [];

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_STATS_INTERVAL_MS: '1000', MEDIA_AUDIO_ONLY_BELOW_KBPS: '0' } });
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
    f = await createHearingRoomFixture(api.baseUrl);
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    await api?.close();
    await media?.close();
    await closeTestDb();
  });

  function track<T extends SendingMedia | ReceivingMedia>(m: T): T {
    closers.push(() => m.close());
    return m;
  }

  function room() {
    const r = media.rooms.room(f.hearingId);
    if (!r) throw new Error('no room');
    return r;
  }

  async function serverPackets(viewerId: string, consumerId: string): Promise<number> {
    const entry = room()
      .peerMedia(viewerId)
      ?.consumers.find((c) => c.consumer.id === consumerId);
    if (!entry) return 0;
    const stats = await entry.consumer.getStats();
    return stats.find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0;
  }

  it('lets a waiting witness send, but creates no consumer to or from the waiting room', async () => {
    const j = await enter(api.baseUrl, f.judge.token, f.hearingId);
    judge = j.client;
    closers.push(() => judge.close());
    await judge.call('openHearing');
    track(await startSending(judge));

    const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
    const w = await enter(api.baseUrl, sessionToken, f.hearingId);
    witness = w.client;
    closers.push(() => witness.close());
    expect(w.joined.self.state).toBe('waiting');
    const sending = track(await startSending(witness));
    // Producing from the waiting room is allowed (testimony starts at once on admission); the
    // microphone starts paused on the server: everyone but the judge joins muted.
    expect(sending.producerIds.camera).toEqual(expect.any(String));
    expect(sending.microphonePaused).toBe(true);
    await witness.call('createWebRtcTransport', { direction: 'recv' });
    await judge.call('createWebRtcTransport', { direction: 'recv' });

    // Give the room every chance to (wrongly) route something.
    await new Promise((r) => setTimeout(r, 1500));
    const grants = room().existingGrants();
    expect(grants.filter((g) => g.viewerId === f.witnessId)).toEqual([]);
    expect(grants.filter((g) => g.sourceId === f.witnessId)).toEqual([]);
    expect(room().peerMedia(f.witnessId)?.consumers).toEqual([]);
    expect(witness.received('newConsumer')).toEqual([]);
    expect(judge.received('newConsumer')).toEqual([]);
  });

  it('opens media both ways on admission, and packets flow', async () => {
    await judge.call('admit', { participantId: f.witnessId });
    const witnessReceives = track(await startReceiving(witness, 2));
    expect(witnessReceives.consumers.map((c) => [c.participantId, c.source]).sort()).toEqual([
      [f.judge.participantId, 'camera'],
      [f.judge.participantId, 'microphone'],
    ]);
    const judgeReceives = track(await startReceiving(judge, 2));
    const witnessMic = judgeReceives.consumers.find((c) => c.source === 'microphone');
    const witnessCam = judgeReceives.consumers.find((c) => c.source === 'camera');
    expect(witnessMic).toMatchObject({ participantId: f.witnessId, producerPaused: true });
    expect(witnessCam).toMatchObject({ participantId: f.witnessId });

    for (const c of witnessReceives.consumers) {
      expect(await waitForCount(() => witnessReceives.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    }
    expect(await waitForCount(() => judgeReceives.packetsFor(witnessCam!.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    // The muted microphone sends nothing on; once the witness unmutes, it does.
    expect(await serverPackets(f.judge.participantId, witnessMic!.consumerId)).toBe(0);
    await witness.call('setMuted', { muted: false });
    await judge.waitFor('consumerResumed', (c) => c.consumerId === witnessMic!.consumerId);
    expect(await waitForCount(() => judgeReceives.packetsFor(witnessMic!.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
  });

  it('names the dominant speaker to those who hear them, and to nobody else', async () => {
    // The judge's microphone is live (the judge joins unmuted); the witness hears the judge.
    await expect(witness.waitFor('activeSpeaker', (a) => a.participantId === f.judge.participantId, 15_000)).resolves.toBeDefined();
    // Nobody is told about a voice they cannot hear: the judge does not hear themselves.
    expect(judge.received('activeSpeaker').filter((a) => a.participantId === f.judge.participantId)).toEqual([]);
  });

  it('reports network health to the participant and the bench only', async () => {
    const own = await witness.waitFor('networkHealth', (h) => h.participantId === f.witnessId, 10_000);
    expect(['good', 'fair', 'poor', 'unknown']).toContain(own.quality);
    await judge.waitFor('networkHealth', (h) => h.participantId === f.witnessId, 10_000);
    expect(witness.received('networkHealth').every((h) => h.participantId === f.witnessId)).toBe(true);
  });

  it('refuses screen sharing to a witness (the judge and counsel only)', async () => {
    const send = room().peerMedia(f.witnessId)?.transports[0];
    expect(send).toBeDefined();
    const ack = await witness.request('produce', {
      transportId: send!.id,
      source: 'screen',
      kind: 'video',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }], encodings: [{ ssrc: 4242 }] },
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'media.produce_forbidden' } });
  });

  it('seals a private consultation: media flows among its members only, and comes back when it closes', async () => {
    const counsel = (await enter(api.baseUrl, f.counsel.token, f.hearingId)).client;
    closers.push(() => counsel.close());
    const { sessionToken } = await linkSession(api.baseUrl, f, f.defendantId);
    const defendant = (await enter(api.baseUrl, sessionToken, f.hearingId)).client;
    closers.push(() => defendant.close());
    track(await startSending(counsel, { microphone: true }));
    track(await startSending(defendant, { microphone: true }));
    await judge.call('admit', { participantId: f.counsel.participantId });
    await judge.call('admit', { participantId: f.defendantId });
    await counsel.call('createWebRtcTransport', { direction: 'recv' });
    await defendant.call('createWebRtcTransport', { direction: 'recv' });
    const inCourt = (viewer: string, source: string) =>
      room()
        .existingGrants()
        .some((g) => g.viewerId === viewer && g.sourceId === source);
    await waitForCount(() => (inCourt(f.judge.participantId, f.counsel.participantId) ? 1 : 0), 1, 5000);
    expect(inCourt(f.judge.participantId, f.counsel.participantId)).toBe(true);
    expect(inCourt(f.counsel.participantId, f.witnessId)).toBe(true);

    const judgeConsumerOfCounsel = room()
      .peerMedia(f.judge.participantId)
      ?.consumers.find((c) => c.grant.sourceId === f.counsel.participantId)?.consumer.id;
    const { consultationId } = await counsel.call('openConsultation', { memberIds: [f.defendantId] });
    await judge.waitFor('consumerClosed', (c) => c.consumerId === judgeConsumerOfCounsel);

    const grants = room().existingGrants();
    const members = new Set([f.counsel.participantId, f.defendantId]);
    // Nothing crosses the wall, either way.
    expect(grants.filter((g) => members.has(g.viewerId) !== members.has(g.sourceId))).toEqual([]);
    expect(grants.filter((g) => members.has(g.viewerId)).map((g) => [g.viewerId, g.sourceId, g.kind])).toEqual(
      expect.arrayContaining([
        [f.counsel.participantId, f.defendantId, 'audio'],
        [f.defendantId, f.counsel.participantId, 'audio'],
      ]),
    );
    // The courtroom sees that they are away, not with whom.
    const listed = (await witness.call('getRoomState')).participants.find((p) => p.id === f.counsel.participantId);
    expect(listed).toMatchObject({ state: 'in_consultation' });
    expect(listed?.consultationId).toBeUndefined();
    expect((await judge.call('getRoomState')).participants.find((p) => p.id === f.counsel.participantId)?.consultationId).toBe(
      consultationId,
    );

    await counsel.call('closeConsultation', { consultationId });
    await waitForCount(() => (inCourt(f.judge.participantId, f.counsel.participantId) ? 1 : 0), 1, 5000);
    expect(inCourt(f.judge.participantId, f.counsel.participantId)).toBe(true);
    expect(inCourt(f.counsel.participantId, f.judge.participantId)).toBe(true);
  });

  it('stops all courtroom media during a recess and brings it back on resumption', async () => {
    await judge.call('recessHearing');
    expect(
      room()
        .existingGrants()
        .filter((g) => g.viewerId === f.witnessId || g.sourceId === f.witnessId),
    ).toEqual([]);
    await judge.call('openHearing');
    await waitForCount(
      () =>
        room()
          .existingGrants()
          .filter((g) => g.viewerId === f.witnessId).length,
      2,
      5000,
    );
    expect(
      room()
        .existingGrants()
        .filter((g) => g.viewerId === f.witnessId).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('stops a camera on the judge’s order: the producer is closed and its consumers with it', async () => {
    const camera = room()
      .peerMedia(f.witnessId)
      ?.producers.find((p) => p.source === 'camera')?.producer.id;
    const judgeConsumer = room()
      .peerMedia(f.judge.participantId)
      ?.consumers.find((c) => c.grant.sourceId === f.witnessId && c.grant.kind === 'video')?.consumer.id;
    expect(camera).toBeDefined();
    expect(judgeConsumer).toBeDefined();
    await judge.call('stopCamera', { participantId: f.witnessId });
    await witness.waitFor('producerClosed', (p) => p.producerId === camera && p.reason === 'stopped_by_bench');
    await judge.waitFor('consumerClosed', (c) => c.consumerId === judgeConsumer);
    expect(
      room()
        .existingGrants()
        .some((g) => g.sourceId === f.witnessId && g.kind === 'video'),
    ).toBe(false);
  });
});
