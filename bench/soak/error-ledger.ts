/*
 * Every error the soak sees, by kind, with the first few of each spelled out: a refused
 * signalling request, a session the node ended by surprise, an api answer that is not 2xx, an
 * error line in a process's log, a client that does not converge on the streams it should hold,
 * a stream that stops flowing, an action that failed outright.
 */
export const ERROR_KINDS = {
  signalling: 'signalling request refused',
  session: 'session ended or dropped unexpectedly',
  notification: 'unexpected notification',
  api: 'api answer not 2xx',
  mediaLog: 'media node error log line',
  apiLog: 'api error log line',
  streams: 'streams not as expected',
  silent: 'stream silent while it should flow',
  action: 'action failed',
} as const;

export type ErrorKind = keyof typeof ERROR_KINDS;

const KEEP_PER_KIND = 5;

/** An error already counted where it happened: whoever catches it further up does not count it again. */
export class RecordedError extends Error {}

export class ErrorLedger {
  private readonly counts = new Map<ErrorKind, number>();
  private readonly examples = new Map<ErrorKind, string[]>();

  constructor(
    private readonly clock: () => number,
    private readonly echo?: (line: string) => void,
  ) {}

  add(kind: ErrorKind, message: string): void {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const line = `[${(this.clock() / 1000).toFixed(0)} s] ${message}`;
    const kept = this.examples.get(kind) ?? [];
    if (kept.length < KEEP_PER_KIND) kept.push(line);
    this.examples.set(kind, kept);
    // The first few of a kind are shown as they happen, so a long run can be stopped early.
    if (n <= KEEP_PER_KIND) this.echo?.(`  error (${ERROR_KINDS[kind]}): ${line}`);
  }

  /** Counts an error and returns it to throw, marked as counted. */
  fail(kind: ErrorKind, message: string): RecordedError {
    this.add(kind, message);
    return new RecordedError(message);
  }

  /** Counts an error caught at the edge of an action, unless it was counted where it happened. */
  caught(kind: ErrorKind, error: unknown, context: string): void {
    if (error instanceof RecordedError) return;
    this.add(kind, `${context}: ${error instanceof Error ? error.message : String(error)}`);
  }

  get total(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c;
    return n;
  }

  byKind(): { kind: ErrorKind; label: string; count: number; examples: readonly string[] }[] {
    return [...this.counts].map(([kind, count]) => ({ kind, label: ERROR_KINDS[kind], count, examples: this.examples.get(kind) ?? [] }));
  }
}
