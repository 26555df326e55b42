// A media node's machine is lost during a hearing (issue 14, point 2): the node is frozen
// (SIGSTOP to it and its workers), not killed. Its sockets stay open, its port refuses nothing,
// nothing answers and no media flows: as when a machine or its network is gone. Two media nodes
// run as child processes, as production runs them; the api runs in process with the same pool.
// Every client notices from the signalling ping (MEDIA_PING_INTERVAL_MS + MEDIA_PING_TIMEOUT_MS)
// and follows the hearing the way the web client does (a ticket naming the node it lost); the api
// gives the node up once its probe times out and its heartbeat is late (media-node-failover.ts),
// and the hearing moves to the other node. Bound asserted: everyone joined on node B within 5 s
// of the freeze, and receiving media there (the time to media is `./ejustice bench failover
// --freeze`'s). Every special-measures order holds through the move, on the consumers offered: a
// forbidden consumer never exists, on either node. When the frozen node comes back (SIGCONT), it
// drops the room: the hearing is never served by two live nodes.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import {
  ROOT_DIR,
  TEST_REDIS_URL,
  closeTestDb,
  createParticipant,
  createSpecialMeasureOrder,
  http,
  type RunningApi,
  startApiServer,
  testEnv,
  uniqueSuffix,
} from '@ejustice/testing';
import { FollowingParticipant } from '@ejustice/testing/media/following-participant';
import { HearingClient } from '@ejustice/testing/media/hearing-client';
import { type HearingRoomFixture, createHearingRoomFixture, linkSession } from '@ejustice/testing/media/hearing-room';
import {
  type ReceivingMedia,
  type SendingMedia,
  WERIFT_PARTICIPANT_RTP_CAPABILITIES,
  startReceiving,
  startSending,
  waitForCount,
} from '@ejustice/testing/media/werift-participant';
import type { NewConsumer } from '@ejustice/hearings/signalling/signalling-messages';
import { MediaNodeProcess } from '../../../bench/failover/media-node-process';

jest.setTimeout(240_000);

const MIN_PACKETS = 20;
/** What the design promises on this machine: noticed by ping (≤ 3 s), the node given up, joined on B. */
const JOINED_WITHIN_MS = 5_000;
const PING = { MEDIA_PING_INTERVAL_MS: '1000', MEDIA_PING_TIMEOUT_MS: '2000' };

