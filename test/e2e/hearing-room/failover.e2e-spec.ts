// A media node dies (SIGKILL) in the middle of a hearing (issue 14, point 2). Two media nodes run
// as child processes, as production runs them (dist/apps/media/src/main.js); the api runs in
// process with the same pool. Every client reconnects the way the web client does (its socket
// drops, it asks the api for a ticket naming the node it lost, and connects where the ticket
// says). The hearing moves to the other node with what the court decided intact: who is admitted
// and who waits, the bench's mute, the anonymity order; the public gallery never receives the
// protected witness's raw media, before, during or after the move; and media flows again.
import { mkdirSync } from 'node:fs';
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
  testDb,
  testEnv,
  uniqueSuffix,
} from '@ejustice/testing';
import { FollowingParticipant } from '@ejustice/testing/media/following-participant';
import {
  PROTECTED_PSEUDONYM,
  PROTECTED_REAL_NAME,
  type HearingRoomFixture,
  createHearingRoomFixture,
  linkSession,
  participantState,
} from '@ejustice/testing/media/hearing-room';
import {
  type ReceivingMedia,
  type SendingMedia,
  startReceiving,
  startSending,
  waitForCount,
} from '@ejustice/testing/media/werift-participant';
import type { NewConsumer } from '@ejustice/hearings/signalling/signalling-messages';
import { MediaNodeProcess } from '../../../bench/failover/media-node-process';

jest.setTimeout(240_000);

const MIN_PACKETS = 40;

