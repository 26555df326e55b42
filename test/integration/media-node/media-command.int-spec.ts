// `./ejustice media nodes | drain | undrain` against real Redis and the real audit chain: the
// listing, a drain that waits until the node's last hearing ends (printing what is left), a wait
// that times out naming the hearings still there, an unknown node, and the node's own drain
// (--self) that its pre-stop hook runs; in the function and in the built command alike.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { DrainMediaNode, MediaNodeDirectory, type NodeLoad } from '@ejustice/hearings';
import { AuditEvent, AuditLog, SystemClock } from '@ejustice/platform';
import { ROOT_DIR, TEST_DATABASE_APP_URL, TEST_REDIS_URL, closeTestDb, testConfig, testDb, testEnv, uniqueSuffix } from '@ejustice/testing';
import { type MediaCommand, runMedia } from '../../../scripts/media';

const run = promisify(execFile);

describe('media command (integration: Redis, the audit chain, and the built command)', () => {
  let redis: Redis;
  let db: DataSource;
  let pool: string;
  let directory: MediaNodeDirectory;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    db = await new DataSource({ type: 'postgres', url: TEST_DATABASE_APP_URL, entities: [AuditEvent] }).initialize();
  });

  beforeEach(() => {
    pool = `int-media-cmd-${uniqueSuffix()}`;
    directory = new MediaNodeDirectory(redis, testConfig({ MEDIA_POOL: pool }));
  });

  afterAll(async () => {
    await redis.quit();
    await db.destroy();
    await closeTestDb();
  });

  const load = (nodeId: string, hearings: number): NodeLoad => ({
    nodeId,
    url: `http://${nodeId}:3100`,
    hearings,
    participants: 2 * hearings,
    consumers: 4 * hearings,
    workers: 2,
    updatedAt: Date.now(),
  });

  /** Runs the command; `out` fills as it prints, so a test can act on what it has said so far. */
  function start(cmd: MediaCommand, selfNodeId = 'unused') {
    const out: string[] = [];
    const err: string[] = [];
    const clock = new SystemClock();
    const done = runMedia(
      cmd,
      { directory, selfNodeId, pollMs: 20, drain: async () => new DrainMediaNode(db, directory, new AuditLog(clock), clock) },
      (l) => out.push(l),
      (l) => err.push(l),
    ).then((code) => ({ code, out, err }));
    return { out, done };
  }
  const media = (cmd: MediaCommand, selfNodeId?: string) => start(cmd, selfNodeId).done;

  it('lists the nodes of the pool', async () => {
    await directory.heartbeat(load('media-a', 2), ['h1', 'h2']);
    await directory.heartbeat(load('media-b', 0), []);
    const { code, out } = await media({ command: 'nodes', json: false });
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^NODE +URL +HEARINGS +PARTICIPANTS +CONSUMERS +WORKERS +DRAINING +HEARTBEAT$/);
    expect(out[1]).toMatch(/^media-a +http:\/\/media-a:3100 +2 +4 +8 +2 +no +\d+\.\d s ago$/);
    expect(out[2]).toMatch(/^media-b +http:\/\/media-b:3100 +0 +0 +0 +2 +no +\d+\.\d s ago$/);
    const json = await media({ command: 'nodes', json: true });
    expect(JSON.parse(json.out.join('\n')).map((n: { nodeId: string }) => n.nodeId)).toEqual(['media-a', 'media-b']);
  });

  it('drains a node and waits until its last hearing ended, saying how many are left', async () => {
    await directory.heartbeat(load('media-a', 2), ['h1', 'h2']);
    const waiting = start({ command: 'drain', nodeId: 'media-a', wait: true, timeoutSeconds: null });
    // The hearings end one after the other, as the node closes their rooms.
    await until(async () => waiting.out.includes('media-a: 2 hearings left'));
    await directory.release('h1', 'media-a');
    await directory.heartbeat(load('media-a', 1), ['h2']);
    await until(async () => waiting.out.includes('media-a: 1 hearing left'));
    await directory.release('h2', 'media-a');
    await directory.heartbeat(load('media-a', 0), []);
    const { code, out } = await waiting.done;
    expect(code).toBe(0);
    expect(out[0]).toMatch(
      /^media-a is draining since \S+Z \(command\): it takes no new hearing; the 2 hearings it carries finish where they are\.$/,
    );
    expect(out.slice(1)).toEqual(['media-a: 2 hearings left', 'media-a: 1 hearing left', 'media-a carries no hearing: drained.']);
    const { rows } = await testDb().query(`SELECT action, actor_type, data FROM audit_events WHERE subject_id = $1`, [`${pool}/media-a`]);
    expect(rows).toEqual([
      { action: 'media_node.drained', actor_type: 'system', data: expect.objectContaining({ by: 'command', hearings: 2 }) },
    ]);
  });

  it('exits 2 when the wait times out, naming the hearings still on the node, which stays draining', async () => {
    await directory.heartbeat(load('media-a', 2), ['h-long', 'h-longer']);
    const { code, err } = await media({ command: 'drain', nodeId: 'media-a', wait: true, timeoutSeconds: 0.2 });
    expect(code).toBe(2);
    expect(err).toEqual(['media-a still carries 2 hearings after 0.2 s: h-long, h-longer. It stays draining.']);
    expect(await directory.drainMark('media-a')).toMatchObject({ by: 'command' });
  });

  it('refuses a node it does not know, and undrains one', async () => {
    const unknown = await media({ command: 'drain', nodeId: 'media-typo', wait: false, timeoutSeconds: null });
    expect(unknown.code).toBe(1);
    expect(unknown.err[0]).toMatch(
      /^media-typo: no such media node in pool "int-media-cmd-\w+": it is not running and not marked draining/,
    );

    await directory.heartbeat(load('media-a', 0), []);
    await media({ command: 'drain', nodeId: 'media-a', wait: false, timeoutSeconds: null });
    const undrained = await media({ command: 'undrain', nodeId: 'media-a' });
    expect(undrained).toMatchObject({ code: 0, out: ['media-a is not draining: it takes new hearings.'] });
    expect(await directory.drainMark('media-a')).toBeNull();
  });

  it("drains the node itself with --self, as its pre-stop hook does: the mark is the node's own and expires", async () => {
    await directory.heartbeat(load('media-self', 0), []);
    const { code, out } = await media({ command: 'drain', nodeId: null, wait: true, timeoutSeconds: 60 }, 'media-self');
    expect(code).toBe(0);
    expect(out[out.length - 1]).toBe('media-self carries no hearing: drained.');
    expect(await directory.drainMark('media-self')).toMatchObject({ by: 'node' });
    expect(await redis.pttl(`ejustice:media:${pool}:draining:media-self`)).toBeGreaterThan(3_600_000);
  });

  it('runs as the built command: exit 1 with a sentence for an unknown node, a drain of its own node with --self', async () => {
    const cli = join(ROOT_DIR, 'dist/scripts/media.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (./ejustice build).`);
    const command = (args: string[]) =>
      run(process.execPath, [cli, ...args], {
        env: { ...process.env, ...testEnv({ MEDIA_POOL: pool, MEDIA_NODE_ID: 'media-built' }) },
      }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );

    const unknown = await command(['drain', 'media-nowhere']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^media-nowhere: no such media node in pool/);
    expect((await command(['drain'])).stderr).toMatch(/^drain needs the id of one node, or --self/);

    await directory.heartbeat(load('media-built', 0), []);
    const drained = await command(['drain', '--self', '--wait', '--timeout', '30']);
    expect(drained.code).toBe(0);
    expect(drained.stdout).toMatch(/media-built carries no hearing: drained\.\n$/);
    expect(await directory.drainMark('media-built')).toMatchObject({ by: 'node' });
    const listed = await command(['nodes']);
    expect(listed.stdout).toMatch(/\nmedia-built +http:\/\/media-built:3100 .* since \S+ \(node\) /);
  });
});

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10));
}
