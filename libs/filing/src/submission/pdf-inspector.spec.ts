import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import {
  INSPECTION_MODULE as INSPECTION_MODULE_FOR_TESTS,
  InspectionAbandonedError,
  type InspectedFile,
  PdfInspector,
} from './pdf-inspector';

/**
 * A header, printable noise without a digit, and a plausible tail: pdf-lib's lenient parser tries
 * an object header at every byte of the noise, which takes it seconds per megabyte.
 */
function slowToParse(megabytes: number): Buffer {
  const alphabet = Buffer.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ !"#&*+,-.:;=?@^_|~', 'latin1');
  const noise = randomBytes(megabytes * 1024 * 1024).map((b) => alphabet[b % alphabet.length]);
  const head = Buffer.concat([Buffer.from('%PDF-1.7\n'), noise, Buffer.from('\n')]);
  return Buffer.concat([head, Buffer.from(`1 0 obj\n<< /Type /Catalog >>\nendobj\nstartxref\n${head.length}\n%%EOF\n`)]);
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
  /** Writes bytes where a staged upload would be: the inspector reads files, not buffers. */
  const staged = (bytes: Uint8Array): InspectedFile => {
    const path = join(dir, `${randomUUID()}.part`);
    writeFileSync(path, bytes);
    return { path, sizeBytes: bytes.length };
  };
  const inspector = (options: ConstructorParameters<typeof PdfInspector>[0] = {}) => {
    const sut = new PdfInspector(options);
    inspectors.push(sut);
    return sut;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdf-inspector-'));
    inspectors = [];
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
    const sut = inspector({ baseMs: 500, msPerMegabyte: 0, concurrency: 1 });
    // Warm: the clock runs from the moment the worker is ready (a worker's start-up is not the file's time).
    await expect(sut.inspect(staged(await twoPages()))).resolves.toMatchObject({ ok: true });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = performance.now();
    try {
      await expect(sut.inspect(staged(slowToParse(2)))).resolves.toEqual({
        ok: false,
        problem: 'too_complex',
        limit: 'it could not be checked within 1 second',
      });
    } finally {
      clearInterval(ticker);
    }
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(elapsed).toBeLessThan(3_000);
    // The parse ran elsewhere: this thread kept turning.
    expect(ticks).toBeGreaterThan(10);
  });

  it('replaces a worker stopped at its limit: the next file gets its verdict from a fresh one', async () => {
    const sut = inspector({ baseMs: 400, msPerMegabyte: 0, concurrency: 1 });
    await expect(sut.inspect(staged(slowToParse(2)))).resolves.toMatchObject({ ok: false, problem: 'too_complex' });
    await expect(sut.inspect(staged(await twoPages()))).resolves.toEqual({ ok: true, pageCount: 2, version: '1.7' });
    expect(sut.workers).toBe(1);
  });

  it("does not count a worker's own start-up against the file's time limit", async () => {
    // A busy machine can take longer to start a worker and load the parser into it than a whole
    // check may take: that is our time, not the file's, and must never make a plain PDF "too complex".
    const slowStart = join(dir, 'slow-start-inspection.cjs');
    writeFileSync(
      slowStart,
      `const until = Date.now() + 900; while (Date.now() < until) {}\nmodule.exports = require(${JSON.stringify(INSPECTION_MODULE_FOR_TESTS)});\n`,
    );
    const sut = inspector({ baseMs: 300, msPerMegabyte: 0, concurrency: 1, module: slowStart });
    await expect(sut.inspect(staged(await twoPages()))).resolves.toEqual({ ok: true, pageCount: 2, version: '1.7' });
    // Once warm, the limit holds as before.
    await expect(sut.inspect(staged(slowToParse(2)))).resolves.toMatchObject({ ok: false, problem: 'too_complex' });
  });

  it('gives up a check whose filing was abandoned, running or queued, and goes on with the next', async () => {
    const sut = inspector({ baseMs: 30_000, msPerMegabyte: 0, concurrency: 1 });
    const running = new AbortController();
    const queued = new AbortController();
    const slow = staged(slowToParse(2));
    const first = sut.inspect(slow, running.signal);
    const second = sut.inspect(slow, queued.signal);
    queued.abort();
    await expect(second).rejects.toBeInstanceOf(InspectionAbandonedError);
    running.abort();
    await expect(first).rejects.toBeInstanceOf(InspectionAbandonedError);
    await expect(sut.inspect(staged(await twoPages()))).resolves.toMatchObject({ ok: true, pageCount: 2 });
  });

  it('runs no more checks at once than it is allowed, and the rest wait their turn', async () => {
    const sut = inspector({ baseMs: 400, msPerMegabyte: 0, concurrency: 1 });
    const file = staged(slowToParse(2));
    const started = performance.now();
    const verdicts = await Promise.all([sut.inspect(file), sut.inspect(file), sut.inspect(file)]);
    expect(verdicts.every((v) => !v.ok && v.problem === 'too_complex')).toBe(true);
    // One after the other: three time limits, not one.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_200);
  });
});
