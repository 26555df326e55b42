import { CLOCK_TICKS_PER_SECOND, parseProcStat } from './proc-cpu';

describe('parseProcStat', () => {
  it('reads CPU time, parent and start time, whatever the command name holds', () => {
    // Fields as in proc(5): pid (comm) state ppid ... utime(14) stime(15) ... starttime(22) ...
    const after = ['S', '42', ...Array(9).fill('0'), '250', '50', ...Array(6).fill('0'), '123456', '0'];
    const sut = parseProcStat(4242, `4242 (mediasoup (worker) 1) ${after.join(' ')}`);
    expect(sut).toEqual({
      pid: 4242,
      comm: 'mediasoup (worker) 1',
      ppid: 42,
      cpuSeconds: 300 / CLOCK_TICKS_PER_SECOND,
      startTicks: 123456,
    });
  });
});
