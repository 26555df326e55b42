// Draining media nodes in real Redis, with its audit events in real PostgreSQL: a draining node
// takes no new hearing but keeps the ones it carries; an operator's drain outlives the node's
// restart, the node's own drain before it stops does not; every change is one audit event, and
// two administrators draining a node at the same moment make one.
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { DrainMediaNode, MediaNodeDirectory, type NodeLoad } from '@ejustice/hearings';
import { AuditEvent, AuditLog, SYSTEM_ACTOR, SystemClock, isDomainError, userActor } from '@ejustice/platform';
import { TEST_DATABASE_APP_URL, TEST_REDIS_URL, closeTestDb, testConfig, testDb, uniqueSuffix } from '@ejustice/testing';

const HEARTBEAT_MS = 5_000;

describe('draining media nodes (integration: Redis and the audit chain)', () => {
  let redis: Redis;
  let db: DataSource;
  let pool: string;
  let sut: MediaNodeDirectory;
  let drain: DrainMediaNode;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    db = await new DataSource({ type: 'postgres', url: TEST_DATABASE_APP_URL, entities: [AuditEvent] }).initialize();
  });

  beforeEach(() => {
    // A pool of its own per test: nothing one test marks is seen by another.
    pool = `int-drain-${uniqueSuffix()}`;
    sut = new MediaNodeDirectory(redis, testConfig({ MEDIA_POOL: pool, MEDIA_HEARTBEAT_MS: String(HEARTBEAT_MS) }));
    drain = new DrainMediaNode(db, sut, new AuditLog(new SystemClock()), new SystemClock());
  });

  afterAll(async () => {
    await redis.quit();
    await db.destroy();
    await closeTestDb();
  });

  const load = (nodeId: string, consumers = 0, hearings = 0): NodeLoad => ({
    nodeId,
    url: `http://${nodeId}`,
    hearings,
    participants: 0,
    consumers,
    workers: 2,
    updatedAt: Date.now(),
  });

  async function eventsOf(nodeId: string) {
    const { rows } = await testDb().query(
      `SELECT action, actor_type, actor_id, court_id, data FROM audit_events WHERE subject_type = 'media_node' AND subject_id = $1 ORDER BY seq`,
      [`${pool}/${nodeId}`],
    );
    return rows;
  }

  it('places no new hearing on a draining node, keeps the hearings it carries there, and takes it back once undrained', async () => {
    await sut.heartbeat(load('a', 0, 1), ['carried']);
    await sut.heartbeat(load('b', 200), []);
    expect((await sut.place('first'))?.nodeId).toBe('a');

    const view = await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'a', want: 'drain', by: 'command' });
    expect(view).toMatchObject({ nodeId: 'a', live: true, draining: true, drainedBy: 'command', hearings: 1 });
    expect((await sut.liveNodes()).find((n) => n.nodeId === 'a')?.draining).toBe(true);

    // The idle node is draining: a new hearing goes to the busy one.
    expect((await sut.place('second'))?.nodeId).toBe('b');
    // The hearings already on it stay: the one it carries, and the one placed on it a moment ago.
    expect((await sut.place('carried'))?.nodeId).toBe('a');
    expect((await sut.place('first'))?.nodeId).toBe('a');

    await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'a', want: 'undrain', by: 'command' });
    expect((await sut.place('third'))?.nodeId).toBe('a');
    expect((await eventsOf('a')).map((e) => [e.action, e.actor_type, e.court_id, e.data.by])).toEqual([
      ['media_node.drained', 'system', null, 'command'],
      ['media_node.undrained', 'system', null, 'command'],
    ]);
  });

  it('finds no node for a new hearing when every node drains', async () => {
    await sut.heartbeat(load('only'), []);
    await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'only', want: 'drain', by: 'command' });
    await expect(sut.place('nowhere')).resolves.toBeUndefined();
  });

  it('lets a draining node open a room only for a hearing placed on it', async () => {
    await sut.heartbeat(load('leaving'), []);
    await sut.heartbeat(load('staying'), []);
    await sut.claim('placed-before', 'leaving');
    await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'leaving', want: 'drain', by: 'command' });

    expect(await sut.claimIfFree('placed-before', 'leaving')).toBe(true);
    // A ticket for it, issued before the drain, for a hearing nobody carries now: refused, so the
    // client asks the api again and is sent to another node.
    expect(await sut.claimIfFree('unplaced', 'leaving')).toBe(false);
    expect(await sut.nodeOf('unplaced')).toBeNull();
    expect(await sut.claimIfFree('unplaced', 'staying')).toBe(true);
  });

  it("keeps an operator's drain across the node's restart, and lifts the node's own drain when it stops or starts", async () => {
    await sut.heartbeat(load('maintained'), []);
    await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'maintained', want: 'drain', by: 'command' });
    await sut.unregister('maintained', []);
    expect(await sut.clearOwnDrain('maintained')).toBe(false);
    await sut.heartbeat(load('maintained'), []);
    expect((await sut.liveNodes()).find((n) => n.nodeId === 'maintained')?.draining).toBe(true);

    await sut.heartbeat(load('stopping'), []);
    await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'stopping', want: 'drain', by: 'node', markTtlSeconds: 600 });
    expect(await redis.pttl(`ejustice:media:${pool}:draining:stopping`)).toBeGreaterThan(0);
    await sut.unregister('stopping', []);
    expect(await sut.drainMark('stopping')).toBeNull();

    // Killed before it could unregister: the node lifts its own drain when it starts again.
    await sut.heartbeat(load('killed'), []);
    await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'killed', want: 'drain', by: 'node' });
    expect(await sut.clearOwnDrain('killed')).toBe(true);
    expect(await sut.drainMark('killed')).toBeNull();
  });

  it("makes an administrator's drain of a node that is stopping itself outlive its restart", async () => {
    await sut.heartbeat(load('n'), []);
    await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'n', want: 'drain', by: 'node', markTtlSeconds: 600 });
    const since = (await sut.drainMark('n'))?.since;
    const admin = userActor('00000000-0000-4000-8000-000000000001');
    expect(await drain.execute({ actor: admin, nodeId: 'n', want: 'drain', by: 'admin' })).toMatchObject({ drainedBy: 'admin' });
    expect(await sut.drainMark('n')).toEqual({ by: 'admin', since });
    // No expiry any more: it waits for an operator.
    expect(await redis.pttl(`ejustice:media:${pool}:draining:n`)).toBe(-1);
    expect(await sut.clearOwnDrain('n')).toBe(false);
    expect((await eventsOf('n')).map((e) => [e.action, e.actor_type, e.data.by])).toEqual([
      ['media_node.drained', 'system', 'node'],
      ['media_node.drained', 'user', 'admin'],
    ]);
  });

  it('refuses a node it does not know, and lifts the drain of a node that is gone', async () => {
    const refusal = await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'typo', want: 'drain', by: 'command' }).catch((e: unknown) => e);
    expect(isDomainError(refusal) && [refusal.kind, refusal.code]).toEqual(['not_found', 'media.node_not_found']);
    expect(await sut.drainMark('typo')).toBeNull();

    await sut.heartbeat(load('gone'), []);
    await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'gone', want: 'drain', by: 'command' });
    await sut.unregister('gone', []);
    expect((await sut.nodes()).find((n) => n.nodeId === 'gone')).toMatchObject({
      live: false,
      draining: true,
      url: null,
      heartbeatAt: null,
    });
    expect(await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'gone', want: 'undrain', by: 'command' })).toMatchObject({
      live: false,
      draining: false,
    });
    expect((await sut.nodes()).map((n) => n.nodeId)).not.toContain('gone');
  });

  it('records nothing when nothing changes, and one event when two drain the same node at once', async () => {
    await sut.heartbeat(load('shared'), []);
    const admins = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'].map(userActor);
    await Promise.all(admins.map((actor) => drain.execute({ actor, nodeId: 'shared', want: 'drain', by: 'admin' })));
    await drain.execute({ actor: admins[0], nodeId: 'shared', want: 'drain', by: 'admin' });
    await drain.execute({ actor: admins[0], nodeId: 'shared', want: 'undrain', by: 'admin' });
    await drain.execute({ actor: admins[0], nodeId: 'shared', want: 'undrain', by: 'admin' });
    expect((await eventsOf('shared')).map((e) => e.action)).toEqual(['media_node.drained', 'media_node.undrained']);
  });

  it('lists the nodes with their load, drain and heartbeat, and the hearings each carries', async () => {
    await sut.heartbeat({ ...load('x', 12, 2), participants: 5 }, ['h1', 'h2']);
    await sut.heartbeat(load('y'), []);
    await sut.claim('h3', 'y');
    await drain.execute({ actor: SYSTEM_ACTOR, nodeId: 'x', want: 'drain', by: 'command' });

    const nodes = await sut.nodes();
    expect(nodes.map((n) => n.nodeId)).toEqual(['x', 'y']);
    expect(nodes[0]).toMatchObject({
      url: 'http://x',
      live: true,
      hearings: 2,
      participants: 5,
      consumers: 12,
      workers: 2,
      draining: true,
    });
    expect(Date.parse(nodes[0].drainingSince!)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(nodes[0].heartbeatAt!)).toBeLessThanOrEqual(Date.now());
    expect(nodes[1]).toMatchObject({ draining: false, drainingSince: null, drainedBy: null });

    expect((await sut.hearingsOn('x')).sort()).toEqual(['h1', 'h2']);
    expect(await sut.hearingsOn('y')).toEqual(['h3']);
    await sut.release('h3', 'y');
    expect(await sut.hearingsOn('y')).toEqual([]);
  });
});
