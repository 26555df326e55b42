// A viewer served by an edge node gets what a viewer on the origin gets: the network-health
// indicator and the audio-only fallback, from the edge's statistics of their connection (the
// origin's room decides, the edge reads and applies). Two real media nodes in one pool, the
// second member of the public gallery on the edge (MEDIA_CASCADE_AFTER_VIEWERS=1), real RTP
// through werift peers, and the audio-only threshold above any estimate, so the fallback must
// engage for everyone, the edge's viewer included.
import { closeTestDb, createParticipant, http, type RunningApi, startApiServer, uniqueSuffix } from '@ejustice/testing';
import { type HearingRoomFixture, closedAtEnd, createHearingRoomFixture, enter, enterByLink } from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { startReceiving, startSending, waitForCount } from '@ejustice/testing/media/werift-participant';
import { CascadeBus } from '../../../apps/media/src/cascade/cascade-bus';
import { CascadeEdge } from '../../../apps/media/src/cascade/cascade-edge.service';

jest.setTimeout(120_000);

describe('network health and audio-only for a viewer on an edge node (e2e)', () => {
  const pool = `e2e-cascade-health-${uniqueSuffix()}`;
  const env = {
    MEDIA_POOL: pool,
    MEDIA_CASCADE_AFTER_VIEWERS: '1',
    MEDIA_NUM_WORKERS: '1',
    MEDIA_AUDIO_ONLY_BELOW_KBPS: '10000',
    MEDIA_STATS_INTERVAL_MS: '500',
  };
  let api: RunningApi;
  let nodes: RunningMediaNode[] = [];
  let f: HearingRoomFixture;
  const opened = closedAtEnd();
  const track = opened.track;

  beforeAll(async () => {
    nodes = [await startMediaNode({ env }), await startMediaNode({ env })];
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
    f = await createHearingRoomFixture(api.baseUrl);
  });

  afterAll(async () => {
    await opened.closeAll();
    await api?.close();
    for (const node of nodes) await node.close();
    await closeTestDb();
  });

  const byLink = async (participantId: string) => track(await enterByLink(api.baseUrl, f, participantId));

  const origin = () => nodes.find((n) => n.rooms.room(f.hearingId))!;
  const edge = () => nodes.find((n) => !n.rooms.room(f.hearingId))!;

  it('reads the edge viewer’s connection on the edge, tells them, and holds their video there while their audio flows', async () => {
    const observers = [
      await createParticipant({ hearingId: f.hearingId, hearingRole: 'observer', displayName: 'Press 1' }),
      await createParticipant({ hearingId: f.hearingId, hearingRole: 'observer', displayName: 'Press 2' }),
    ];
    for (const o of observers) {
      const res = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders`, {
        token: f.judge.token,
        body: { kind: 'attendance', participantId: o.id, reason: 'The press may report the trial.' },
      });
      expect(res.status).toBe(201);
    }
    const judge = track((await enter(api.baseUrl, f.judge.token, f.hearingId)).client);
    await judge.call('openHearing');
    track(await startSending(judge));
    const [first, second] = [await byLink(observers[0].id), await byLink(observers[1].id)];
    for (const o of observers) await judge.call('admit', { participantId: o.id });
    track(await startReceiving(first, 2, 30_000));
    const onEdge = track(await startReceiving(second, 2, 30_000));
    const recv = origin().rooms.room(f.hearingId)!.peerMedia(observers[1].id)?.transports[0];
    expect((recv?.appData as { edgeNodeId?: string }).edgeNodeId).toBe(edge().config.media.nodeId);
    const asked = jest.spyOn(origin().app.get(CascadeBus), 'request');

    // The indicator, from the edge's estimate of what it can send this viewer.
    const health = await second.waitFor(
      'networkHealth',
      (h) => h.participantId === observers[1].id && h.availableKbps !== null && h.quality !== 'unknown',
      20_000,
    );
    expect(health.availableKbps).toBeGreaterThan(0);

    // The fallback: told, the camera consumer paused on the edge (where its packets leave from), the voice still flowing.
    const camera = onEdge.consumers.find((c) => c.source === 'camera')!;
    const microphone = onEdge.consumers.find((c) => c.source === 'microphone')!;
    await expect(second.waitFor('audioOnly', (a) => a.enabled, 20_000)).resolves.toEqual({ enabled: true });
    await second.waitFor('consumerPaused', (c) => c.consumerId === camera.consumerId && c.reason === 'audio_only');
    const onTheEdge = () => edge().app.get(CascadeEdge).served(f.hearingId)?.consumers ?? [];
    await waitForCount(() => (onTheEdge().find((c) => c.id === camera.consumerId)?.paused ? 1 : 0), 1, 5_000);
    expect(onTheEdge().find((c) => c.id === camera.consumerId)?.paused).toBe(true);
    expect(onTheEdge().find((c) => c.id === microphone.consumerId)?.paused).toBe(false);
    const heard = onEdge.packetsFor(microphone.consumerId);
    expect(await waitForCount(() => onEdge.packetsFor(microphone.consumerId), heard + 40)).toBeGreaterThanOrEqual(heard + 40);
    expect((await second.call('getRoomState')).media.audioOnly).toBe(true);

    // One request per health sample for the viewer's transport and both its consumers, not one each.
    const statsRequests = asked.mock.calls.filter(([, , method]) => method === 'stats');
    expect(statsRequests.length).toBeGreaterThan(0);
    for (const [to, hearingId, , data] of statsRequests) {
      expect(hearingId).toBe(f.hearingId);
      expect(to).toBe(edge().config.media.nodeId);
      expect(data).toEqual({
        transportIds: [recv?.id],
        consumerIds: expect.arrayContaining([camera.consumerId, microphone.consumerId]),
      });
    }
    asked.mockRestore();
  });
});
