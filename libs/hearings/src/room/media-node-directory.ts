import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@ejustice/platform';
import { type DrainMark, type MediaNodeView, mediaNodeView, parseDrainMark } from './node-draining';
import { type NodeLoad, chooseNode } from './placement';

/** A node is forgotten after missing this many heartbeats. */
const MISSED_HEARTBEATS = 3;

/**
 * The media nodes of a pool, as they report themselves in Redis, and which node carries which
 * hearing. Live coordination only: everything here expires on its own when a node disappears.
 *
 *   <prefix>:node:<nodeId>        JSON NodeLoad, expires after three missed heartbeats
 *   <prefix>:nodes                set of node ids (pruned when their key has expired)
 *   <prefix>:hearing:<hearingId>  the node carrying the hearing, refreshed by that node
 *   <prefix>:hearing:<hearingId>:edges  set of the nodes serving part of its audience (cascading)
 *   <prefix>:draining:<nodeId>    JSON DrainMark: the node takes no new hearing (node-draining.ts).
 *                                 No expiry when an operator drained it (it outlives a restart);
 *                                 the node's own, before it stops, expires and is lifted by the node
 */
@Injectable()
export class MediaNodeDirectory {
  private readonly prefix: string;
  /** The pool of media nodes this directory lists (MEDIA_POOL). */
  readonly pool: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.pool = config.media.pool;
    this.prefix = `ejustice:media:${config.media.pool}`;
  }

  private get ttlMs(): number {
    return this.config.media.heartbeatMs * MISSED_HEARTBEATS;
  }

  /**
   * A node's heartbeat: its load, and the hearings it carries (so they stay placed on it).
   * Returns those of them another node carries now: this node was given up for dead (frozen, or
   * cut off from the api) and the hearing moved on; it must drop them, not serve them beside it.
   */
  async heartbeat(load: NodeLoad, hearingIds: readonly string[]): Promise<string[]> {
    const multi = this.redis.multi();
    multi.set(`${this.prefix}:node:${load.nodeId}`, JSON.stringify(load), 'PX', this.ttlMs);
    multi.sadd(`${this.prefix}:nodes`, load.nodeId);
    // Only its own claims (or lapsed ones): a hearing another node took over, after this one was
    // given up for dead (media-node-failover.ts), is never taken back by a late heartbeat.
    for (const hearingId of hearingIds)
      multi.eval(
        "local cur = redis.call('GET', KEYS[1]) if (not cur) or cur == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 0 end return 1",
        1,
        `${this.prefix}:hearing:${hearingId}`,
        load.nodeId,
        String(this.ttlMs),
      );
    const results = (await multi.exec()) ?? [];
    // The first two replies are the node's own entry; one per hearing follows, 1 where it moved.
    return hearingIds.filter((_, i) => results[i + 2]?.[1] === 1);
  }

  /** A node going away on purpose: it stops receiving new hearings at once. */
  async unregister(nodeId: string, hearingIds: readonly string[]): Promise<void> {
    const multi = this.redis.multi();
    multi.del(`${this.prefix}:node:${nodeId}`);
    multi.srem(`${this.prefix}:nodes`, nodeId);
    await multi.exec();
    // Its own drain before stopping has done its work; an operator's stays for its next start.
    await this.clearOwnDrain(nodeId);
    // Only release hearings still pointing at this node (another may have taken one over).
    for (const hearingId of hearingIds) await this.release(hearingId, nodeId);
  }

  async liveNodes(): Promise<NodeLoad[]> {
    const ids = await this.redis.smembers(`${this.prefix}:nodes`);
    if (ids.length === 0) return [];
    const values = await this.redis.mget([...ids.map((id) => `${this.prefix}:node:${id}`), ...ids.map((id) => this.drainKey(id))]);
    const live: NodeLoad[] = [];
    const gone: string[] = [];
    ids.forEach((id, i) => {
      const value = values[i];
      if (value === null) gone.push(id);
      else live.push({ ...(JSON.parse(value) as NodeLoad), draining: values[ids.length + i] !== null });
    });
    if (gone.length > 0) await this.redis.srem(`${this.prefix}:nodes`, ...gone);
    return live;
  }

  async nodeOf(hearingId: string): Promise<string | null> {
    return this.redis.get(`${this.prefix}:hearing:${hearingId}`);
  }

  /**
   * The node that carries a hearing: the one already carrying it if alive, otherwise the least
   * loaded live node, claimed atomically (SET NX), so two api instances placing the same hearing
   * at once agree on one node. Undefined when no node is alive.
   */
  async place(hearingId: string): Promise<NodeLoad | undefined> {
    const nodes = await this.liveNodes();
    const key = `${this.prefix}:hearing:${hearingId}`;
    const current = await this.redis.get(key);
    if (current && nodes.some((n) => n.nodeId === current)) return chooseNode(nodes, current);
    const choice = chooseNode(nodes, null);
    if (!choice) return undefined;
    if (current) {
      // The node it was on is gone: replace the stale claim, but only if nobody replaced it meanwhile.
      await this.redis.eval(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
        1,
        key,
        current,
      );
    }
    const claimed = await this.redis.set(key, choice.nodeId, 'PX', this.ttlMs, 'NX');
    if (claimed === 'OK') return choice;
    const winner = await this.redis.get(key);
    return nodes.find((n) => n.nodeId === winner) ?? choice;
  }

  /** The node takes the hearing (it holds the room now). */
  async claim(hearingId: string, nodeId: string): Promise<void> {
    await this.redis.set(`${this.prefix}:hearing:${hearingId}`, nodeId, 'PX', this.ttlMs);
  }

  /**
   * Takes the hearing unless another live node carries it: a hearing is never split across two
   * nodes (its participants would not see each other). Returns false when another node has it,
   * and when this node is draining and does not carry it already (a draining node takes no new
   * hearing: the client asks the api again, which places it elsewhere).
   */
  async claimIfFree(hearingId: string, nodeId: string): Promise<boolean> {
    const taken = await this.redis.eval(
      `local cur = redis.call('GET', KEYS[1])
       if cur ~= ARGV[1] then
         if cur and redis.call('EXISTS', ARGV[3] .. cur) == 1 then return 0 end
         if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
       end
       redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
       return 1`,
      2,
      `${this.prefix}:hearing:${hearingId}`,
      this.drainKey(nodeId),
      nodeId,
      String(this.ttlMs),
      `${this.prefix}:node:`,
    );
    return taken === 1;
  }

  async release(hearingId: string, nodeId: string): Promise<void> {
    await this.redis.eval(
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
      1,
      `${this.prefix}:hearing:${hearingId}`,
      nodeId,
    );
  }

  /**
   * The edge nodes serving part of a hearing's audience (cascading, apps/media/src/cascade), as
   * its origin node records them; refreshed by the origin each heartbeat, so they expire with it.
   */
  async setEdges(hearingId: string, edgeNodeIds: readonly string[]): Promise<void> {
    const key = `${this.prefix}:hearing:${hearingId}:edges`;
    const multi = this.redis.multi().del(key);
    if (edgeNodeIds.length > 0) multi.sadd(key, ...edgeNodeIds).pexpire(key, this.ttlMs);
    await multi.exec();
  }

  async edgesOf(hearingId: string): Promise<string[]> {
    return (await this.redis.smembers(`${this.prefix}:hearing:${hearingId}:edges`)).sort();
  }

  private drainKey(nodeId: string): string {
    return `${this.prefix}:draining:${nodeId}`;
  }

  /** Since when and by whom the node is draining; null when it is not. */
  async drainMark(nodeId: string): Promise<DrainMark | null> {
    return parseDrainMark(await this.redis.get(this.drainKey(nodeId)));
  }

  /**
   * A node as the directory knows it: its last report while it is live, and its drain mark, also
   * as stored (`storedMark`, what changeDrain compares with). Null when it is neither live nor marked.
   */
  async node(nodeId: string): Promise<{ load: NodeLoad | null; mark: DrainMark | null; storedMark: string | null } | null> {
    const [load, storedMark] = await this.redis.mget(`${this.prefix}:node:${nodeId}`, this.drainKey(nodeId));
    if (load === null && storedMark === null) return null;
    return { load: load === null ? null : (JSON.parse(load) as NodeLoad), mark: parseDrainMark(storedMark), storedMark };
  }

  /**
   * Sets (or with `next` null lifts) a node's drain mark, if it is still the one the caller read
   * (`expected`, as stored; null for none): of two operators acting at once, one changes it and
   * the other is told to read again. With `ttlMs` the mark expires (the node's own); without, it
   * stays until lifted. Returns whether it changed.
   */
  async changeDrain(nodeId: string, expected: string | null, next: DrainMark | null, ttlMs = 0): Promise<boolean> {
    const changed = await this.redis.eval(
      `if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
       if ARGV[2] == '' then redis.call('DEL', KEYS[1])
       elseif tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
       else redis.call('SET', KEYS[1], ARGV[2]) end
       return 1`,
      1,
      this.drainKey(nodeId),
      expected ?? '',
      next ? JSON.stringify(next) : '',
      String(ttlMs),
    );
    return changed === 1;
  }

  /**
   * Lifts the node's own drain (never an operator's): when it stops, its drain has done its
   * work; when it starts again (killed after its pre-stop drain), it is the same node back.
   * Returns whether there was one.
   */
  async clearOwnDrain(nodeId: string): Promise<boolean> {
    const cleared = await this.redis.eval(
      `local cur = redis.call('GET', KEYS[1])
       if not cur then return 0 end
       local ok, mark = pcall(cjson.decode, cur)
       if ok and type(mark) == 'table' and mark.by == 'node' then redis.call('DEL', KEYS[1]) return 1 end
       return 0`,
      1,
      this.drainKey(nodeId),
    );
    return cleared === 1;
  }

  /** Every node of the pool, by id: the live ones with their last report, and those gone but still marked draining. */
  async nodes(): Promise<MediaNodeView[]> {
    const ids = new Set(await this.redis.smembers(`${this.prefix}:nodes`));
    for (const key of await this.scanKeys(`${this.prefix}:draining:`)) ids.add(key.slice(`${this.prefix}:draining:`.length));
    const sorted = [...ids].sort();
    if (sorted.length === 0) return [];
    const values = await this.redis.mget([...sorted.map((id) => `${this.prefix}:node:${id}`), ...sorted.map((id) => this.drainKey(id))]);
    const views: MediaNodeView[] = [];
    sorted.forEach((id, i) => {
      const load = values[i];
      const mark = parseDrainMark(values[sorted.length + i]);
      if (load !== null || mark !== null) views.push(mediaNodeView(id, load === null ? null : (JSON.parse(load) as NodeLoad), mark));
    });
    return views;
  }

  /**
   * The hearings placed on a node now: those it carries (refreshed by its heartbeat) and any
   * placed on it that nobody has joined yet (they expire unless someone does). Reads every
   * placement of the pool: for operators, not for a hot path.
   */
  async hearingsOn(nodeId: string): Promise<string[]> {
    const keys = await this.scanKeys(`${this.prefix}:hearing:`);
    const hearings: string[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const batch = keys.slice(i, i + 500);
      const values = await this.redis.mget(batch);
      batch.forEach((key, j) => {
        if (values[j] === nodeId) hearings.push(key.slice(`${this.prefix}:hearing:`.length));
      });
    }
    return hearings.sort();
  }

  /** Every key starting with `prefix` (its glob characters escaped), without blocking Redis. */
  private async scanKeys(prefix: string): Promise<string[]> {
    const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    const keys = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      for (const key of batch) keys.add(key);
      cursor = next;
    } while (cursor !== '0');
    return [...keys];
  }
}
