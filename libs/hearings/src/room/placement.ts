/**
 * Where hearings go: pure choices over load figures, used by the api (which media node gets a
 * new hearing) and by the media node (which of its workers gets a new router).
 */

/** What a media node reports in its heartbeat. */
export interface NodeLoad {
  readonly nodeId: string;
  /** URL browsers use for the node's signalling socket. */
  readonly url: string;
  readonly hearings: number;
  readonly participants: number;
  readonly consumers: number;
  readonly workers: number;
  /** Epoch ms of the report. */
  readonly updatedAt: number;
  /**
   * Marked draining (node-draining.ts): it takes no new hearing. Set by the directory from the
   * drain mark when it lists the nodes, never by the node's own report.
   */
  readonly draining?: boolean;
}

export interface WorkerLoad {
  readonly index: number;
  readonly alive: boolean;
  readonly routers: number;
  readonly participants: number;
  readonly consumers: number;
}

/**
 * One number for "how busy": forwarding dominates an SFU's CPU, so consumers count one each; a
 * participant costs about two (their transports, and ingesting their audio and video); a room a
 * little on its own (router, active-speaker observer).
 */
export function loadScore(load: {
  readonly consumers: number;
  readonly participants: number;
  readonly hearings?: number;
  readonly routers?: number;
}): number {
  return load.consumers + 2 * load.participants + (load.hearings ?? load.routers ?? 0);
}

/**
 * The node for a hearing: the one already carrying it while that node is alive, even draining (a
 * hearing is never split across nodes, and moving it would cut everyone off: a draining node's
 * hearings finish where they are), otherwise the least loaded live node that is not draining,
 * per worker (a node with more cores takes more); ties by id, so every api instance makes the
 * same choice.
 */
export function chooseNode(nodes: readonly NodeLoad[], currentNodeId: string | null): NodeLoad | undefined {
  if (currentNodeId) {
    const current = nodes.find((n) => n.nodeId === currentNodeId);
    if (current) return current;
  }
  return nodes
    .filter((n) => !n.draining)
    .sort((a, b) => perWorker(a) - perWorker(b) || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0))[0];
}

function perWorker(node: NodeLoad): number {
  return loadScore(node) / Math.max(1, node.workers);
}

/** The live worker with the least load; ties go to the lowest index. Undefined when none is alive. */
export function chooseWorker(workers: readonly WorkerLoad[]): number | undefined {
  let best: WorkerLoad | undefined;
  for (const w of workers) {
    if (!w.alive) continue;
    if (!best || loadScore(w) < loadScore(best) || (loadScore(w) === loadScore(best) && w.index < best.index)) best = w;
  }
  return best?.index;
}
