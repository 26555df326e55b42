import { DomainError } from '@ejustice/platform';
import type { NodeLoad } from './placement';

/*
 * Draining a media node: it takes no new hearing, and the hearings it carries finish where they
 * are (moving a live hearing would cut everyone in it off). Pure rules here; the mark itself lives
 * in Redis (MediaNodeDirectory), set through DrainMediaNode (audited) by the court's
 * administrator, by `./ejustice media drain`, or by the node itself before it stops.
 */

/**
 * Who drained a node. An operator's drain (`admin` through the api, `command` from the command
 * line) is kept until an operator lifts it, across restarts of a node that keeps its id: a node
 * taken out for maintenance must not quietly take hearings again because it was restarted. The
 * node's own drain before it stops (`node`, the pre-stop hook) is lifted when it stops or starts
 * again: it is the same node coming back, and it should take hearings.
 */
export type DrainOrigin = 'admin' | 'command' | 'node';

export interface DrainMark {
  readonly by: DrainOrigin;
  /** Epoch ms the node began draining. */
  readonly since: number;
}

export interface DrainRequest {
  readonly want: 'drain' | 'undrain';
  readonly by: DrainOrigin;
}

export type DrainDecision =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'mark'; readonly mark: DrainMark }
  | { readonly kind: 'unmark' };

/**
 * What a drain or undrain does to a node as the directory knows it (`null`: neither live nor
 * marked). A node nobody knows is refused rather than marked, so a mistyped id is an error and
 * not a silent no-op; a node that is gone but still marked can be undrained (its mark lifted
 * before it comes back). An operator's drain replaces the node's own, so that it outlives the
 * restart, keeping the moment draining began.
 */
export function decideDrain(
  node: { readonly live: boolean; readonly mark: DrainMark | null } | null,
  request: DrainRequest,
  now: number,
): DrainDecision {
  if (!node || (!node.live && !node.mark)) return { kind: 'not_found' };
  if (request.want === 'undrain') return node.mark ? { kind: 'unmark' } : { kind: 'unchanged' };
  if (!node.mark) return { kind: 'mark', mark: { by: request.by, since: now } };
  if (node.mark.by === 'node' && request.by !== 'node') return { kind: 'mark', mark: { by: request.by, since: node.mark.since } };
  return { kind: 'unchanged' };
}

/** Why a media node is not ready for new hearings (readiness, not liveness: it may still carry some). */
export type NotReadyReason = 'redis_down' | 'not_registered' | 'no_live_worker' | 'draining';

/**
 * Readiness of a media node for new placement (and a Kubernetes Service's endpoints): registered
 * in Redis with its heartbeat, with a live mediasoup worker, and not draining. A draining node
 * still serves the hearings it carries; it is only not ready for more.
 */
export function mediaNodeReadiness(facts: {
  readonly redis: boolean;
  readonly registered: boolean;
  readonly workersAlive: number;
  readonly draining: DrainMark | null;
}): { readonly ready: boolean; readonly reason: NotReadyReason | null } {
  const reason: NotReadyReason | null = !facts.redis
    ? 'redis_down'
    : !facts.registered
      ? 'not_registered'
      : facts.workersAlive === 0
        ? 'no_live_worker'
        : facts.draining
          ? 'draining'
          : null;
  return { ready: reason === null, reason };
}

/**
 * A media node as the court's administrator and `./ejustice media nodes` see it (the REST
 * contract of /api/admin/media-nodes). Instants are ISO 8601 strings in UTC.
 */
export interface MediaNodeView {
  readonly nodeId: string;
  /** The URL browsers use for its signalling; null for a node that is gone but still marked draining. */
  readonly url: string | null;
  /** Reporting its heartbeat now. */
  readonly live: boolean;
  readonly hearings: number;
  readonly participants: number;
  readonly consumers: number;
  /** mediasoup workers alive. */
  readonly workers: number;
  readonly draining: boolean;
  readonly drainingSince: string | null;
  readonly drainedBy: DrainOrigin | null;
  /** When it last reported; null for a node that is gone. */
  readonly heartbeatAt: string | null;
}

/** A node's view from its last report (null when gone) and its drain mark. */
export function mediaNodeView(nodeId: string, load: NodeLoad | null, mark: DrainMark | null): MediaNodeView {
  return {
    nodeId,
    url: load?.url ?? null,
    live: load !== null,
    hearings: load?.hearings ?? 0,
    participants: load?.participants ?? 0,
    consumers: load?.consumers ?? 0,
    workers: load?.workers ?? 0,
    draining: mark !== null,
    drainingSince: mark ? new Date(mark.since).toISOString() : null,
    drainedBy: mark?.by ?? null,
    heartbeatAt: load ? new Date(load.updatedAt).toISOString() : null,
  };
}

const ORIGINS: readonly DrainOrigin[] = ['admin', 'command', 'node'];

/**
 * A drain mark as stored in Redis. Anything else found there (someone set the key by hand) still
 * drains the node, as an operator's drain of unknown date: a mark is never ignored.
 */
export function parseDrainMark(stored: string | null): DrainMark | null {
  if (stored === null) return null;
  try {
    const value = JSON.parse(stored) as Partial<DrainMark>;
    if (ORIGINS.includes(value.by as DrainOrigin) && Number.isFinite(value.since)) return { by: value.by!, since: value.since! };
  } catch {
    // Not JSON: read below as an operator's mark.
  }
  return { by: 'command', since: 0 };
}

export const MediaNodeErrors = {
  notFound: () =>
    new DomainError(
      'not_found',
      'media.node_not_found',
      'There is no such media node in this pool: it is not running, and it is not marked draining. List the nodes to find its id.',
    ),
};
