import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@ejustice/platform';
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
 */
@Injectable()
export class MediaNodeDirectory {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.prefix = `ejustice:media:${config.media.pool}`;
  }

  private get ttlMs(): number {
    return this.config.media.heartbeatMs * MISSED_HEARTBEATS;
  }

  /** A node's heartbeat: its load, and the hearings it carries (so they stay placed on it). */
  async heartbeat(load: NodeLoad, hearingIds: readonly string[]): Promise<void> {
    const multi = this.redis.multi();
    multi.set(`${this.prefix}:node:${load.nodeId}`, JSON.stringify(load), 'PX', this.ttlMs);
    multi.sadd(`${this.prefix}:nodes`, load.nodeId);
    for (const hearingId of hearingIds) multi.set(`${this.prefix}:hearing:${hearingId}`, load.nodeId, 'PX', this.ttlMs);
    await multi.exec();
  }

  /** A node going away on purpose: it stops receiving new hearings at once. */
  async unregister(nodeId: string, hearingIds: readonly string[]): Promise<void> {
    const multi = this.redis.multi();
    multi.del(`${this.prefix}:node:${nodeId}`);
    multi.srem(`${this.prefix}:nodes`, nodeId);
    await multi.exec();
    // Only release hearings still pointing at this node (another may have taken one over).
    for (const hearingId of hearingIds) await this.release(hearingId, nodeId);
  }

  async liveNodes(): Promise<NodeLoad[]> {
    const ids = await this.redis.smembers(`${this.prefix}:nodes`);
    if (ids.length === 0) return [];
    const values = await this.redis.mget(ids.map((id) => `${this.prefix}:node:${id}`));
    const live: NodeLoad[] = [];
    const gone: string[] = [];
    values.forEach((value, i) => {
      if (value === null) gone.push(ids[i]);
      else live.push(JSON.parse(value) as NodeLoad);
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
   * nodes (its participants would not see each other). Returns false when another node has it.
   */
  async claimIfFree(hearingId: string, nodeId: string): Promise<boolean> {
    const taken = await this.redis.eval(
      `local cur = redis.call('GET', KEYS[1])
       if (not cur) or cur == ARGV[1] or redis.call('EXISTS', ARGV[3] .. cur) == 0 then
         redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
         return 1
       end
       return 0`,
      1,
      `${this.prefix}:hearing:${hearingId}`,
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
}
