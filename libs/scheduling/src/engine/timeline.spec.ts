import { busyMinutes, conflictEnd, longestFree, occupy, release } from './timeline';

describe('timeline', () => {
  it('keeps busy intervals sorted and finds the first one in the way', () => {
    const line: number[] = [];
    occupy(line, 600, 660);
    occupy(line, 540, 570);
    occupy(line, 700, 720);

    expect(line).toEqual([540, 570, 600, 660, 700, 720]);
    expect(conflictEnd(line, 570, 600)).toBe(-1);
    expect(conflictEnd(line, 560, 610)).toBe(570);
    expect(conflictEnd(line, 650, 710)).toBe(660);
    expect(conflictEnd(undefined, 0, 10)).toBe(-1);
  });

  it('measures the longest free stretch within bounds', () => {
    const line = [540, 570, 600, 660];

    expect(longestFree(line, 540, 780)).toBe(120);
    expect(longestFree(line, 500, 620)).toBe(40);
    expect(longestFree([], 540, 600)).toBe(60);
  });

  it('releases exactly what was occupied, and refuses anything else', () => {
    const line = [540, 570, 600, 660];
    release(line, 540, 570);

    expect(line).toEqual([600, 660]);
    expect(() => release(line, 600, 650)).toThrow(/no busy interval/);
  });

  it('counts busy minutes once where intervals overlap', () => {
    const line: number[] = [];
    occupy(line, 480, 600);
    occupy(line, 540, 570);
    occupy(line, 590, 660);
    occupy(line, 700, 720);

    expect(busyMinutes(line)).toBe(180 + 20);
    expect(busyMinutes([])).toBe(0);
    expect(busyMinutes(undefined)).toBe(0);
  });
});
