/**
 * Every log line the apps of a test write, for a scan. The apps log with pino, which writes to
 * process.stdout itself (not through its file descriptor) once the stream's `write` has been
 * replaced, so starting this before the apps are created makes it see every line they write; the
 * console (Nest's and libraries' stray `console.*` calls) is recorded too. Nothing captured goes
 * to the terminal: a debug-level day is far too much to read there.
 */
export class LogCapture {
  readonly lines: string[] = [];
  private readonly undo: (() => void)[] = [];

  start(): void {
    const stdout = process.stdout;
    const write = stdout.write;
    stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      this.take(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = rest.find((r): r is () => void => typeof r === 'function');
      if (callback) process.nextTick(callback);
      return true;
    }) as typeof stdout.write;
    this.undo.push(() => {
      stdout.write = write;
    });
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => this.take(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
      this.undo.push(() => {
        console[method] = original;
      });
    }
  }

  stop(): void {
    for (const undo of this.undo.splice(0).reverse()) undo();
  }

  private take(text: string): void {
    for (const line of text.split('\n')) if (line.trim() !== '') this.lines.push(line);
  }
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
