import { readFileSync } from 'node:fs';
import { DomainError } from '../errors/domain-error';

/** The four faces a shaped document is written with: Arabic and Latin, regular and bold. */
export interface PdfFontFiles {
  readonly arabic: Uint8Array;
  readonly arabicBold: Uint8Array;
  readonly latin: Uint8Array;
  readonly latinBold: Uint8Array;
}

/**
 * Where Debian puts the fonts (`fonts-noto-core`, installed by scripts/system-deps.sh and the
 * Dockerfile). Noto Naskh Arabic is chosen over DejaVu Sans and Noto Sans Arabic because it forms
 * lam-alef with contextual single-letter glyphs instead of one ligature glyph: a ligature maps to
 * two letters in the ToUnicode map, and poppler reverses that pair when it reorders a
 * right-to-left line, so "الاستئناف" would be extracted as "االستئناف". Noto Naskh has no Latin
 * letters, hence a Latin face beside it.
 */
export const PDF_FONT_PATHS: Readonly<Record<keyof PdfFontFiles, string>> = Object.freeze({
  arabic: '/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf',
  arabicBold: '/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf',
  latin: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  latinBold: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf',
});

/** A missing font is the machine's fault, not the caller's: the copy can be made once it is installed. */
export class PdfFontMissingError extends DomainError {
  constructor(readonly path: string) {
    super(
      'unavailable',
      'pdf.font_missing',
      `The font ${path} is not installed, so Arabic text cannot be written into PDFs. Install the Debian package fonts-noto-core (scripts/system-deps.sh does).`,
      { details: { path } },
    );
    this.name = 'PdfFontMissingError';
  }
}

let cached: PdfFontFiles | undefined;

/** Reads the font files once per process; they are a few hundred kilobytes and never change. */
export function loadPdfFonts(paths: Readonly<Record<keyof PdfFontFiles, string>> = PDF_FONT_PATHS): PdfFontFiles {
  if (cached && paths === PDF_FONT_PATHS) return cached;
  const read = (path: string): Uint8Array => {
    try {
      return readFileSync(path);
    } catch {
      throw new PdfFontMissingError(path);
    }
  };
  const files: PdfFontFiles = {
    arabic: read(paths.arabic),
    arabicBold: read(paths.arabicBold),
    latin: read(paths.latin),
    latinBold: read(paths.latinBold),
  };
  if (paths === PDF_FONT_PATHS) cached = files;
  return files;
}
