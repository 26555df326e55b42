// Draining a media node through the administrator's api, with two real media nodes of one pool:
// the drained node takes no new hearing (the api's tickets name the other), keeps serving the
// hearing it carries (its participants still get it, and still join it), says so on /ready while
// /health stays up, and takes hearings again once undrained. Every change is audited.
import {
  type RunningApi,
  closeTestDb,
  createHearing,
  createUser,
  http,
  login,
  startApiServer,
  testDb,
  uniqueSuffix,
} from '@ejustice/testing';
import { DrainMediaNode, MediaNodeDirectory } from '@ejustice/hearings';
import { SYSTEM_ACTOR } from '@ejustice/platform';
import { HandshakeRefused, HearingClient } from '@ejustice/testing/media/hearing-client';
import { type HearingRoomFixture, createHearingRoomFixture, enter, joinTicket } from '@ejustice/testing/media/hearing-room';
import { type RunningMediaNode, startMediaNode } from '@ejustice/testing/media/media-node';

jest.setTimeout(120_000);

describe('draining a media node (e2e: api and two media nodes)', () => {
  const pool = `e2e-drain-${uniqueSuffix()}`;
  let api: RunningApi;
  const nodes: RunningMediaNode[] = [];
  const clients: HearingClient[] = [];
  let f: HearingRoomFixture;
  let busy: HearingRoomFixture;
  let admin: { id: string; token: string };

  beforeAll(async () => {
    nodes.push(await startMediaNode({ env: { MEDIA_POOL: pool } }));
    nodes.push(await startMediaNode({ env: { MEDIA_POOL: pool } }));
    api = await startApiServer({ env: { MEDIA_POOL: pool } });
    f = await createHearingRoomFixture(api.baseUrl);
    busy = await createHearingRoomFixture(api.baseUrl);
    const user = await createUser({ roles: ['admin'], courtId: (await hearingOf(f.hearingId)).court_id });
    admin = { id: user.id, token: (await login(api.baseUrl, user.email, user.password)).accessToken };
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await api?.close();
    for (const n of nodes) await n.close();
    await closeTestDb();
  });

  async function hearingOf(hearingId: string): Promise<{ case_id: string; court_id: string }> {
    return (await testDb().query('SELECT case_id, court_id FROM hearings WHERE id = $1', [hearingId])).rows[0];
  }

  /** A hearing nobody has joined yet, in f's case: where its first ticket goes is a new placement. */
  async function newHearing(): Promise<string> {
    const { case_id, court_id } = await hearingOf(f.hearingId);
    return (await createHearing({ caseId: case_id, courtId: court_id, startInMinutes: 0 })).id;
  }

  const listNodes = () => http(api.baseUrl, 'GET', '/api/admin/media-nodes', { token: admin.token });

  /** Until the registry (every node's heartbeat) shows `participants` on each node, by id. */
  async function loadsReported(participants: Record<string, number>): Promise<void> {
    for (;;) {
      const listed: { nodeId: string; participants: number }[] = (await listNodes()).body;
      if (Object.entries(participants).every(([id, n]) => listed.find((l) => l.nodeId === id)?.participants === n)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('places new hearings elsewhere while a node drains, keeps its hearing on it, and takes it back once undrained', async () => {
    // The judge opens the hearing: both nodes are idle, so it goes to one of them, "A".
    const judge = await enter(api.baseUrl, f.judge.token, f.hearingId);
    clients.push(judge.client);
    const a = nodes.find((n) => n.config.media.nodeId === judge.ticket.nodeId)!;
    const b = nodes.find((n) => n !== a)!;
    const [idA, idB] = [a.config.media.nodeId, b.config.media.nodeId];
    await loadsReported({ [idA]: 1, [idB]: 0 });
    // Another hearing with three people in it on B: left alone, the least loaded A takes new hearings.
    for (const token of [busy.judge.token, busy.clerk.token, busy.counsel.token]) {
      const entered = await enter(api.baseUrl, token, busy.hearingId);
      clients.push(entered.client);
      expect(entered.ticket.nodeId).toBe(idB);
    }
    await loadsReported({ [idA]: 1, [idB]: 3 });
    const placedBefore = await newHearing();
    const earlyTicket = await joinTicket(api.baseUrl, f.clerk.token, placedBefore);
    expect(earlyTicket.nodeId).toBe(idA);

    const listed = await listNodes();
    expect(listed.status).toBe(200);
    const listedA = expect.objectContaining({
      nodeId: idA,
      url: a.url,
      live: true,
      hearings: 1,
      participants: 1,
      workers: 2,
      draining: false,
    });
    const listedB = expect.objectContaining({ nodeId: idB, url: b.url, live: true, hearings: 1, participants: 3, draining: false });
    expect(listed.body).toEqual(idA < idB ? [listedA, listedB] : [listedB, listedA]);

    // Only an administrator drains; an unknown node is a clear 404.
    expect((await http(api.baseUrl, 'POST', `/api/admin/media-nodes/${idA}/drain`, { token: f.clerk.token })).status).toBe(403);
    const unknown = await http(api.baseUrl, 'POST', '/api/admin/media-nodes/no-such-node/drain', { token: admin.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'media.node_not_found', status: 404 });
    expect(unknown.body.detail).toMatch(/no such media node/);

    const drained = await http(api.baseUrl, 'POST', `/api/admin/media-nodes/${idA}/drain`, { token: admin.token });
    expect(drained.status).toBe(200);
    expect(drained.body).toMatchObject({ nodeId: idA, live: true, draining: true, drainedBy: 'admin', hearings: 1 });

    // A new hearing goes to B, though A is the less loaded.
    expect((await joinTicket(api.baseUrl, f.clerk.token, await newHearing())).nodeId).toBe(idB);
    // The hearing on A stays there: counsel joining it is sent to A, and A lets them in.
    const counsel = await enter(api.baseUrl, f.counsel.token, f.hearingId);
    clients.push(counsel.client);
    expect(counsel.ticket.nodeId).toBe(idA);
    expect(counsel.joined.self.id).toBe(f.counsel.participantId);
    expect(a.rooms.room(f.hearingId)?.connectedParticipantIds()).toEqual(
      expect.arrayContaining([f.judge.participantId, f.counsel.participantId]),
    );

    // A ticket issued before the drain for a hearing nobody joined, whose placement lapsed (as it
    // does after three heartbeats): A refuses to open it with a code the hearing page retries on
    // with a fresh ticket (apps/web/src/hearing/session/refusals.ts), and that ticket names B.
    await api.app.get(MediaNodeDirectory).release(placedBefore, idA);
    const refused = await HearingClient.connect(a.url, { ticket: earlyTicket.ticket, hearingId: placedBefore }).then(
      (c) => (clients.push(c), 'connected'),
      (error: unknown) => (error instanceof HandshakeRefused ? error.refusal.code : String(error)),
    );
    expect(refused).toBe('media.unavailable');
    expect((await joinTicket(api.baseUrl, f.clerk.token, placedBefore)).nodeId).toBe(idB);

    // Not ready for new hearings (it says why), yet alive; B is ready.
    const notReady = await http(a.url, 'GET', '/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: 'not_ready', reason: 'draining', node: idA, draining: { by: 'admin' }, rooms: 1 });
    expect((await http(a.url, 'GET', '/health')).status).toBe(200);
    expect(await http(b.url, 'GET', '/ready')).toMatchObject({ status: 200, body: { status: 'ready', reason: null, node: idB } });

    const undrained = await http(api.baseUrl, 'DELETE', `/api/admin/media-nodes/${idA}/drain`, { token: admin.token });
    expect(undrained.status).toBe(200);
    expect(undrained.body).toMatchObject({ nodeId: idA, draining: false, drainedBy: null });
    expect((await http(a.url, 'GET', '/ready')).status).toBe(200);
    await loadsReported({ [idA]: 2, [idB]: 3 });
    expect((await joinTicket(api.baseUrl, f.clerk.token, await newHearing())).nodeId).toBe(idA);

    const { rows } = await testDb().query(
      `SELECT action, actor_type, actor_id, court_id, data FROM audit_events WHERE subject_type = 'media_node' AND subject_id = $1 ORDER BY seq`,
      [`${pool}/${idA}`],
    );
    expect(rows).toEqual([
      {
        action: 'media_node.drained',
        actor_type: 'user',
        actor_id: admin.id,
        court_id: null,
        data: expect.objectContaining({ by: 'admin', hearings: 1 }),
      },
      {
        action: 'media_node.undrained',
        actor_type: 'user',
        actor_id: admin.id,
        court_id: null,
        data: expect.objectContaining({ by: 'admin' }),
      },
    ]);
  });

  it("keeps an operator's drain when a node restarts with its id, and lifts the node's own drain when it stops or starts", async () => {
    const directory = api.app.get(MediaNodeDirectory);
    const [kept, own] = [`media-kept-${uniqueSuffix()}`, `media-own-${uniqueSuffix()}`];
    // As two nodes that stopped left them: drained by the administrator, or by its own pre-stop hook (then killed).
    await directory.changeDrain(kept, null, { by: 'admin', since: Date.now() - 60_000 });
    await directory.changeDrain(own, null, { by: 'node', since: Date.now() - 60_000 }, 600_000);

    const keptNode = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_NODE_ID: kept } });
    nodes.push(keptNode);
    const ownNode = await startMediaNode({ env: { MEDIA_POOL: pool, MEDIA_NODE_ID: own } });
    try {
      expect(await http(keptNode.url, 'GET', '/ready')).toMatchObject({
        status: 503,
        body: { reason: 'draining', draining: { by: 'admin' } },
      });
      expect(await http(ownNode.url, 'GET', '/ready')).toMatchObject({ status: 200, body: { status: 'ready' } });

      // Its pre-stop drain, then its stop: the mark goes with it.
      await api.app.get(DrainMediaNode).execute({ actor: SYSTEM_ACTOR, nodeId: own, want: 'drain', by: 'node' });
      expect((await http(ownNode.url, 'GET', '/ready')).body).toMatchObject({ reason: 'draining', draining: { by: 'node' } });
    } finally {
      await ownNode.close();
    }
    expect(await directory.drainMark(own)).toBeNull();
    expect(await directory.drainMark(kept)).toMatchObject({ by: 'admin' });
    await api.app.get(DrainMediaNode).execute({ actor: SYSTEM_ACTOR, nodeId: kept, want: 'undrain', by: 'command' });
    expect((await http(keptNode.url, 'GET', '/ready')).status).toBe(200);
  });
});
