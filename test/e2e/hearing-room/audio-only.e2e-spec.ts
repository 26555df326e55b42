// The audio-only fallback: when the media node estimates a participant's downlink below the
// threshold, it stops forwarding video to them (camera consumers paused, the client told) while
// audio goes on. The threshold is set above any estimate here, so the fallback must engage.
import { closeTestDb, uniqueSuffix, type RunningApi, startApiServer } from '@ejustice/testing';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';
import { createHearingRoomFixture, enter, linkSession } from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import {
  type ReceivingMedia,
  type SendingMedia,
  startReceiving,
  startSending,
  waitForCount,
} from '@ejustice/testing/media/werift-participant';

jest.setTimeout(90_000);

describe('audio-only fallback on a weak downlink (e2e)', () => {
  const pool = `e2e-audio-only-${uniqueSuffix()}`;
  let api: RunningApi;
  let media: RunningMediaNode;
  const clients: HearingClient[] = [];
  const streams: (SendingMedia | ReceivingMedia)[] = [];

  beforeAll(async () => {
    media = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_AUDIO_ONLY_BELOW_KBPS: '10000', MEDIA_STATS_INTERVAL_MS: '500' } });
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
  });

  afterAll(async () => {
    for (const s of streams) await s.close();
    for (const c of clients) c.close();
    await api?.close();
    await media?.close();
    await closeTestDb();
  });

  it('pauses video to the participant, tells them, and keeps their audio flowing', async () => {
    const f = await createHearingRoomFixture(api.baseUrl);
    const judge = (await enter(api.baseUrl, f.judge.token, f.hearingId)).client;
    clients.push(judge);
    await judge.call('openHearing');
    streams.push(await startSending(judge));
    const { sessionToken } = await linkSession(api.baseUrl, f, f.witnessId);
    const witness = (await enter(api.baseUrl, sessionToken, f.hearingId)).client;
    clients.push(witness);
    await judge.call('admit', { participantId: f.witnessId });
    const receiving = await startReceiving(witness, 2);
    streams.push(receiving);
    const camera = receiving.consumers.find((c) => c.source === 'camera')!;
    const microphone = receiving.consumers.find((c) => c.source === 'microphone')!;

    await expect(witness.waitFor('audioOnly', (a) => a.enabled, 20_000)).resolves.toEqual({ enabled: true });
    await witness.waitFor('consumerPaused', (c) => c.consumerId === camera.consumerId && c.reason === 'audio_only');
    const entries = media.rooms.room(f.hearingId)!.peerMedia(f.witnessId)!.consumers;
    expect(entries.find((e) => e.consumer.id === camera.consumerId)?.consumer.paused).toBe(true);
    expect(entries.find((e) => e.consumer.id === microphone.consumerId)?.consumer.paused).toBe(false);
    const heard = receiving.packetsFor(microphone.consumerId);
    expect(await waitForCount(() => receiving.packetsFor(microphone.consumerId), heard + 40)).toBeGreaterThanOrEqual(heard + 40);
    expect((await witness.call('getRoomState')).media.audioOnly).toBe(true);
  });
});
