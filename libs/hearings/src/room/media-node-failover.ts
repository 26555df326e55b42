import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig, REDIS } from '@ejustice/platform';
import type { NodeLoad } from './placement';

/** How long the api waits for a media node's /health before calling it unreachable. */
export const NODE_PROBE_TIMEOUT_MS = 500;

/** One probe per node per this long, whoever asks: a room of 200 reconnecting people costs one. */
const PROBE_REUSE_MS = 1000;

/** A heartbeat older than this many intervals makes the node suspect even without a client's word. */
const SUSPECT_AFTER_BEATS = 1.5;

/**
 * A node that did not answer the probe, whose heartbeat will be late within this long, is waited
 * for rather than kept: the client asking would otherwise be sent back to a node that answers
 * nothing (a machine or its network lost), and wait there for its connection to time out.
 */
const AWAIT_LATE_HEARTBEAT_MS = 2000;

export type ProbeOutcome = 'alive' | 'refused' | 'timeout';

/** What the probe found, and whether the node was forgotten. */
export interface CarrierCheck {
  readonly nodeId: string;
  readonly probe: ProbeOutcome;
  readonly forgotten: boolean;
}

/**
 * Fast failover of a hearing whose media node died. The registry forgets a node only after three
 * missed heartbeats (6 s by default); meanwhile every reconnecting client would be sent back to
 * the dead node. Before placing a hearing, the api checks the node carrying it when there is
 * reason to doubt it: a client says it could not reach that node, or its heartbeat is late. The
 * check asks the node's /health (at most one probe per node per second, half a second at most).
 *
 * A live node never loses its hearing to a client's word: only the node's own silence counts.
 * It is forgotten when its address refuses the connection (nothing listens there: the process is
 * gone), or when the probe times out and its heartbeat is late as well (the api waits for that
 * moment when it is near: a lost machine refuses nothing, and its clients, who noticed from the
 * signalling ping, are waiting for a node that answers); any HTTP answer, even a 503, means it is
 * alive. Forgetting deletes its registry entry only if no heartbeat replaced it
 * since it was read (one script), so a node that just beat is kept; `place` then moves the
 * hearing atomically (MediaNodeDirectory), and the new node restores the room's snapshot.
 */
@Injectable()
export class MediaNodeFailover {
  private readonly logger = new Logger(MediaNodeFailover.name);
  private readonly prefix: string;
  private readonly probes = new Map<string, { at: number; outcome: Promise<ProbeOutcome> }>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.prefix = `ejustice:media:${config.media.pool}`;
  }

  /**
   * Checks the node carrying `hearingId` if a client reported it unreachable (`unreachableNodeId`,
   * heeded only when it names that node) or its heartbeat is late; forgets it if it is dead.
   * Undefined when there was nothing to check.
   */
  async checkCarrier(hearingId: string, unreachableNodeId: string | null, now = Date.now()): Promise<CarrierCheck | undefined> {
    const start = Date.now();
    const nodeId = await this.redis.get(`${this.prefix}:hearing:${hearingId}`);
    if (!nodeId) return undefined;
    const raw = await this.redis.get(`${this.prefix}:node:${nodeId}`);
    if (raw === null) return undefined; // already forgotten: `place` moves the hearing
    const node = JSON.parse(raw) as NodeLoad;
    const late = now - node.updatedAt > this.config.media.heartbeatMs * SUSPECT_AFTER_BEATS;
    if (unreachableNodeId !== nodeId && !late) return undefined;
    const probe = await this.probe(node, now);
    const lateAt = node.updatedAt + this.config.media.heartbeatMs * SUSPECT_AFTER_BEATS;
    // The probe took its time: the heartbeat may have fallen late meanwhile.
    const probedAt = now + (Date.now() - start);
    const wait = probe === 'timeout' && !late ? lateAt - probedAt : 0;
    if (wait > 0 && wait <= AWAIT_LATE_HEARTBEAT_MS) await new Promise((r) => setTimeout(r, wait + 1));
    // Refused, or no answer and no heartbeat in time: `forget` keeps it if a heartbeat came since.
    const dead = probe === 'refused' || (probe === 'timeout' && (late || wait <= AWAIT_LATE_HEARTBEAT_MS));
    const forgotten = dead && (await this.forget(nodeId, raw));
    if (forgotten)
      this.logger.warn(`checkCarrier() forgot an unreachable media node [node:${nodeId}] [probe:${probe}] [hearing:${hearingId}]`);
    return { nodeId, probe, forgotten };
  }

  private probe(node: NodeLoad, now: number): Promise<ProbeOutcome> {
    const recent = this.probes.get(node.nodeId);
    if (recent && now - recent.at < PROBE_REUSE_MS) return recent.outcome;
    const outcome = probeHealth(node.url);
    this.probes.set(node.nodeId, { at: now, outcome });
    for (const [id, p] of this.probes) if (now - p.at > 60_000) this.probes.delete(id);
    return outcome;
  }

  /** Deletes the node's entry if it is still the one read (no heartbeat since); returns whether it did. */
  private async forget(nodeId: string, seen: string): Promise<boolean> {
    const deleted = await this.redis.eval(
      `if redis.call('GET', KEYS[1]) == ARGV[1] then
         redis.call('DEL', KEYS[1])
         redis.call('SREM', KEYS[2], ARGV[2])
         return 1
       end
       return 0`,
      2,
      `${this.prefix}:node:${nodeId}`,
      `${this.prefix}:nodes`,
      seen,
      nodeId,
    );
    return deleted === 1;
  }
}

/** GET <url>/health: any HTTP answer is a live node; a refused connection or no answer in time is not. */
export async function probeHealth(url: string, timeoutMs = NODE_PROBE_TIMEOUT_MS): Promise<ProbeOutcome> {
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel().catch(() => undefined);
    return 'alive';
  } catch (error) {
    return isRefused(error) ? 'refused' : 'timeout';
  }
}

function isRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } } | null)?.cause;
  const codes = [cause?.code, ...(cause?.errors ?? []).map((e) => e.code)];
  // Only a refusal is proof that nothing listens: an unreachable host or a reset may be the
  // network between the api and a node that its clients still reach (then its heartbeat decides).
  return codes.includes('ECONNREFUSED');
}
