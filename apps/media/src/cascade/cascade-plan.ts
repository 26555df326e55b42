/**
 * Cascading a large hearing's audience to further media nodes: the pure choices, no mediasoup,
 * no Redis, no clock. The hearing's ORIGIN node (the one the directory names for it) keeps its
 * signalling, its room state and its media policy; an EDGE node only forwards, to the viewers
 * the origin puts on it, the producers the origin pipes to it.
 */
import { MEDIA_KINDS, type ConsumerGrant, type MediaVariant, roleMayProduce } from '@ejustice/media-policy';
import type { HearingRole } from '@ejustice/vocabulary/hearing-role';
import { loadScore } from '@ejustice/hearings';

/** A seat that only receives (the public gallery): the only kind an edge serves, since an edge takes no producer. */
export function isViewerSeat(role: HearingRole): boolean {
  return !MEDIA_KINDS.some((kind) => roleMayProduce(role, kind));
}

/** A media node as the cascade sees it: its load, and whether it takes new work. */
export interface EdgeCandidate {
  readonly nodeId: string;
  readonly consumers: number;
  readonly participants: number;
  readonly hearings: number;
  readonly workers: number;
  /** A draining node finishes what it has and takes nothing new, edges included. */
  readonly draining?: boolean;
}

export interface ViewerPlacementInput {
  readonly originNodeId: string;
  /** MEDIA_CASCADE_AFTER_VIEWERS: how many viewers a node serves for one hearing before the next goes further. */
  readonly afterViewers: number;
  /** Viewers of this hearing whose receiving transport is on the origin now. */
  readonly viewersOnOrigin: number;
  /** Viewers of this hearing on each edge node now (edges already linked to this hearing). */
  readonly viewersOnEdges: ReadonlyMap<string, number>;
  /** The live media nodes of the pool, the origin among them. */
  readonly nodes: readonly EdgeCandidate[];
}

/**
 * Where a new viewer's receiving transport goes: the origin while it serves fewer than
 * `afterViewers` of the hearing's viewers; then an edge already carrying the hearing with room
 * for one more (its pipes exist already, so a viewer there costs no new pipe), the fullest first
 * so edges fill one by one; then the least loaded other live node that is not draining. With no
 * such node, the origin after all: a viewer is never refused for want of an edge.
 */
export function placeViewer(input: ViewerPlacementInput): { readonly nodeId: string; readonly edge: boolean } {
  const origin = { nodeId: input.originNodeId, edge: false };
  if (input.viewersOnOrigin < input.afterViewers) return origin;
  const live = new Map(input.nodes.map((n) => [n.nodeId, n]));
  const linked = [...input.viewersOnEdges]
    .filter(
      ([nodeId, viewers]) =>
        nodeId !== input.originNodeId && viewers < input.afterViewers && live.has(nodeId) && !live.get(nodeId)?.draining,
    )
    .sort(([a, va], [b, vb]) => vb - va || (a < b ? -1 : 1));
  if (linked.length > 0) return { nodeId: linked[0][0], edge: true };
  const fresh = input.nodes
    .filter((n) => n.nodeId !== input.originNodeId && !n.draining && !input.viewersOnEdges.has(n.nodeId))
    .sort((a, b) => perWorker(a) - perWorker(b) || (a.nodeId < b.nodeId ? -1 : 1));
  return fresh.length > 0 ? { nodeId: fresh[0].nodeId, edge: true } : origin;
}

function perWorker(node: EdgeCandidate): number {
  return loadScore(node) / Math.max(1, node.workers);
}

/** One producer variant of one participant, as piped: the policy's terms, not mediasoup's ids. */
export interface PipedVariant {
  readonly sourceId: string;
  readonly kind: ConsumerGrant['kind'];
  readonly variant: MediaVariant;
}

/**
 * The variants each edge must carry: exactly those some viewer on that edge has a consumer of,
 * and no other. The consumers are the ones the media policy allowed on the origin (the same
 * `decideMedia` for every viewer, wherever their transport is), so an anonymised witness's raw
 * producer reaches an edge only if a viewer there may receive her raw; a variant no edge viewer
 * receives any more is unpiped. Viewers on the origin (edge null) need no pipe.
 */
export function variantsToPipe(
  consumers: readonly ConsumerGrant[],
  edgeOf: (viewerId: string) => string | null,
): Map<string, PipedVariant[]> {
  const byEdge = new Map<string, Map<string, PipedVariant>>();
  for (const grant of consumers) {
    const edge = edgeOf(grant.viewerId);
    if (edge === null) continue;
    const variants = byEdge.get(edge) ?? new Map<string, PipedVariant>();
    variants.set(variantKey(grant), { sourceId: grant.sourceId, kind: grant.kind, variant: grant.variant });
    byEdge.set(edge, variants);
  }
  return new Map([...byEdge].map(([edge, variants]) => [edge, [...variants.values()].sort(byVariantKey)]));
}

export function variantKey(v: PipedVariant): string {
  return JSON.stringify([v.sourceId, v.kind, v.variant]);
}

function byVariantKey(a: PipedVariant, b: PipedVariant): number {
  const [ka, kb] = [variantKey(a), variantKey(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** What to change on one edge so that its pipes are exactly the wanted producers: unpipe first. */
export function diffPipes(existing: Iterable<string>, wanted: Iterable<string>): { readonly unpipe: string[]; readonly pipe: string[] } {
  const have = new Set(existing);
  const want = new Set(wanted);
  return { unpipe: [...have].filter((id) => !want.has(id)).sort(), pipe: [...want].filter((id) => !have.has(id)).sort() };
}
