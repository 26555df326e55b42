/**
 * One resource's busy time on one day: disjoint intervals [start, end) in minutes, kept sorted
 * in a flat array [start0, end0, start1, end1, …]. A resource holds a few hearings a day, so
 * linear scans beat anything cleverer.
 */
export type Timeline = number[];

/** The end of the first busy interval overlapping [from, to), or -1 when all of it is free. */
export function conflictEnd(line: Timeline | undefined, from: number, to: number): number {
  if (line === undefined) return -1;
  for (let i = 0; i < line.length; i += 2) {
    if (line[i] >= to) return -1;
    if (line[i + 1] > from) return line[i + 1];
  }
  return -1;
}

export function occupy(line: Timeline, from: number, to: number): void {
  let i = 0;
  while (i < line.length && line[i] < from) i += 2;
  line.splice(i, 0, from, to);
}

export function release(line: Timeline, from: number, to: number): void {
  for (let i = 0; i < line.length; i += 2) {
    if (line[i] === from && line[i + 1] === to) {
      line.splice(i, 2);
      return;
    }
  }
  throw new Error(`release(): no busy interval [${from}, ${to})`);
}

/** The longest free stretch within [from, to). */
export function longestFree(line: Timeline | undefined, from: number, to: number): number {
  if (line === undefined || line.length === 0) return to - from;
  let longest = 0;
  let cursor = from;
  for (let i = 0; i < line.length; i += 2) {
    const start = line[i];
    const end = line[i + 1];
    if (end <= cursor) continue;
    if (start >= to) break;
    if (start > cursor) longest = Math.max(longest, start - cursor);
    cursor = Math.max(cursor, end);
  }
  if (to > cursor) longest = Math.max(longest, to - cursor);
  return longest;
}

/** The minutes the line is busy, each counted once where intervals overlap (bookings outside the plan may). */
export function busyMinutes(line: Timeline | undefined): number {
  if (line === undefined) return 0;
  let total = 0;
  let cursor = -Infinity;
  for (let i = 0; i < line.length; i += 2) {
    const start = Math.max(line[i], cursor);
    if (line[i + 1] > start) total += line[i + 1] - start;
    cursor = Math.max(cursor, line[i + 1]);
  }
  return total;
}