describe('a media node dies during a hearing (e2e)', () => {
  const pool = `e2e-failover-${uniqueSuffix()}`;
  const logDir = join(ROOT_DIR, 'var');
  let api: RunningApi;
  let redis: Redis;
  let nodeA: MediaNodeProcess;
  let nodeB: MediaNodeProcess | undefined;
  let f: HearingRoomFixture;
  let observerId: string;
  const people: FollowingParticipant[] = [];
  const media: (SendingMedia | ReceivingMedia)[] = [];

  function startNode(name: string): Promise<MediaNodeProcess> {
    const env = { ...process.env, ...testEnv({ LOG_LEVEL: 'info', MEDIA_AUDIO_ONLY_BELOW_KBPS: '0' }) };
    return MediaNodeProcess.start({
      root: ROOT_DIR,
      env,
      nodeId: `${pool}-${name}`,
      pool,
      log: join(logDir, `${pool}-${name}.log`),
    });
  }

  beforeAll(async () => {
    mkdirSync(logDir, { recursive: true });
    redis = new Redis(TEST_REDIS_URL);
    // Node A first, alone: the hearing is placed on it.
    nodeA = await startNode('a');
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
    f = await createHearingRoomFixture(api.baseUrl);
    const observer = await createParticipant({ hearingId: f.hearingId, hearingRole: 'observer', displayName: 'Press reporter' });
    observerId = observer.id;
    // The case is confidential: the press sits in the gallery by the presiding judge's leave.
    await createSpecialMeasureOrder({ hearingId: f.hearingId, kind: 'attendance', participantId: observerId, madeBy: f.judge.id });
    const order = await http(api.baseUrl, 'POST', `/api/hearings/${f.hearingId}/orders`, {
      token: f.judge.token,
      body: {
        kind: 'anonymity',
        participantId: f.victimId,
        pseudonym: PROTECTED_PSEUDONYM,
        picture: 'blur',
        reason: 'Real risk of reprisals against the witness and her family.',
      },
    });
    if (order.status !== 201) throw new Error(`anonymity order refused: ${order.status} ${JSON.stringify(order.body)}`);
  });

  afterAll(async () => {
    for (const m of media) await m.close().catch(() => undefined);
    for (const p of people) p.close();
    await api?.close();
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

  async function byLink(participantId: string): Promise<FollowingParticipant> {
    return person((await linkSession(api.baseUrl, f, participantId)).sessionToken);
  }

  /** Waits until node A's snapshot of the room in Redis shows what `accept` wants. */
  async function snapshotShows(accept: (snapshot: { participants: { id: string; mutedByBench: boolean }[] }) => boolean) {
    const key = `ejustice:media:${pool}:room:${f.hearingId}`;
    for (let i = 0; i < 200; i++) {
      const raw = await redis.get(key);
      if (raw && accept(JSON.parse(raw))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the room's snapshot never showed what was expected: ${await redis.get(key)}`);
  }

  it('moves the hearing to the other node: everyone follows through the api, what the court decided holds, media flows again', async () => {
    // --- The sitting on node A.
    const judge = await person(f.judge.token);
    expect(judge.ticket.nodeId).toBe(nodeA.nodeId);
    await judge.client.call('openHearing');
    const witness = await byLink(f.witnessId);
    const victim = await byLink(f.victimId);
    const gallery = await byLink(observerId);
    const defendant = await byLink(f.defendantId);
    for (const id of [f.witnessId, f.victimId, observerId]) await judge.client.call('admit', { participantId: id });
    // The witness spoke; the judge muted her: only the judge may let her speak again.
    await witness.client.call('setMuted', { muted: false });
    await judge.client.call('muteParticipant', { participantId: f.witnessId });
    // The defendant stays in the waiting room.

    const rawOfVictim = new Set<string>();
    async function sendAll() {
      const judgeSends = await startSending(judge.client);
      const witnessSends = await startSending(witness.client);
      const victimSends = await startSending(victim.client);
      for (const id of Object.values(victimSends.producerIds)) rawOfVictim.add(id);
      media.push(judgeSends, witnessSends, victimSends);
      return { witnessSends };
    }
    async function receiveAll() {
      // The gallery: the judge and the witness (raw), the victim's anonymised variant only.
      const galleryReceives = await startReceiving(gallery.client, 6, 60_000);
      // The judge: the witness and the victim raw.
      const judgeReceives = await startReceiving(judge.client, 4, 60_000);
      media.push(galleryReceives, judgeReceives);
      return { galleryReceives, judgeReceives };
    }
    await sendAll();
    const before = await receiveAll();
    for (const c of before.galleryReceives.consumers.filter((x) => !x.producerPaused)) {
      expect(await waitForCount(() => before.galleryReceives.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    }
    await snapshotShows((s) => s.participants.some((p) => p.id === f.witnessId && p.mutedByBench));

    // --- Node B joins the pool; node A dies.
    nodeB = await startNode('b');
    const dropped = people.map((p) => p.client.disconnected);
    await nodeA.kill();
    await Promise.all(dropped);
    for (const m of media.splice(0)) await m.close();

    // --- Everyone follows the hearing, through the api, to node B: at the first ticket.
    for (const p of [judge, witness, victim, gallery, defendant]) await p.follow();
    for (const p of people) {
      expect(p.ticket.nodeId).toBe(nodeB.nodeId);
      expect(p.ticket.mediaUrl).toBe(nodeB.url);
      expect(p.failedAttempts).toBe(0);
    }

    // Admission and the waiting room as the court left them, in the record and in the room.
    for (const id of [f.judge.participantId, f.witnessId, f.victimId, observerId]) expect(await participantState(id)).toBe('admitted');
    expect(await participantState(f.defendantId)).toBe('waiting');
    const seen = await judge.client.call('getRoomState');
    const stateOf = (id: string) => seen.participants.find((p) => p.id === id)?.state;
    expect([f.witnessId, f.victimId, observerId].map(stateOf)).toEqual(['admitted', 'admitted', 'admitted']);
    expect(stateOf(f.defendantId)).toBe('waiting');
    // The order stands; the gallery knows the victim by her pseudonym only.
    const { rows: orders } = await testDb().query(
      'SELECT kind FROM special_measure_orders WHERE hearing_id = $1 AND revoked_at IS NULL ORDER BY kind',
      [f.hearingId],
    );
    expect(orders.map((o: { kind: string }) => o.kind)).toEqual(['anonymity', 'attendance']);
    const galleryView = await gallery.client.call('getRoomState');
    expect(galleryView.participants.find((p) => p.id === f.victimId)?.displayName).toBe(PROTECTED_PSEUDONYM);
    expect(JSON.stringify(gallery.notifications) + JSON.stringify(galleryView)).not.toContain(PROTECTED_REAL_NAME);

    // --- Media again, on node B. The bench's mute holds: her new microphone starts paused, and
    // she may not unmute herself.
    const { witnessSends } = await sendAll();
    expect(witnessSends.microphonePaused).toBe(true);
    expect(await witness.client.request('setMuted', { muted: false })).toMatchObject({
      ok: false,
      error: { code: 'media.unmute_forbidden' },
    });
    const after = await receiveAll();
    // Nothing flows on the paused microphones: the witness's, held by the bench, and the
    // victim's, who never unmuted (everyone but the judge comes in muted).
    const paused = after.galleryReceives.consumers.filter((c) => c.producerPaused).map((c) => `${c.participantId}/${c.source}`);
    expect(paused.sort()).toEqual([`${f.witnessId}/microphone`, `${f.victimId}/microphone`].sort());
    for (const c of after.galleryReceives.consumers.filter((x) => !x.producerPaused)) {
      expect(await waitForCount(() => after.galleryReceives.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    }
    for (const c of after.judgeReceives.consumers.filter((x) => !x.producerPaused)) {
      expect(await waitForCount(() => after.judgeReceives.packetsFor(c.consumerId), MIN_PACKETS)).toBeGreaterThanOrEqual(MIN_PACKETS);
    }

    // --- Never the raw media of the protected victim to the gallery, on either node, at any moment.
    const offered = (p: FollowingParticipant) =>
      p.notifications.filter((n) => n.method === 'newConsumer').map((n) => n.data as NewConsumer);
    const galleryOfVictim = offered(gallery).filter((c) => c.participantId === f.victimId);
    expect(galleryOfVictim.length).toBeGreaterThanOrEqual(4); // microphone and camera, on each node
    for (const c of galleryOfVictim) expect(rawOfVictim.has(c.producerId)).toBe(false);
    // The judge receives her raw media (the same check is not vacuous).
    expect(offered(judge).filter((c) => rawOfVictim.has(c.producerId)).length).toBeGreaterThanOrEqual(4);
    // The defendant, in the waiting room, was offered nobody's media at any point.
    expect(offered(defendant)).toEqual([]);
  });
});
