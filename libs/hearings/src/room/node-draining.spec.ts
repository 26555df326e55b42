import { type DrainMark, decideDrain, mediaNodeReadiness, parseDrainMark } from './node-draining';
import { type NodeLoad, chooseNode } from './placement';

const node = (nodeId: string, over: Partial<NodeLoad> = {}): NodeLoad => ({
  nodeId,
  url: `http://${nodeId}`,
  hearings: 0,
  participants: 0,
  consumers: 0,
  workers: 2,
  updatedAt: 0,
  ...over,
});

const mark = (by: DrainMark['by'], since = 1_000): DrainMark => ({ by, since });

describe('placement on draining nodes', () => {
  it('never puts a new hearing on a draining node, however idle', () => {
    const nodes = [node('idle', { draining: true }), node('busy', { consumers: 400 })];
    expect(chooseNode(nodes, null)?.nodeId).toBe('busy');
  });

  it('keeps a hearing on the draining node that carries it: it finishes where it is', () => {
    const nodes = [node('leaving', { draining: true, consumers: 30 }), node('idle')];
    expect(chooseNode(nodes, 'leaving')?.nodeId).toBe('leaving');
  });

  it('moves a hearing whose node is gone to a node that is not draining', () => {
    const nodes = [node('a', { draining: true }), node('b', { consumers: 90 })];
    expect(chooseNode(nodes, 'gone')?.nodeId).toBe('b');
  });

  it('finds no node for a new hearing when every live node is draining', () => {
    expect(chooseNode([node('a', { draining: true }), node('b', { draining: true })], null)).toBeUndefined();
  });
});

describe('decideDrain', () => {
  const live = { live: true, mark: null };

  it('drains a live node, by whoever asks', () => {
    expect(decideDrain(live, { want: 'drain', by: 'admin' }, 5_000)).toEqual({ kind: 'mark', mark: { by: 'admin', since: 5_000 } });
    expect(decideDrain(live, { want: 'drain', by: 'node' }, 5_000)).toEqual({ kind: 'mark', mark: { by: 'node', since: 5_000 } });
  });

  it('refuses a node nobody knows: neither live nor marked (a mistyped id must not look drained)', () => {
    expect(decideDrain(null, { want: 'drain', by: 'admin' }, 0)).toEqual({ kind: 'not_found' });
    expect(decideDrain(null, { want: 'undrain', by: 'command' }, 0)).toEqual({ kind: 'not_found' });
  });

  it('leaves a draining node as it is, keeping when and by whom it was drained', () => {
    expect(decideDrain({ live: true, mark: mark('admin') }, { want: 'drain', by: 'command' }, 9_000)).toEqual({ kind: 'unchanged' });
    expect(decideDrain({ live: true, mark: mark('command') }, { want: 'drain', by: 'node' }, 9_000)).toEqual({ kind: 'unchanged' });
  });

  it("makes an operator's drain of a node that is stopping itself outlive the node's restart", () => {
    expect(decideDrain({ live: true, mark: mark('node', 1_000) }, { want: 'drain', by: 'admin' }, 9_000)).toEqual({
      kind: 'mark',
      mark: { by: 'admin', since: 1_000 },
    });
  });

  it('undrains a draining node, live or gone, and leaves a node that is not draining alone', () => {
    expect(decideDrain({ live: true, mark: mark('admin') }, { want: 'undrain', by: 'command' }, 0)).toEqual({ kind: 'unmark' });
    // A node drained, then stopped: its mark can still be lifted before it comes back.
    expect(decideDrain({ live: false, mark: mark('command') }, { want: 'undrain', by: 'admin' }, 0)).toEqual({ kind: 'unmark' });
    expect(decideDrain(live, { want: 'undrain', by: 'admin' }, 0)).toEqual({ kind: 'unchanged' });
  });

  it('drains a stopped node only if it is marked already (then nothing changes)', () => {
    expect(decideDrain({ live: false, mark: mark('admin') }, { want: 'drain', by: 'admin' }, 0)).toEqual({ kind: 'unchanged' });
  });
});

describe('mediaNodeReadiness', () => {
  const ready = { redis: true, registered: true, workersAlive: 2, draining: null };

  it('is ready when registered, with a live worker, and not draining', () => {
    expect(mediaNodeReadiness(ready)).toEqual({ ready: true, reason: null });
  });

  it('says why it is not ready, first things first', () => {
    expect(mediaNodeReadiness({ ...ready, redis: false, registered: false })).toEqual({ ready: false, reason: 'redis_down' });
    expect(mediaNodeReadiness({ ...ready, registered: false })).toEqual({ ready: false, reason: 'not_registered' });
    expect(mediaNodeReadiness({ ...ready, workersAlive: 0 })).toEqual({ ready: false, reason: 'no_live_worker' });
    expect(mediaNodeReadiness({ ...ready, draining: mark('admin') })).toEqual({ ready: false, reason: 'draining' });
  });
});

describe('parseDrainMark', () => {
  it('reads a stored mark, and takes anything else found under the key for an operator’s drain', () => {
    expect(parseDrainMark(null)).toBeNull();
    expect(parseDrainMark(JSON.stringify({ by: 'node', since: 42 }))).toEqual({ by: 'node', since: 42 });
    expect(parseDrainMark('1')).toEqual({ by: 'command', since: 0 });
    expect(parseDrainMark('{"by":"someone"}')).toEqual({ by: 'command', since: 0 });
  });
});
