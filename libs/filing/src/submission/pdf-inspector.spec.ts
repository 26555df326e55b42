import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { PdfInspector } from './pdf-inspector';

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

describe('PdfInspector', () => {
  it('gives the inspection’s verdict, worked out in a worker thread', async () => {
    const sut = new PdfInspector();
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    await expect(sut.inspect(await doc.save())).resolves.toEqual({ ok: true, pageCount: 2, version: '1.7' });
    await expect(sut.inspect(Buffer.from('GIF89a'))).resolves.toEqual({ ok: false, problem: 'not_pdf' });
  });

  it('stops a check that runs past its time limit, calls the file too complex, and keeps the event loop free meanwhile', async () => {
    const sut = new PdfInspector({ baseMs: 500, msPerMegabyte: 0 });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    const started = performance.now();
    try {
      await expect(sut.inspect(slowToParse(2))).resolves.toEqual({
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

  it('runs no more checks at once than it is allowed, and the rest wait their turn', async () => {
    const sut = new PdfInspector({ baseMs: 400, msPerMegabyte: 0, concurrency: 1 });
    const file = slowToParse(2);
    const started = performance.now();
    const verdicts = await Promise.all([sut.inspect(file), sut.inspect(file), sut.inspect(file)]);
    expect(verdicts.every((v) => !v.ok && v.problem === 'too_complex')).toBe(true);
    // One after the other: three time limits, not one.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_200);
  });
});
