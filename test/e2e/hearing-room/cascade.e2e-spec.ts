// Cascading a hearing's audience to a second media node: two real media nodes in one pool (same
// Redis, their own mediasoup workers), the api placing the hearing on one of them (its origin),
// and MEDIA_CASCADE_AFTER_VIEWERS=1 so that the second member of the public gallery is served by
// the other node (the edge), the hearing's producers piped there. Real RTP through werift peers:
// the edge forwards the protected victim's anonymised voice and picture only, never a copy of her
// raw producers, and nothing at all while evidence is heard in private.
import type { types as ms } from 'mediasoup';
import { closeTestDb, createParticipant, http, type RunningApi, startApiServer, uniqueSuffix } from '@ejustice/testing';
import type { HearingClient } from '@ejustice/testing/media/hearing-client';
import {
  PROTECTED_PSEUDONYM,
  type HearingRoomFixture,
  closedAtEnd,
  createHearingRoomFixture,
  enter,
  enterByLink,
} from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { type ReceivingMedia, startReceiving, startSending, waitForCount } from '@ejustice/testing/media/werift-participant';
import { MediaNodeDirectory } from '@ejustice/hearings';
import { CascadeEdge } from '../../../apps/media/src/cascade/cascade-edge.service';
import { CascadeOrigin } from '../../../apps/media/src/cascade/cascade-origin';

jest.setTimeout(180_000);

/** Well below what the senders produce while we wait (Opus ~50 packets/s, VP8 some dozens), far above zero. */
const MIN_PACKETS = 40;

