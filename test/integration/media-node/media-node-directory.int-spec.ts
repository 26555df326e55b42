// The registry of media nodes in real Redis: nodes report their load with a TTL, the api places
// each hearing on the least loaded live node, a live hearing stays where it is, and a node that
// stops reporting is forgotten (its hearings move on the next placement).
import { Redis } from 'ioredis';
import { MediaNodeDirectory, type NodeLoad } from '@ejustice/hearings';
import { TEST_REDIS_URL, testConfig, uniqueSuffix } from '@ejustice/testing';

const HEARTBEAT_MS = 200;

describe('media node directory (Redis)', () => {
  let redis: Redis;
  let sut: MediaNodeDirectory;

  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL);
    sut = new MediaNodeDirectory(redis, testConfig({ MEDIA_POOL: `int-${uniqueSuffix()}`, MEDIA_HEARTBEAT_MS: String(HEARTBEAT_MS) }));
  });

  afterAll(async () => {
    await redis.quit();
  });

  const load = (nodeId: string, consumers: number): NodeLoad => ({
    nodeId,
    url: `http://${nodeId}`,
    hearings: 1,
    participants: 2,
    consumers,
    workers: 2,
    updatedAt: Date.now(),
  });

  it('places a new hearing on the least loaded live node, and keeps a live hearing on its node', async () => {
    await sut.heartbeat(load('busy', 80), []);
    await sut.heartbeat(load('quiet', 4), []);
    expect((await sut.liveNodes()).map((n) => n.nodeId).sort()).toEqual(['busy', 'quiet']);
    expect((await sut.place('h1'))?.nodeId).toBe('quiet');
    // The quiet node fills up; the hearing it carries stays on it, a new one goes elsewhere.
    await sut.heartbeat(load('quiet', 500), ['h1']);
    expect((await sut.place('h1'))?.nodeId).toBe('quiet');
    expect((await sut.place('h2'))?.nodeId).toBe('busy');
  });

  it('honours a placement made by another api instance, even onto a busier node', async () => {
    await sut.heartbeat(load('a', 10), []);
    // Another instance placed h3 on "busy" a moment ago (its view of the loads was different).
    await sut.claim('h3', 'busy');
    expect((await sut.place('h3'))?.nodeId).toBe('busy');
    expect(await sut.nodeOf('h3')).toBe('busy');
  });

  it('forgets a node that stops reporting, and moves its hearings on the next placement', async () => {
    await sut.heartbeat(load('mortal', 0), ['h4']);
    expect((await sut.place('h4'))?.nodeId).toBe('mortal');
    const survivors = ['busy', 'quiet', 'a', 'b'];
    // Keep the others alive while "mortal" misses its heartbeats.
    for (let i = 0; i < 5; i++) {
      for (const id of survivors) await sut.heartbeat(load(id, 10), []);
      await new Promise((r) => setTimeout(r, HEARTBEAT_MS));
    }
    expect((await sut.liveNodes()).map((n) => n.nodeId)).not.toContain('mortal');
    expect(survivors).toContain((await sut.place('h4'))?.nodeId);
  });

  it('unregisters a node going away, releasing only hearings still pointing at it', async () => {
    await sut.heartbeat(load('leaving', 0), ['h5']);
    await sut.claim('h6', 'someone-else');
    await sut.unregister('leaving', ['h5', 'h6']);
    expect((await sut.liveNodes()).map((n) => n.nodeId)).not.toContain('leaving');
    expect(await sut.nodeOf('h5')).toBeNull();
    expect(await sut.nodeOf('h6')).toBe('someone-else');
  });

  it('lets a node take a hearing only if no other live node carries it', async () => {
    await sut.heartbeat(load('holder', 0), ['h8']);
    await sut.heartbeat(load('intruder', 0), []);
    expect(await sut.claimIfFree('h8', 'intruder')).toBe(false);
    expect(await sut.nodeOf('h8')).toBe('holder');
    expect(await sut.claimIfFree('h8', 'holder')).toBe(true);
    expect(await sut.claimIfFree('h9', 'intruder')).toBe(true);
    // A claim by a node that is gone does not hold the hearing hostage.
    await sut.claim('h10', 'ghost');
    expect(await sut.claimIfFree('h10', 'intruder')).toBe(true);
    expect(await sut.nodeOf('h10')).toBe('intruder');
  });

  it('finds nothing when no node is alive', async () => {
    const empty = new MediaNodeDirectory(redis, testConfig({ MEDIA_POOL: `int-empty-${uniqueSuffix()}` }));
    await expect(empty.place('h7')).resolves.toBeUndefined();
  });
});
