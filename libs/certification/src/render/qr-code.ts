import { type PDFPage, fill, popGraphicsState, pushGraphicsState, rectangle, setFillingRgbColor } from 'pdf-lib';
import QRCode from 'qrcode';

/** A QR symbol as a square of modules, dark or light, without its quiet zone. */
export interface QrModules {
  readonly size: number;
  isDark(row: number, col: number): boolean;
}

/** Encodes the verification URL; error correction M survives a stain or a fold on paper. */
export function qrModules(text: string): QrModules {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, isDark: (row, col) => Boolean(modules.get(row, col)) };
}

/** The dark modules merged into horizontal bars, row by row: one rectangle per bar, not per module. */
export function qrBars(qr: QrModules): { row: number; col: number; length: number }[] {
  const bars: { row: number; col: number; length: number }[] = [];
  for (let row = 0; row < qr.size; row += 1) {
    let col = 0;
    while (col < qr.size) {
      if (!qr.isDark(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < qr.size && qr.isDark(row, col)) col += 1;
      bars.push({ row, col: start, length: col - start });
    }
  }
  return bars;
}

/**
 * Draws the symbol as vector rectangles (sharp at any zoom and in print, a few hundred bytes,
 * no image codec), with its 4-module quiet zone left white, `box` points wide, the lower left
 * corner of the quiet zone at (x, y).
 */
export function drawQrCode(page: PDFPage, qr: QrModules, x: number, y: number, box: number): void {
  const module = box / (qr.size + 8);
  // One path of every bar, filled once: a rectangle drawn per bar costs pdf-lib a graphics
  // state, a colour and a fill each (several hundred of them, a tenth of a copy's time).
  page.pushOperators(
    pushGraphicsState(),
    setFillingRgbColor(1, 1, 1),
    rectangle(x, y, box, box),
    fill(),
    setFillingRgbColor(0, 0, 0),
    ...qrBars(qr).map((bar) => rectangle(x + (4 + bar.col) * module, y + box - (4 + bar.row + 1) * module, bar.length * module, module)),
    fill(),
    popGraphicsState(),
  );
}
