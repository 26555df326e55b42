// A media node given up for dead comes back (a frozen process continued, a machine's network
// restored) after its hearing moved to another node: the real media node (socket.io gateway,
// rooms, heartbeat) against real Redis. Its next heartbeat learns that another live node carries
// the hearing; it closes its room at once and drops the connections still on it as a lost node
// would (their clients ask the api where to go), refuses a join with an old ticket for itself, and
// leaves the other node's snapshot alone: a hearing is never served by two live nodes.
import { Redis } from 'ioredis';
import { JoinTickets, MediaNodeDirectory } from '@ejustice/hearings';
import { loadConfig } from '@ejustice/platform';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import {
  closeTestDb,
  createCase,
  createCourt,
  createHearing,
  createParticipant,
  createUser,
  uniqueSuffix,
} from '@ejustice/testing/factories';
import { TEST_REDIS_URL, testConfig, testEnv } from '@ejustice/testing/test-env';
import { HearingClient } from '@ejustice/testing/media/hearing-client';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';
import { WERIFT_PARTICIPANT_RTP_CAPABILITIES } from '@ejustice/testing/media/werift-participant';
import { NodeHeartbeat } from '../../../apps/media/src/node/node-heartbeat.service';

jest.setTimeout(60_000);

/** The media settings a deployment gets when it sets none of the ping variables. */
const PRODUCTION = loadConfig({ ...testEnv(), MEDIA_PING_INTERVAL_MS: undefined, MEDIA_PING_TIMEOUT_MS: undefined }).media;

describe('a media node back after its hearing moved on (real media node, Redis)', () => {
  const pool = `int-moved-${uniqueSuffix()}`;
  let media: RunningMediaNode;
  let redis: Redis;
  let directory: MediaNodeDirectory;
  const clients: HearingClient[] = [];

  beforeAll(async () => {
    // Heartbeats only when the test says (beat()), not on a timer; signalling pings as production's
    // defaults (the test environment's are more tolerant).
    media = await startMediaNode({
      env: {
        MEDIA_POOL: pool,
        MEDIA_HEARTBEAT_MS: '60000',
        MEDIA_PING_INTERVAL_MS: String(PRODUCTION.pingIntervalMs),
        MEDIA_PING_TIMEOUT_MS: String(PRODUCTION.pingTimeoutMs),
      },
    });
    redis = new Redis(TEST_REDIS_URL);
    directory = new MediaNodeDirectory(redis, media.config);
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await media?.close();
    redis?.disconnect();
    await closeTestDb();
  });

  async function person(hearingId: string, hearingRole: HearingRole, userId: string) {
    const p = await createParticipant({ hearingId, hearingRole, userId });
    return { participantId: p.id, userId, hearingRole };
  }

  async function connect(hearingId: string, p: { participantId: string; userId: string; hearingRole: HearingRole }) {
    // Signed as the api signs them, for this node (the development key pair stands in).
    const { ticket } = new JoinTickets(testConfig()).sign({ ...p, hearingId, nodeId: media.config.media.nodeId, linkId: null });
    const client = await HearingClient.connect(media.url, { ticket, hearingId });
    clients.push(client);
    return client;
  }

  it('pings its connections often enough that a client notices a silent node in seconds (socket.io would take 45 s)', async () => {
    const court = await createCourt();
    const judgeUser = await createUser({ roles: ['judge'], courtId: court.id });
    const c = await createCase({ courtId: court.id });
    const h = await createHearing({ caseId: c.id, courtId: court.id, presidingJudgeId: judgeUser.id, startInMinutes: 0 });
    const client = await connect(h.id, await person(h.id, 'judge', judgeUser.id));
    // What the node told the client in the handshake: it drops the connection after interval + timeout of silence.
    const engine = client.socket.io.engine as unknown as { _pingInterval: number; _pingTimeout: number };
    expect([engine._pingInterval, engine._pingTimeout]).toEqual([media.config.media.pingIntervalMs, media.config.media.pingTimeoutMs]);
    expect(media.config.media.pingIntervalMs + media.config.media.pingTimeoutMs).toBeLessThanOrEqual(3_000);
  });

  it('closes its room, drops its connections as a lost node would, and refuses a join with an old ticket', async () => {
    const court = await createCourt();
    const judgeUser = await createUser({ roles: ['judge'], courtId: court.id });
    const c = await createCase({ courtId: court.id });
    const h = await createHearing({ caseId: c.id, courtId: court.id, presidingJudgeId: judgeUser.id, startInMinutes: 0 });
    const judge = await person(h.id, 'judge', judgeUser.id);
    const counsel = await person(h.id, 'defence_counsel', (await createUser({ roles: ['counsel'], courtId: court.id })).id);
    const sitting = await connect(h.id, judge);
    await sitting.call('join', { rtpCapabilities: WERIFT_PARTICIPANT_RTP_CAPABILITIES });
    const heartbeat = media.app.get(NodeHeartbeat);
    await heartbeat.beat();
    expect(await directory.nodeOf(h.id)).toBe(media.config.media.nodeId);
    expect(media.rooms.room(h.id)).toBeDefined();
    const snapshotKey = `ejustice:media:${pool}:room:${h.id}`;

    // Meanwhile this node was given up for dead and the hearing moved to another live node.
    const other = `media-other-${uniqueSuffix()}`;
    const otherLoad = { nodeId: other, url: 'http://127.0.0.1:9', hearings: 1, participants: 0, consumers: 0, workers: 1 };
    await directory.heartbeat({ ...otherLoad, updatedAt: Date.now() }, []);
    await directory.claim(h.id, other);
    const snapshotOfOther = await redis.get(snapshotKey);

    // Its next heartbeat: the room closes here, and the connection on it drops (no sessionEnded:
    // its client follows the hearing through the api, as after any lost node).
    await heartbeat.beat();
    expect(media.rooms.room(h.id)).toBeUndefined();
    expect(await sitting.disconnected).toBe('transport close');
    expect(sitting.received('sessionEnded')).toEqual([]);
    expect(await directory.nodeOf(h.id)).toBe(other);
    expect(await redis.get(snapshotKey)).toBe(snapshotOfOther);

    // Someone arriving with a ticket for this node (issued before the move) is sent away.
    await directory.heartbeat({ ...otherLoad, updatedAt: Date.now() }, [h.id]);
    const late = await connect(h.id, counsel);
    expect(await late.request('join', { rtpCapabilities: WERIFT_PARTICIPANT_RTP_CAPABILITIES })).toMatchObject({
      ok: false,
      error: { code: 'auth.ticket_wrong_node' },
    });
    expect(media.rooms.room(h.id)).toBeUndefined();
  });
});
