import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { pdfSlowToCheck } from '../domain/pdf-fixtures.testing';
import {
  INSPECTION_MODULE as INSPECTION_MODULE_FOR_TESTS,
  InspectionAbandonedError,
  type InspectedFile,
  PdfInspector,
} from './pdf-inspector';

/**
 * An inspection module for the tests of the pool, written where the workers load it: a file that
 * opens with `%busy <ms>` keeps its worker computing that long, on the worker's own thread as a
 * file slow to parse does (only terminating the worker stops it), and is then called damaged; any
 * other file gets the real inspection's verdict. Each check first writes `<file>.started` (the
 * worker's thread id and the time, whole: written aside and renamed), and a busy one that runs to
 * its end `<file>.finished`: what a test reads to tell which worker ran a check, when it began,
 * and whether it was stopped.
 */
function writeBusyModule(dir: string): string {
  const path = join(dir, 'busy-inspection.cjs');
  writeFileSync(
    path,
    `const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { threadId } = require('node:worker_threads');
const real = require(${JSON.stringify(INSPECTION_MODULE_FOR_TESTS)});
exports.inspectPdfFile = (path, limits) => {
  writeFileSync(path + '.starting', threadId + ' ' + Date.now());
  renameSync(path + '.starting', path + '.started');
  const busy = /^%busy (\\d+)/.exec(readFileSync(path, 'latin1').slice(0, 32));
  if (!busy) return real.inspectPdfFile(path, limits);
  const until = Date.now() + Number(busy[1]);
  while (Date.now() < until) {}
  writeFileSync(path + '.finished', '');
  return { ok: false, problem: 'damaged' };
};
`,
  );
  return path;
}

/** What the busy module recorded of a file's check: undefined if no worker ever started it. */
function checkOf(file: InspectedFile): { thread: number; at: number; finished: boolean } | undefined {
  if (!existsSync(`${file.path}.started`)) return undefined;
  const [thread, at] = readFileSync(`${file.path}.started`, 'latin1').split(' ').map(Number);
  return { thread, at, finished: existsSync(`${file.path}.finished`) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; !condition(); await sleep(20)) {
    if (Date.now() > until) throw new Error(`the condition did not hold within ${timeoutMs} ms`);
  }
}

async function twoPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.addPage();
  return doc.save();
}

