import { execFileSync } from 'node:child_process';
import jsQR from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import { drawQrCode, qrBars, qrModules } from './qr-code';

/** Rasterises page 1 with poppler's pdftoppm into grey pixels, then RGBA for jsQR. */
function rasterise(pdf: Uint8Array): { data: Uint8ClampedArray; width: number; height: number } {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '150', '-f', '1', '-l', '1', '-'], { input: pdf, timeout: 30_000 });
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/u.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm did not write a PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    data.fill(pixels[i] ?? 255, i * 4, i * 4 + 3);
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

describe('QR code of the verification URL', () => {
  const url = 'https://ejustice.example/verify/K7Q2-9XWD-3MHP';

  it('merges the dark modules of each row into bars that cover exactly the dark modules', () => {
    const qr = qrModules(url);
    const covered = new Set(qrBars(qr).flatMap((b) => Array.from({ length: b.length }, (_, i) => `${b.row},${b.col + i}`)));
    let dark = 0;
    for (let r = 0; r < qr.size; r += 1)
      for (let c = 0; c < qr.size; c += 1) {
        if (qr.isDark(r, c)) dark += 1;
        expect(covered.has(`${r},${c}`)).toBe(qr.isDark(r, c));
      }
    expect(covered.size).toBe(dark);
    expect(qr.size).toBeGreaterThanOrEqual(21);
  });

  it('draws a symbol that a QR reader decodes back to the URL', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 300]);
    drawQrCode(page, qrModules(url), 40, 40, 200);
    const image = rasterise(await doc.save());
    expect(jsQR(image.data, image.width, image.height)?.data).toBe(url);
  });
});
