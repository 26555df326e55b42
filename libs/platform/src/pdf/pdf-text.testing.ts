import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The text poppler's pdftotext (Debian poppler-utils) extracts from pages of a PDF: the same
 * reader a bank or a court clerk's tools use, independent of the library that wrote the file.
 * Poppler marks a right-to-left line with U+202B ... U+202C; they are dropped here.
 */
export function extractPdfText(pdf: Uint8Array, pages?: { first: number; last: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdftext-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
    // -layout keeps the lines in their order on the page; without it, poppler groups short
    // right-aligned lines into blocks by its own guess and may print a value before its label.
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8', timeout: 30_000 });
    return text.replace(/[\u202a-\u202e]/gu, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
