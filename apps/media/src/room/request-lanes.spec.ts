import { RequestLanes } from './request-lanes';

/** The room's queue as Room.run keeps it: one task at a time, in order of arrival. */
function serialQueue() {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestLanes', () => {
  it("runs one participant's requests one after the other, in the order sent, past failures", async () => {
    const sut = new RequestLanes();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await tick();
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([sut.run('a', task('1')), sut.run('a', task('2', true)), sut.run('a', task('3'))]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sut.depth('a')).toBe(0);
  });

  it('keeps at most one request of each participant in the room queue, so a flood delays others by one request', async () => {
    const sut = new RequestLanes();
    const room = serialQueue();
    const order: string[] = [];
    const request = (who: string, i: number) =>
      sut.run(who, () =>
        room(async () => {
          order.push(`${who}${i}`);
          await tick();
        }),
      );
    const flood = Array.from({ length: 100 }, (_, i) => request('f', i));
    expect(sut.depth('f')).toBe(100);
    await tick();
    const judge = [request('j', 0)];
    await tick();
    judge.push(request('j', 1));
    await Promise.all([...flood, ...judge]);
    // The judge's first command ran right after the flood's request then running, and the
    // second after at most one more of the flood's.
    const at = (name: string) => order.indexOf(name);
    expect(at('j0')).toBeLessThanOrEqual(2);
    expect(at('j1') - at('j0')).toBeLessThanOrEqual(2);
    expect(order.filter((n) => n.startsWith('f'))).toEqual(flood.map((_, i) => `f${i}`));
  });
});
