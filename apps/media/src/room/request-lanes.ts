/**
 * One lane per participant in front of the room's queue. A participant's requests run in the order
 * they were sent, and each waits in the lane until the one before it has finished: only then does
 * it take a place in the room's queue. So a participant has at most one request in the room's
 * queue at any time, and the room serves those who have something to ask in turn. However much
 * one participant sends, the judge's command waits behind at most one of their requests.
 */
export class RequestLanes {
  private readonly lanes = new Map<string, { tail: Promise<unknown>; depth: number }>();

  /** Runs `task` once every task given earlier for `key` has settled; a failure does not block the lane. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(key) ?? { tail: Promise.resolve(), depth: 0 };
    this.lanes.set(key, lane);
    lane.depth += 1;
    const result = lane.tail.then(task, task);
    lane.tail = result.then(
      () => this.settled(key, lane),
      () => this.settled(key, lane),
    );
    return result;
  }

  /** Tasks of `key` queued or running. */
  depth(key: string): number {
    return this.lanes.get(key)?.depth ?? 0;
  }

  private settled(key: string, lane: { depth: number }): void {
    lane.depth -= 1;
    if (lane.depth === 0 && this.lanes.get(key) === lane) this.lanes.delete(key);
  }
}