describe('PdfInspector', () => {
  let dir: string;
  let inspectors: PdfInspector[];
  let busyModule: string;
  /** Writes bytes where a staged upload would be: the inspector reads files, not buffers. */
  const staged = (bytes: Uint8Array): InspectedFile => {
    const path = join(dir, `${randomUUID()}.part`);
    writeFileSync(path, bytes);
    return { path, sizeBytes: bytes.length };
  };
  /** A file the busy module keeps its worker computing on for `ms`. */
  const busy = (ms: number) => staged(Buffer.from(`%busy ${ms}\n`, 'latin1'));
  const inspector = (options: ConstructorParameters<typeof PdfInspector>[0] = {}) => {
    const sut = new PdfInspector(options);
    inspectors.push(sut);
    return sut;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdf-inspector-'));
    inspectors = [];
    busyModule = writeBusyModule(dir);
  });

  afterEach(async () => {
    await Promise.all(inspectors.map((i) => i.onApplicationShutdown()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the inspection’s verdict on a staged file, read and worked out in a worker thread', async () => {
    const sut = inspector();
    await expect(sut.inspect(staged(await twoPages()))).resolves.toEqual({ ok: true, pageCount: 2, version: '1.7' });
    await expect(sut.inspect(staged(Buffer.from('GIF89a')))).resolves.toEqual({ ok: false, problem: 'not_pdf' });
  });

  it('keeps its workers warm between checks, never more of them than checks may run at once', async () => {
    const sut = inspector({ concurrency: 2 });
    const file = staged(await twoPages());
    for (let i = 0; i < 5; i++) await expect(sut.inspect(file)).resolves.toMatchObject({ ok: true });
    expect(sut.workers).toBe(1);
    await Promise.all(Array.from({ length: 6 }, () => sut.inspect(file)));
    expect(sut.workers).toBe(2);
  });

  it('stops a check that runs past its time limit, calls the file too complex, and keeps the event loop free meanwhile', async () => {
    const sut = inspector({ baseMs: 500, msPerMegabyte: 0, concurrency: 1, module: busyModule });
    // Warm: the clock runs from the moment the worker is ready (a worker's start-up is not the file's time).
    await expect(sut.inspect(staged(await twoPages()))).resolves.toMatchObject({ ok: true });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = performance.now();
    try {
      // Left to run, this check computes for 30 seconds and then calls the file damaged.
      await expect(sut.inspect(busy(30_000))).resolves.toEqual({
        ok: false,
        problem: 'too_complex',
        limit: 'it could not be checked within 1 second',
      });
    } finally {
      clearInterval(ticker);
    }
    const elapsed = performance.now() - started;
    // It waited for its limit, and stopped there: a check left to finish would take many times
    // this bound, which a loaded machine only lengthens.
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(8_000);
    // The check computed elsewhere: this thread kept turning.
    expect(ticks).toBeGreaterThan(10);
  });

  it('stops the real inspection too, on a file that is slow to check', async () => {
    const sut = inspector({ baseMs: 500, msPerMegabyte: 0, concurrency: 1 });
    await expect(sut.inspect(staged(await twoPages()))).resolves.toMatchObject({ ok: true });
    // Seconds of CPU to check to the end (see pdfSlowToCheck), where the limit is half a second.
    await expect(sut.inspect(staged(pdfSlowToCheck(1_000, 20)))).resolves.toEqual({
      ok: false,
      problem: 'too_complex',
      limit: 'it could not be checked within 1 second',
    });
  });

  it('replaces a worker stopped at its limit: the next file gets its verdict from a fresh one', async () => {
    const sut = inspector({ baseMs: 400, msPerMegabyte: 0, concurrency: 1, module: busyModule });
    const slow = busy(1_500);
    await expect(sut.inspect(slow)).resolves.toMatchObject({ ok: false, problem: 'too_complex' });
    const next = staged(await twoPages());
    await expect(sut.inspect(next)).resolves.toEqual({ ok: true, pageCount: 2, version: '1.7' });
    expect(sut.workers).toBe(1);
    expect(checkOf(next)?.thread).not.toBe(checkOf(slow)?.thread);
    // Stopped means terminated, not merely answered for: a worker left running would have
    // finished the slow check 1.5 s after it began.
    await sleep((checkOf(slow)?.at ?? 0) + 2_500 - Date.now());
    expect(checkOf(slow)?.finished).toBe(false);
  });

  it("does not count a worker's own start-up against the file's time limit", async () => {
    // A busy machine can take longer to start a worker and load the parser into it than a whole
    // check may take: that is our time, not the file's, and must never make a plain PDF "too complex".
    const slowStart = join(dir, 'slow-start-inspection.cjs');
    writeFileSync(
      slowStart,
      `const until = Date.now() + 900; while (Date.now() < until) {}\nmodule.exports = require(${JSON.stringify(busyModule)});\n`,
    );
    const sut = inspector({ baseMs: 300, msPerMegabyte: 0, concurrency: 1, module: slowStart });
    await expect(sut.inspect(staged(await twoPages()))).resolves.toEqual({ ok: true, pageCount: 2, version: '1.7' });
    // Once warm, the limit holds as before.
    await expect(sut.inspect(busy(30_000))).resolves.toMatchObject({ ok: false, problem: 'too_complex' });
  });

  it('gives up a check whose filing was abandoned, running or queued, and goes on with the next', async () => {
    const sut = inspector({ baseMs: 30_000, msPerMegabyte: 0, concurrency: 1, module: busyModule });
    const running = new AbortController();
    const queued = new AbortController();
    const first = busy(30_000);
    const second = busy(30_000);
    const firstCheck = sut.inspect(first, running.signal);
    const secondCheck = sut.inspect(second, queued.signal);
    // Given up while it really runs: the worker is computing on the file, no longer starting.
    await waitFor(() => checkOf(first) !== undefined);
    queued.abort();
    await expect(secondCheck).rejects.toBeInstanceOf(InspectionAbandonedError);
    running.abort();
    await expect(firstCheck).rejects.toBeInstanceOf(InspectionAbandonedError);
    const next = staged(await twoPages());
    await expect(sut.inspect(next)).resolves.toMatchObject({ ok: true, pageCount: 2 });
    // The queued check never started, and the running one's worker was terminated: the next file
    // went to a fresh worker at once, not to the old one 30 seconds later.
    expect(checkOf(second)).toBeUndefined();
    expect(checkOf(next)?.thread).not.toBe(checkOf(first)?.thread);
    expect(checkOf(first)?.finished).toBe(false);
  });

  it('runs no more checks at once than it is allowed, and the rest wait their turn', async () => {
    const sut = inspector({ baseMs: 400, msPerMegabyte: 0, concurrency: 1, module: busyModule });
    const files = [busy(30_000), busy(30_000), busy(30_000)];
    const answeredAt: number[] = [];
    const started = performance.now();
    const verdicts = await Promise.all(
      files.map((file, i) =>
        sut.inspect(file).then((verdict) => {
          answeredAt[i] = Date.now();
          return verdict;
        }),
      ),
    );
    expect(verdicts).toEqual(files.map(() => expect.objectContaining({ ok: false, problem: 'too_complex' })));
    // One after the other: three time limits, not one; each check began only once the one before
    // it had been stopped and answered.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_200);
    const checks = files.map(checkOf);
    expect(checks[1]?.at).toBeGreaterThanOrEqual(answeredAt[0]);
    expect(checks[2]?.at).toBeGreaterThanOrEqual(answeredAt[1]);
  });

  it('takes the next check from the filer with the fewest running, so one filer’s many files cannot hold up another’s', async () => {
    const sut = inspector({ baseMs: 300, msPerMegabyte: 0, concurrency: 1, module: busyModule });
    // One filer sends four files that each take their whole time limit; a second filer's one
    // ordinary file arrives after them.
    const flood = [busy(30_000), busy(30_000), busy(30_000), busy(30_000)];
    const other = staged(await twoPages());
    const checks = flood.map((file) => sut.inspect(file, undefined, 'filer-a'));
    await waitFor(() => checkOf(flood[0]) !== undefined);
    const otherVerdict = sut.inspect(other, undefined, 'filer-b');

    await expect(otherVerdict).resolves.toMatchObject({ ok: true });
    await Promise.all(checks);
    // Checked as soon as the first flood file was stopped: before the flood's second began.
    expect(checkOf(flood[1])?.at).toBeGreaterThanOrEqual(checkOf(other)!.at);
    // The flood's own files still run in the order they came.
    expect(checkOf(flood[2])!.at).toBeGreaterThanOrEqual(checkOf(flood[1])!.at);
    expect(checkOf(flood[3])!.at).toBeGreaterThanOrEqual(checkOf(flood[2])!.at);
  });

  it('serves checks with no filer named, and two filers’ queued files in turn', async () => {
    const sut = inspector({ baseMs: 300, msPerMegabyte: 0, concurrency: 1, module: busyModule });
    const a = [busy(30_000), busy(30_000), busy(30_000)];
    const b = [busy(30_000), busy(30_000)];
    const blocker = busy(30_000);
    const first = sut.inspect(blocker);
    await waitFor(() => checkOf(blocker) !== undefined);
    const all = [...a.map((f) => sut.inspect(f, undefined, 'filer-a')), ...b.map((f) => sut.inspect(f, undefined, 'filer-b'))];
    await Promise.all([first, ...all]);
    const order = [...a.map((f, i) => [`a${i}`, checkOf(f)!.at] as const), ...b.map((f, i) => [`b${i}`, checkOf(f)!.at] as const)]
      .sort((x, y) => x[1] - y[1])
      .map(([name]) => name);
    expect(order).toEqual(['a0', 'b0', 'a1', 'b1', 'a2']);
  });
});