describe('a media node’s machine is lost during a hearing (e2e)', () => {
  const pool = `e2e-frozen-${uniqueSuffix()}`;
  const logDir = join(ROOT_DIR, 'var');
  let api: RunningApi;
  let redis: Redis;
  let nodeA: MediaNodeProcess;
  let nodeB: MediaNodeProcess | undefined;
  let f: HearingRoomFixture;
  let observerId: string;
  let supporterId: string;
  const people: FollowingParticipant[] = [];
  const media: (SendingMedia | ReceivingMedia)[] = [];
  const strays: HearingClient[] = [];

  // The api and the nodes share the heartbeat (the api judges lateness by it) and the ping.
  // Tickets outlive the test: the one for node A is shown to it again once it is back.
  const shared = { MEDIA_POOL: pool, MEDIA_HEARTBEAT_MS: '2000', MEDIA_TICKET_TTL_SECONDS: '900', ...PING };

  function startNode(name: string): Promise<MediaNodeProcess> {
    const env = { ...process.env, ...testEnv({ LOG_LEVEL: 'info', MEDIA_AUDIO_ONLY_BELOW_KBPS: '0', ...shared }) };
    return MediaNodeProcess.start({ root: ROOT_DIR, env, nodeId: `${pool}-${name}`, pool, log: join(logDir, `${pool}-${name}.log`) });
  }

  async function order(body: Record<string, unknown>): Promise<void> {
    const res = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders`, { token: f.judge.token, body });
    if (res.status !== 201) throw new Error(`order refused: ${res.status} ${JSON.stringify(res.body)}`);
  }

  beforeAll(async () => {
    mkdirSync(logDir, { recursive: true });
    redis = new Redis(TEST_REDIS_URL);
    nodeA = await startNode('a');
    api = await startApiServer({ env: shared });
    f = await createHearingRoomFixture(api.baseUrl);
    observerId = (await createParticipant({ hearingId: f.hearingId, hearingRole: 'observer', displayName: 'Press reporter' })).id;
    await createSpecialMeasureOrder({ hearingId: f.hearingId, kind: 'attendance', participantId: observerId, madeBy: f.judge.id });
    supporterId = (await createParticipant({ hearingId: f.hearingId, hearingRole: 'supporter', displayName: 'Support worker' })).id;
    // The victim is screened from the defendant and has her support worker beside her; the
    // witness is heard, and seen by the bench alone.
    await order({ kind: 'screen', participantId: f.victimId, fromRoles: ['defendant'], fromParticipantIds: [], reason: 'Afraid of him.' });
    await order({ kind: 'supporter', participantId: f.victimId, supporterId, capacity: 'supporter', reason: 'She asked for her.' });
    await order({ kind: 'audio_only', participantId: f.witnessId, reason: 'The witness fears being recognised.' });
  });

  afterAll(async () => {
    for (const m of media) await m.close().catch(() => undefined);
    for (const p of people) p.close();
    for (const c of strays) c.close();
    await api?.close();
    // stop() continues a frozen node first, then stops it.
    await nodeA?.stop();
    await nodeB?.stop();
    redis?.disconnect();
    await closeTestDb();
  });

  async function person(bearer: string): Promise<FollowingParticipant> {
    const p = new FollowingParticipant(api.baseUrl, bearer, f.hearingId);
    people.push(p);
    await p.enter();
    return p;
  }

  const byLink = async (participantId: string) => person((await linkSession(api.baseUrl, f, participantId)).sessionToken);
  const offered = (p: FollowingParticipant) => p.notifications.filter((n) => n.method === 'newConsumer').map((n) => n.data as NewConsumer);
  const sources = (p: FollowingParticipant, from: string) =>
    offered(p)
      .filter((c) => c.participantId === from)
      .map((c) => c.kind);
  /** The kinds of `from`'s media offered to `p` on its connection to node A (0) or to node B (1). */
  const sourcesOn = (p: FollowingParticipant, connection: number, from: string) =>
    p.connections[connection].notifications
      .filter((n) => n.method === 'newConsumer')
      .map((n) => n.data as NewConsumer)
      .filter((c) => c.participantId === from)
      .map((c) => c.kind);

  it('moves the hearing when node A goes silent: everyone notices by ping, joins B within 5 s, media flows, every order holds; A, back, drops the room', async () => {
    // --- The sitting on node A.
    const judge = await person(f.judge.token);
    expect(judge.ticket.nodeId).toBe(nodeA.nodeId);
    await judge.client.call('openHearing');
    const counsel = await person(f.counsel.token);
    const witness = await byLink(f.witnessId);
    const victim = await byLink(f.victimId);
    const supporter = await byLink(supporterId);
    const defendant = await byLink(f.defendantId);
    const gallery = await byLink(observerId);
    for (const id of [f.counsel.participantId, f.witnessId, f.victimId, f.defendantId, observerId])
      await judge.client.call('admit', { participantId: id });
    // The supporter comes in with the victim she supports.
    const court = await judge.client.call('getRoomState');
    expect(court.participants.find((p) => p.id === supporterId)?.state).toBe('admitted');
    const senders = [witness, victim, supporter];
    // The supporter's and the victim's media go to the bench and to each other; the witness's
    // picture to the bench alone; the defendant sees neither the victim nor her supporter.
    const expected = new Map<FollowingParticipant, number>([
      [judge, 6],
      [counsel, 3], // the witness's voice; the victim's voice and picture
      [witness, 2], // the victim's voice and picture
      [victim, 3], // the witness's voice; the supporter's voice and picture
      [defendant, 2], // the witness's and the victim's voices
    ]);
    async function mediaUp(extra: [FollowingParticipant, number][] = []): Promise<Map<FollowingParticipant, ReceivingMedia>> {
      for (const s of senders) {
        const sending = await startSending(s.client);
        media.push(sending);
        await s.client.call('setMuted', { muted: false });
      }
      const receiving = new Map<FollowingParticipant, ReceivingMedia>();
      for (const [p, count] of [...expected, ...extra]) {
        const r = await startReceiving(p.client, count, 60_000);
        media.push(r);
        receiving.set(p, r);
      }
      return receiving;
    }
    async function flowing(receiving: Map<FollowingParticipant, ReceivingMedia>): Promise<void> {
      for (const r of receiving.values())
        for (const c of r.consumers)
          expect(await waitForCount(() => r.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    }
    // The gallery, before the sitting goes private: the witness's voice, the victim's voice and picture.
    await flowing(await mediaUp([[gallery, 3]]));

    // --- Evidence in private: the gallery is cleared of everything (it stays connected).
    await order({ kind: 'evidence_in_private', reason: 'The victim gives evidence of sexual exploitation.' });
    await gallery.client.waitFor('hearingChanged', (h) => h.sittingInPrivate === true, 20_000);

    // --- Node B joins the pool; node A's machine is lost.
    nodeB = await startNode('b');
    await new Promise((r) => setTimeout(r, 2_500)); // node B's first heartbeats
    const frozenAt = nodeA.freeze();
    const following = Promise.all(people.map((p) => p.followWhenDropped()));
    for (const m of media.splice(0)) await m.close();
    const followed = await following;
    const joinedAt = performance.now();

    // Noticed by the ping, not by a closed socket (nothing closed), and within its bound.
    for (const { reason, noticedAt } of followed) {
      expect(reason).toBe('ping timeout');
      expect(noticedAt - frozenAt).toBeLessThanOrEqual(3_000 + 500);
    }
    // Everyone on node B, at the first ticket, within the bound.
    for (const p of people) {
      expect(p.ticket.nodeId).toBe(nodeB.nodeId);
      expect(p.failedAttempts).toBe(0);
    }
    expect(joinedAt - frozenAt).toBeLessThanOrEqual(JOINED_WITHIN_MS);

    // --- Media again on node B; the orders as before.
    const offeredOnA = new Map(people.map((p) => [p, offered(p).length]));
    // The gallery is ready to receive on node B before anyone sends there: it is offered nothing.
    await gallery.client.call('createWebRtcTransport', { direction: 'recv' });
    await flowing(await mediaUp());
    for (const [p, count] of expected) expect(offered(p).length - (offeredOnA.get(p) ?? 0)).toBeGreaterThanOrEqual(count);

    // --- What each was offered, on both nodes: never a forbidden consumer.
    // Screen: the defendant sees neither the victim nor her supporter (the supporter is seen by
    // the bench and her witness only), and the witness's picture goes to the bench alone.
    expect(sources(defendant, f.victimId)).not.toContain('video');
    expect(sources(defendant, supporterId)).toEqual([]);
    expect(sources(defendant, f.witnessId)).not.toContain('video');
    for (const p of [counsel, witness]) {
      expect(sources(p, supporterId)).toEqual([]);
      expect(sources(p, f.witnessId)).not.toContain('video');
    }
    expect(sources(victim, f.witnessId)).not.toContain('video');
    // Evidence in private, made on node A, in force through the move: nothing to the gallery on node B.
    expect(gallery.connections).toHaveLength(2);
    expect(gallery.connections[1].notifications.filter((n) => n.method === 'newConsumer')).toEqual([]);
    // The same checks are not vacuous: on each node, the bench sees all three and the victim her supporter.
    for (const connection of [0, 1]) {
      for (const from of [f.witnessId, f.victimId, supporterId]) expect(sourcesOn(judge, connection, from)).toContain('video');
      expect(sourcesOn(victim, connection, supporterId).sort()).toEqual(['audio', 'video']);
    }

    // --- Node A's machine comes back: it must not serve the hearing beside node B.
    const stale = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/join-ticket`, { token: f.judge.token, body: {} });
    expect((stale.body as { nodeId: string }).nodeId).toBe(nodeB.nodeId);
    nodeA.thaw();
    // Its first heartbeat tells it the hearing is carried elsewhere: it drops the room.
    const logOfA = join(logDir, `${pool}-a.log`);
    for (let i = 0; i < 100 && !readFileSync(logOfA, 'utf8').includes('relinquish()'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(logOfA, 'utf8')).toContain(
      `relinquish() the hearing moved to another node, closing its room here [hearing:${f.hearingId}]`,
    );
    expect(await redis.get(`ejustice:media:${pool}:hearing:${f.hearingId}`)).toBe(nodeB.nodeId);
    // A participant arriving at A with a ticket for A (issued before the move, still valid) is refused there.
    const oldTicket = judge.tickets.find((t) => t.nodeId === nodeA.nodeId);
    if (!oldTicket) throw new Error('no ticket for node A');
    const stray = await HearingClient.connect(oldTicket.mediaUrl, { ticket: oldTicket.ticket, hearingId: f.hearingId }, 5_000);
    strays.push(stray);
    const joined = await stray.request('join', { rtpCapabilities: WERIFT_PARTICIPANT_RTP_CAPABILITIES });
    expect(joined).toMatchObject({ ok: false, error: { code: 'auth.ticket_wrong_node' } });
    // And the people on node B were not disturbed.
    for (const p of people) expect(p.client.socket.connected).toBe(true);
  });
});
