/**
 * A quick look at a chosen file before it is sent, so a person learns at once, and in their
 * language, that "scan.jpg" will not be accepted or that a file is over the court's limit,
 * instead of after minutes of uploading. The server parses every document for real and remains
 * the authority: this check only spares the obvious round trip.
 */
export type PrecheckProblem = 'empty' | 'too_large' | 'not_pdf';

export interface FileLike {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Every PDF starts with these bytes (ISO 32000-2, 7.5.2), whatever its name or content type says. */
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** PDF readers accept the header anywhere in the first kilobyte; so does the check. */
const HEADER_WINDOW = 1024;

export async function precheckPdf(file: FileLike, maxBytes: number): Promise<PrecheckProblem | null> {
  if (file.size === 0) return 'empty';
  if (file.size > maxBytes) return 'too_large';
  const head = new Uint8Array(await file.slice(0, Math.min(HEADER_WINDOW, file.size)).arrayBuffer());
  return hasPdfHeader(head) ? null : 'not_pdf';
}

export function hasPdfHeader(bytes: Uint8Array): boolean {
  outer: for (let start = 0; start + PDF_MAGIC.length <= bytes.length; start += 1) {
    for (let i = 0; i < PDF_MAGIC.length; i += 1) {
      if (bytes[start + i] !== PDF_MAGIC[i]) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * Sizes as people read them, in the reader's language ("1.4 MB", "1,4 Mo"). Binary multiples,
 * as the court's limit is set (FILING_MAX_DOCUMENT_MB = 50 means 50 × 1024 × 1024 bytes), so the
 * limit reads "50 MB" here exactly as in the server's sentences.
 */
export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
