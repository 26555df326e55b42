import { type NodeLoad, chooseNode, chooseWorker, loadScore } from './placement';

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

describe('placement', () => {
  it('weighs consumers, participants and rooms', () => {
    expect(loadScore({ consumers: 10, participants: 3, hearings: 1 })).toBe(17);
    expect(loadScore({ consumers: 0, participants: 0, routers: 2 })).toBe(2);
  });

  it('puts a new hearing on the least loaded node, per worker', () => {
    const nodes = [
      node('a', { consumers: 40, participants: 10 }),
      node('b', { consumers: 12, participants: 4 }),
      node('c', { consumers: 30, participants: 5, workers: 8 }),
    ];
    // c carries more in total but has four times the workers.
    expect(chooseNode(nodes, null)?.nodeId).toBe('c');
    expect(chooseNode(nodes.slice(0, 2), null)?.nodeId).toBe('b');
  });

  it('keeps a live hearing on the node that carries it, however busy', () => {
    const nodes = [node('busy', { consumers: 500 }), node('idle')];
    expect(chooseNode(nodes, 'busy')?.nodeId).toBe('busy');
  });

  it('moves a hearing whose node is gone, and finds nothing when no node lives', () => {
    expect(chooseNode([node('b')], 'gone')?.nodeId).toBe('b');
    expect(chooseNode([], null)).toBeUndefined();
  });

  it('breaks ties by id, so every api instance chooses alike', () => {
    expect(chooseNode([node('z'), node('m'), node('q')], null)?.nodeId).toBe('m');
  });

  it('chooses the least loaded live worker', () => {
    expect(
      chooseWorker([
        { index: 0, alive: true, routers: 2, participants: 6, consumers: 20 },
        { index: 1, alive: false, routers: 0, participants: 0, consumers: 0 },
        { index: 2, alive: true, routers: 1, participants: 2, consumers: 4 },
      ]),
    ).toBe(2);
    expect(
      chooseWorker([
        { index: 3, alive: true, routers: 0, participants: 0, consumers: 0 },
        { index: 1, alive: true, routers: 0, participants: 0, consumers: 0 },
      ]),
    ).toBe(1);
    expect(chooseWorker([{ index: 0, alive: false, routers: 0, participants: 0, consumers: 0 }])).toBeUndefined();
  });
});
