import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A PDF whose objects are given as definitions in file order, an object number possibly defined
 * more than once; the cross-reference table points each number at the definition `pick` says
 * (the first or the last of its number): what a reader that follows the table opens, while a
 * parser that reads front to back keeps the other one. For tests of the inspection only.
 */
export function pdfWithDefinitions(definitions: readonly { n: number; body: string }[], pick: 'first' | 'last'): Buffer {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets = new Map<number, number>();
  for (const { n, body } of definitions) {
    if (pick === 'last' || !offsets.has(n)) offsets.set(n, Buffer.byteLength(out, 'latin1'));
    out += `${n} 0 obj\n${body}\nendobj\n`;
  }
  const size = Math.max(...offsets.keys()) + 1;
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n);
    out += at === undefined ? '0000000000 65535 f \n' : `${String(at).padStart(10, '0')} 00000 n \n`;
  }
  out += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A valid one-page PDF, slow to check on purpose and within every limit: its catalog carries an
 * array nested `depth` levels deep, each level the name /xobj, `width` numbers and the next level.
 * The inspection parses what follows every `obj` in the file, wherever it stands (a superset of
 * what any reader parses: see scanObjects in pdf-inspection.ts), and after each /xobj that is the
 * whole rest of the nest: the work grows with depth² × width while the file grows with depth ×
 * width. A thousand levels stay well inside the parser's recursion, on a worker's stack or the
 * main thread's. For tests of the inspection's time limit only.
 */
export function pdfSlowToCheck(depth: number, width: number): Buffer {
  const numbers = Array.from({ length: width }, (_, i) => i).join(' ');
  const nest = `${`/xobj [ ${numbers} `.repeat(depth)}${']'.repeat(depth)}`;
  return pdfWithDefinitions(
    [
      { n: 1, body: `<< /Type /Catalog /Pages 2 0 R /Nest [ ${nest} ] >>` },
      { n: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { n: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>' },
    ],
    'last',
  );
}

/**
 * Writes to `path` a valid one-page PDF whose page shows one uncompressed RGB image of
 * `width` × `height` pixels (three bytes each), a scan as a court receives it, only larger: the
 * file is written a mebibyte at a time, so a file far larger than the memory a test may use costs
 * that mebibyte. Returns the file's size. For tests of the inspection only.
 */
export function writeLargeScanPdf(path: string, width: number, height: number): number {
  const MiB = 1024 * 1024;
  const imageBytes = width * height * 3;
  const content = 'q 595 0 0 842 0 0 cm /Im1 Do Q';
  const fd = openSync(path, 'w');
  let written = 0;
  const offsets: number[] = [];
  const write = (bytes: Buffer | string) => {
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
    writeSync(fd, buffer);
    written += buffer.length;
  };
  const object = (body: string) => {
    offsets.push(written);
    write(`${offsets.length} 0 obj\n${body}\nendobj\n`);
  };
  try {
    write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
    object('<< /Type /Catalog /Pages 2 0 R >>');
    object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    object('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>');
    offsets.push(written);
    write(
      `4 0 obj\n<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${imageBytes} >>\nstream\n`,
    );
    // Noise, the same mebibyte over and over, in bytes that spell no PDF keyword: cheap to make.
    const noise = Buffer.alloc(MiB);
    for (let i = 0; i < noise.length; i++) noise[i] = 128 + ((i * 2654435761) >>> 27);
    for (let left = imageBytes; left > 0; left -= MiB) write(left >= MiB ? noise : noise.subarray(0, left));
    write('\nendstream\nendobj\n');
    object(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    const xref = written;
    write(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`);
    write(offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join(''));
    write(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  } finally {
    closeSync(fd);
  }
  return written;
}
