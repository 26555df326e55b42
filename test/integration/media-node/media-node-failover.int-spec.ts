// Fast failover in real Redis with real sockets (libs/hearings/src/room/media-node-failover.ts):
// a client's word that its node is unreachable makes the api probe that node's /health; a node
// whose port refuses is forgotten at once and the hearing moves on the next placement; a node
// that answers (even 503) keeps its hearing whatever clients say; a node that does not answer in
// time is kept while its heartbeat is fresh.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { MediaNodeDirectory, MediaNodeFailover, type NodeLoad } from '@ejustice/hearings';
import { TEST_REDIS_URL, testConfig, uniqueSuffix } from '@ejustice/testing';

const HEARTBEAT_MS = 60_000;

describe('media node failover (Redis, HTTP)', () => {
  let redis: Redis;
  let directory: MediaNodeDirectory;
  let sut: MediaNodeFailover;
  const servers: Server[] = [];

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    const config = testConfig({ MEDIA_POOL: `int-failover-${uniqueSuffix()}`, MEDIA_HEARTBEAT_MS: String(HEARTBEAT_MS) });
    directory = new MediaNodeDirectory(redis, config);
    sut = new MediaNodeFailover(redis, config);
  });

  afterAll(async () => {
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    await redis.quit();
  });

  /** An HTTP server answering /health with `status`, or never answering. */
  async function node(behaviour: number | 'silent'): Promise<string> {
    const server = createServer((_req, res) => {
      if (behaviour === 'silent') return;
      res.writeHead(behaviour).end('{}');
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** An address nothing listens on (a server opened and closed again). */
  async function deadAddress(): Promise<string> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((r) => server.close(r));
    return url;
  }

  const load = (nodeId: string, url: string, updatedAt = Date.now()): NodeLoad => ({
    nodeId,
    url,
    hearings: 0,
    participants: 0,
    consumers: 0,
    workers: 1,
    updatedAt,
  });

  it('forgets a node whose port refuses as soon as a client reports it, and the hearing moves', async () => {
    const spare = uniqueSuffix();
    await directory.heartbeat(load(`spare-${spare}`, await node(200)), []);
    await directory.heartbeat(load(`dead-${spare}`, await deadAddress()), ['h-dead']);
    await directory.claim('h-dead', `dead-${spare}`);
    // Nobody doubts it: nothing is probed, and the hearing stays (its heartbeat is fresh).
    expect(await sut.checkCarrier('h-dead', null)).toBeUndefined();
    expect((await directory.place('h-dead'))?.nodeId).toBe(`dead-${spare}`);
    // A client could not reach it.
    expect(await sut.checkCarrier('h-dead', `dead-${spare}`)).toEqual({ nodeId: `dead-${spare}`, probe: 'refused', forgotten: true });
    expect((await directory.place('h-dead'))?.nodeId).not.toBe(`dead-${spare}`);
    expect((await directory.liveNodes()).map((n) => n.nodeId)).not.toContain(`dead-${spare}`);
  });

  it('never takes a hearing from a node that answers, whatever clients say (even a 503)', async () => {
    const id = `busy-${uniqueSuffix()}`;
    await directory.heartbeat(load(id, await node(503)), ['h-live']);
    for (let i = 0; i < 3; i++) {
      expect(await sut.checkCarrier('h-live', id)).toEqual({ nodeId: id, probe: 'alive', forgotten: false });
    }
    expect((await directory.place('h-live'))?.nodeId).toBe(id);
  });

  it('ignores a report naming another node than the one carrying the hearing', async () => {
    const id = `other-${uniqueSuffix()}`;
    await directory.heartbeat(load(id, await deadAddress()), ['h-other']);
    expect(await sut.checkCarrier('h-other', 'some-other-node')).toBeUndefined();
    expect((await directory.place('h-other'))?.nodeId).toBe(id);
  });

  it('keeps a node that does not answer in time while its heartbeat is fresh; forgets it once the heartbeat is late too', async () => {
    const id = `slow-${uniqueSuffix()}`;
    const url = await node('silent');
    await directory.heartbeat(load(id, url), ['h-slow']);
    expect(await sut.checkCarrier('h-slow', id)).toEqual({ nodeId: id, probe: 'timeout', forgotten: false });
    expect((await directory.place('h-slow'))?.nodeId).toBe(id);
    // Its last heartbeat is now two intervals old: the api probes it without anyone's word.
    await directory.heartbeat(load(id, url, Date.now() - 2 * HEARTBEAT_MS), ['h-slow']);
    const later = Date.now() + 5_000; // past the one-probe-a-second reuse
    expect(await sut.checkCarrier('h-slow', null, later)).toEqual({ nodeId: id, probe: 'timeout', forgotten: true });
  });

  describe('a node that answers nothing and beats no more (its machine or network lost)', () => {
    // Heartbeats every second, as a node tuned for fast failover: late after 1.5 s.
    const FAST_HEARTBEAT_MS = 1000;
    let fastDirectory: MediaNodeDirectory;
    let fast: MediaNodeFailover;

    beforeAll(() => {
      const config = testConfig({ MEDIA_POOL: `int-failover-fast-${uniqueSuffix()}`, MEDIA_HEARTBEAT_MS: String(FAST_HEARTBEAT_MS) });
      fastDirectory = new MediaNodeDirectory(redis, config);
      fast = new MediaNodeFailover(redis, config);
    });

    it('is forgotten the moment its heartbeat falls late, in the same ticket request, not sent back to', async () => {
      const id = `frozen-${uniqueSuffix()}`;
      const url = await node('silent');
      const beat = Date.now();
      await fastDirectory.heartbeat(load(id, url, beat), ['h-frozen']);
      // The probe times out after 0.5 s, when the heartbeat is 0.5 s old: the api waits the
      // second until it is late rather than naming the node to the client again.
      expect(await fast.checkCarrier('h-frozen', id)).toEqual({ nodeId: id, probe: 'timeout', forgotten: true });
      // Not before its heartbeat was late (1.5 intervals); the upper bound is only a sanity check.
      expect(Date.now() - beat).toBeGreaterThanOrEqual(1.5 * FAST_HEARTBEAT_MS);
      expect(Date.now() - beat).toBeLessThan(5 * FAST_HEARTBEAT_MS);
      expect((await fastDirectory.liveNodes()).map((n) => n.nodeId)).not.toContain(id);
    });

    it('is kept if it beats while the api waits for its heartbeat (it is alive after all)', async () => {
      const id = `waking-${uniqueSuffix()}`;
      const url = await node('silent');
      await fastDirectory.heartbeat(load(id, url), ['h-waking']);
      const check = fast.checkCarrier('h-waking', id);
      await new Promise((r) => setTimeout(r, 1200)); // after the probe's timeout, before the heartbeat is late
      await fastDirectory.heartbeat(load(id, url), ['h-waking']);
      expect(await check).toEqual({ nodeId: id, probe: 'timeout', forgotten: false });
      expect((await fastDirectory.place('h-waking'))?.nodeId).toBe(id);
    });
  });

  it('does not forget a node whose heartbeat arrived while it was being probed', async () => {
    const id = `racing-${uniqueSuffix()}`;
    const url = await node('silent');
    await directory.heartbeat(load(id, url, Date.now() - 2 * HEARTBEAT_MS), ['h-race']);
    // The probe waits its second for an answer; the node's heartbeat lands meanwhile.
    const check = sut.checkCarrier('h-race', id);
    await new Promise((r) => setTimeout(r, 200));
    await directory.heartbeat(load(id, url), ['h-race']);
    expect(await check).toEqual({ nodeId: id, probe: 'timeout', forgotten: false });
    expect((await directory.place('h-race'))?.nodeId).toBe(id);
  });

  it('a late heartbeat of a node given up for dead never takes back the hearing another node carries now', async () => {
    const suffix = uniqueSuffix();
    const [first, second] = [`first-${suffix}`, `second-${suffix}`];
    await directory.heartbeat(load(first, await node(200)), ['h-fenced']);
    await directory.claim('h-fenced', first);
    // The registry gave it up and the hearing moved on (as after a refused probe).
    await directory.claim('h-fenced', second);
    expect(await directory.heartbeat(load(second, await node(200)), ['h-fenced'])).toEqual([]);
    // The first node hears that the hearing is carried elsewhere now (it drops its room).
    expect(await directory.heartbeat(load(first, await node(200)), ['h-fenced', 'h-its-own'])).toEqual(['h-fenced']);
    expect(await directory.nodeOf('h-fenced')).toBe(second);
    expect((await directory.place('h-fenced'))?.nodeId).toBe(second);
  });
});
