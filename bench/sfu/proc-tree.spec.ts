import {
  classify,
  descendantsOf,
  isRecordingFfmpeg,
  parseReapedChildrenSeconds,
  type TreeProcess,
  type TreeReading,
  treeCpu,
} from './proc-tree';

/** A /proc/<pid>/stat line with the fields proc(5) numbers: utime 14, stime 15, cutime 16, cstime 17, starttime 22. */
function statLine(pid: number, comm: string, ticks: { utime: number; stime: number; cutime: number; cstime: number }): string {
  const after = ['S', '1', ...Array(9).fill('0'), ticks.utime, ticks.stime, ticks.cutime, ticks.cstime, ...Array(4).fill('0'), '999', '0'];
  return `${pid} (${comm}) ${after.join(' ')}`;
}

function proc(over: Partial<TreeProcess> & Pick<TreeProcess, 'pid' | 'cpuSeconds'>): TreeProcess {
  return { comm: 'ffmpeg', ppid: 100, startTicks: 1, reapedChildrenSeconds: 0, args: ['-i', 'x', '-c', 'copy', 'out.webm'], ...over };
}

function reading(root: TreeProcess, processes: readonly TreeProcess[]): TreeReading {
  return { root, processes: new Map(processes.map((p) => [`${p.pid}:${p.startTicks}`, p])) };
}

describe('the process tree', () => {
  it("reads the CPU of a process's reaped children", () => {
    expect(parseReapedChildrenSeconds(statLine(7, 'node (x) 1', { utime: 5, stime: 5, cutime: 120, cstime: 30 }))).toBeCloseTo(1.5, 9);
  });

  it('finds every descendant, grandchildren included, and nothing else', () => {
    const table = [
      { pid: 100, ppid: 1 },
      { pid: 101, ppid: 100 },
      { pid: 102, ppid: 101 },
      { pid: 103, ppid: 100 },
      { pid: 200, ppid: 1 },
      { pid: 201, ppid: 200 },
    ];
    expect(
      descendantsOf(100, table)
        .map((p) => p.pid)
        .sort(),
    ).toEqual([101, 102, 103]);
    expect(descendantsOf(999, table)).toEqual([]);
  });

  it("tells the recording's stream-copying ffmpeg from an encoding one", () => {
    expect(isRecordingFfmpeg(['-i', 'data:...', '-map', '0:v:0', '-c', 'copy', '-f', 'segment', 'segment-%06d.webm'])).toBe(true);
    expect(isRecordingFfmpeg(['-i', 'in.sdp', '-c:a', 'libopus', '-b:a', '32k', '-f', 'rtp', 'rtp://127.0.0.1:5000'])).toBe(false);
    expect(isRecordingFfmpeg(['-i', 'in.sdp', '-c:v', 'copy', '-c:a', 'libopus', 'out.webm'])).toBe(false);
    expect(isRecordingFfmpeg(['-i', 'in.sdp', 'out.webm'])).toBe(false);
    const workers = new Set([101]);
    expect(classify({ pid: 100, comm: 'node', args: [] }, 100, workers)).toBe('root');
    expect(classify({ pid: 101, comm: 'mediasoup-worker', args: [] }, 100, workers)).toBe('workers');
    expect(classify({ pid: 102, comm: 'ffmpeg', args: ['-c', 'copy'] }, 100, workers)).toBe('recordingFfmpeg');
    expect(classify({ pid: 103, comm: 'ffmpeg', args: ['-c:v', 'libvpx'] }, 100, workers)).toBe('otherFfmpeg');
    expect(classify({ pid: 104, comm: 'setpriv', args: [] }, 100, workers)).toBe('other');
  });

  it('counts what survivors used in the window, all of what the newborn used, and the reaped children less their past', () => {
    const root0 = proc({ pid: 100, comm: 'node', ppid: 1, cpuSeconds: 10, reapedChildrenSeconds: 4, args: [] });
    const root1 = { ...root0, cpuSeconds: 11, reapedChildrenSeconds: 4 + 3 };
    const survivor0 = proc({ pid: 201, cpuSeconds: 5 });
    const survivor1 = { ...survivor0, cpuSeconds: 7 };
    // Seen at the start with 1 s used, then ended and was reaped: 3 s in cutime, so 2 s in the window.
    const ended = proc({ pid: 202, cpuSeconds: 1 });
    const newborn = proc({ pid: 203, cpuSeconds: 0.5 });
    // A pid reused by another process is a newborn, not the one seen before.
    const reused = proc({ pid: 201, startTicks: 2, cpuSeconds: 0.25, args: ['-c:a', 'libopus'] });
    const sut = treeCpu(reading(root0, [survivor0, ended]), reading(root1, [survivor1, newborn, reused]), 10, 100, new Set());
    expect(sut.percent.root).toBeCloseTo(10, 9);
    expect(sut.percent.recordingFfmpeg).toBeCloseTo(((7 - 5 + 0.5) / 10) * 100, 9);
    expect(sut.percent.otherFfmpeg).toBeCloseTo(2.5, 9);
    expect(sut.percent.exited).toBeCloseTo(20, 9);
    expect(sut.processes).toEqual({ root: 0, workers: 0, recordingFfmpeg: 2, otherFfmpeg: 1, other: 0 });
  });

  it('counts no root time when the root itself was replaced', () => {
    const root0 = proc({ pid: 100, comm: 'node', ppid: 1, cpuSeconds: 10, args: [] });
    const sut = treeCpu(reading(root0, []), reading({ ...root0, startTicks: 9, cpuSeconds: 1 }, []), 10, 100, new Set());
    expect(sut.percent.root).toBe(0);
    expect(sut.percent.exited).toBe(0);
  });
});