describe('a large hearing cascaded to a second media node (e2e)', () => {
  const pool = `e2e-cascade-${uniqueSuffix()}`;
  const env = { MEDIA_POOL: pool, MEDIA_CASCADE_AFTER_VIEWERS: '1', MEDIA_NUM_WORKERS: '1', MEDIA_AUDIO_ONLY_BELOW_KBPS: '0' };
  let api: RunningApi;
  let nodes: RunningMediaNode[] = [];
  const stopped = new Set<RunningMediaNode>();
  let f: HearingRoomFixture;
  const opened = closedAtEnd();
  const track = opened.track;
  /** Every producer ever made on each node's routers, by node id: what reached it, even for an instant. */
  const everProduced = new Map<string, Set<string>>();
  /** Every WebRTC transport made on each node, by id: to read what the node sent (its own counters). */
  const transports = new Map<string, ms.Transport>();

  beforeAll(async () => {
    nodes = [await startMediaNode({ env }), await startMediaNode({ env })];
    for (const node of nodes) {
      const seen = new Set<string>();
      everProduced.set(node.config.media.nodeId, seen);
      const watch = (worker: ms.Worker) =>
        worker.observer.on('newrouter', (router) =>
          router.observer.on('newtransport', (transport) => {
            transports.set(transport.id, transport);
            transport.observer.on('newproducer', (p) => seen.add(p.id));
          }),
        );
      for (const slot of node.pool.live()) watch(slot.worker);
    }
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
    f = await createHearingRoomFixture(api.baseUrl);
  });

  afterAll(async () => {
    await opened.closeAll();
    await api?.close();
    for (const node of nodes) if (!stopped.has(node)) await node.close();
    await closeTestDb();
  });

  const byLink = async (participantId: string) => track(await enterByLink(api.baseUrl, f, participantId));

  async function order(body: Record<string, unknown>): Promise<string> {
    const res = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders`, { token: f.judge.token, body });
    if (res.status !== 201) throw new Error(`order refused: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  const origin = () => nodes.find((n) => n.rooms.room(f.hearingId))!;
  const edge = () => nodes.find((n) => !n.rooms.room(f.hearingId))!;
  const room = () => origin().rooms.room(f.hearingId)!;
  const served = () => edge().app.get(CascadeEdge).served(f.hearingId);

  let judge: HearingClient;
  let gallery: { first: HearingClient; second: HearingClient; firstId: string; secondId: string };
  let onEdge: ReceivingMedia;

  it('serves the second member of the public gallery from the other node', async () => {
    const observers = [
      await createParticipant({ hearingId: f.hearingId, hearingRole: 'observer', displayName: 'Press 1' }),
      await createParticipant({ hearingId: f.hearingId, hearingRole: 'observer', displayName: 'Press 2' }),
    ];
    // A confidential case: the press sits by the judge's leave, and the victim under anonymity.
    for (const o of observers) await order({ kind: 'attendance', participantId: o.id, reason: 'The press may report the trial.' });
    await order({
      kind: 'anonymity',
      participantId: f.victimId,
      pseudonym: PROTECTED_PSEUDONYM,
      picture: 'blur',
      reason: 'Real risk of reprisals against the witness and her family.',
    });

    judge = track((await enter(api.baseUrl, f.judge.token, f.hearingId)).client);
    await judge.call('openHearing');
    track(await startSending(judge));
    const victim = await byLink(f.victimId);
    track(await startSending(victim));
    await judge.call('admit', { participantId: f.victimId });
    await victim.call('setMuted', { muted: false });
    gallery = {
      first: await byLink(observers[0].id),
      second: await byLink(observers[1].id),
      firstId: observers[0].id,
      secondId: observers[1].id,
    };
    for (const id of [gallery.firstId, gallery.secondId]) await judge.call('admit', { participantId: id });

    // The judge's voice and picture, and the victim's anonymised voice and picture (once ffmpeg runs).
    const onOrigin = track(await startReceiving(gallery.first, 4, 30_000));
    onEdge = track(await startReceiving(gallery.second, 4, 30_000));

    const firstRecv = room().peerMedia(gallery.firstId)?.transports[0];
    const secondRecv = room().peerMedia(gallery.secondId)?.transports[0];
    expect((firstRecv?.appData as { edgeNodeId?: string }).edgeNodeId).toBeUndefined();
    expect((secondRecv?.appData as { edgeNodeId?: string }).edgeNodeId).toBe(edge().config.media.nodeId);
    // Its transport and every consumer live on the edge node.
    expect(served()?.transports).toEqual([{ id: secondRecv?.id, participantId: gallery.secondId }]);
    expect(
      served()
        ?.consumers.map((c) => c.id)
        .sort(),
    ).toEqual(onEdge.consumers.map((c) => c.consumerId).sort());
    expect(await origin().app.get(MediaNodeDirectory).edgesOf(f.hearingId)).toEqual([edge().config.media.nodeId]);
    // Packets flow on both nodes.
    for (const c of onOrigin.consumers)
      expect(await waitForCount(() => onOrigin.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    for (const c of onEdge.consumers)
      expect(await waitForCount(() => onEdge.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
  });

  it('pipes the victim’s anonymised variants to the edge, never her raw producers', () => {
    const raw =
      room()
        .peerMedia(f.victimId)
        ?.producers.map((p) => p.producer.id) ?? [];
    const anonymised = room()
      .anonymisedVariants()
      .map((v) => v.producerId);
    const judgeProducers =
      room()
        .peerMedia(f.judge.participantId)
        ?.producers.map((p) => p.producer.id) ?? [];
    expect(raw).toHaveLength(2);
    expect(anonymised).toHaveLength(2);
    // The gallery's consumers of her are of the anonymised variants.
    const fromVictim = onEdge.consumers.filter((c) => c.participantId === f.victimId);
    expect(fromVictim.map((c) => c.producerId).sort()).toEqual([...anonymised].sort());
    // The edge holds exactly what its viewer may receive, and never held a copy of her raw media.
    expect(
      served()
        ?.producers.map((p) => p.id)
        .sort(),
    ).toEqual([...judgeProducers, ...anonymised].sort());
    const seenOnEdge = everProduced.get(edge().config.media.nodeId) ?? new Set();
    for (const id of raw) expect(seenOnEdge.has(id)).toBe(false);
  });

  it('forwards nothing from the edge while evidence is heard in private, and everything again after', async () => {
    const closedBefore = gallery.second.received('consumerClosed').length;
    const inPrivate = await order({ kind: 'evidence_in_private', reason: 'The victim gives evidence of sexual exploitation.' });
    await gallery.second.waitFor('hearingChanged', (h) => h.sittingInPrivate === true);
    // Every pipe to the edge dropped at the origin by the time the viewer is told (the media stops
    // leaving the origin there and then), and the viewer told of each consumer.
    expect(origin().app.get(CascadeOrigin).cascadeOf(f.hearingId)?.pipes().get(edge().config.media.nodeId)).toEqual([]);
    expect(gallery.second.received('consumerClosed').length - closedBefore).toBe(4);
    // The edge's copies and consumers close one message later.
    const edgeEmpty = () => ((served()?.consumers.length ?? 0) + (served()?.producers.length ?? 0) === 0 ? 1 : 0);
    await waitForCount(edgeEmpty, 1, 5_000);
    expect(served()?.consumers).toEqual([]);
    expect(served()?.producers).toEqual([]);
    // What the edge sends the viewer, by its own counter (what the viewer's peer still decodes
    // may lag on a busy machine): nothing more, however long we give it.
    const edgeRecv = transports.get(served()?.transports[0]?.id ?? '');
    const rtpSent = async () => ((await edgeRecv!.getStats()) as ms.WebRtcTransportStat[])[0]?.rtpBytesSent ?? NaN;
    const sent = await rtpSent();
    expect(sent).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rtpSent()).toBe(sent);

    const offeredBefore = gallery.second.received('newConsumer').length;
    const revoked = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders/${inPrivate}/revoke`, {
      token: f.judge.token,
      body: { reason: 'That part of the evidence is over.' },
    });
    expect(revoked.status).toBe(200);
    await gallery.second.waitFor('hearingChanged', (h) => h.sittingInPrivate === false);
    // Reopened at once on the edge, on the connection the viewer has.
    expect(await waitForCount(() => gallery.second.received('newConsumer').length - offeredBefore, 4)).toBe(4);
    expect(served()?.consumers).toHaveLength(4);
    await onEdge.close();
    // A fresh receiving connection (as a client that sets up again): still on the edge, with the
    // judge's media and the victim's anonymised media flowing.
    const again = track(await startReceiving(gallery.second, 4, 30_000));
    expect(served()?.transports.map((t) => t.participantId)).toEqual([gallery.secondId]);
    for (const c of again.consumers)
      expect(await waitForCount(() => again.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    const anonymised = room()
      .anonymisedVariants()
      .map((v) => v.producerId);
    expect(
      again.consumers
        .filter((c) => c.participantId === f.victimId)
        .map((c) => c.producerId)
        .sort(),
    ).toEqual([...anonymised].sort());
    const raw =
      room()
        .peerMedia(f.victimId)
        ?.producers.map((p) => p.producer.id) ?? [];
    for (const id of raw) expect(everProduced.get(edge().config.media.nodeId)?.has(id)).toBe(false);
  });

  it('sets the edge’s viewers up again when the edge goes, served by the origin if no other node can', async () => {
    const gone = edge();
    const resetsBefore = gallery.second.received('mediaReset').length;
    stopped.add(gone);
    await gone.close();
    await waitForCount(() => gallery.second.received('mediaReset').length - resetsBefore, 1);
    expect(gallery.second.received('mediaReset').length - resetsBefore).toBe(1);
    // What its client does on `mediaReset`: a receiving connection anew, now on the origin.
    const back = track(await startReceiving(gallery.second, 4, 30_000));
    expect((room().peerMedia(gallery.secondId)?.transports[0]?.appData as { edgeNodeId?: string }).edgeNodeId).toBeUndefined();
    for (const c of back.consumers)
      expect(await waitForCount(() => back.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    expect(await origin().app.get(MediaNodeDirectory).edgesOf(f.hearingId)).toEqual([]);
  });
});
