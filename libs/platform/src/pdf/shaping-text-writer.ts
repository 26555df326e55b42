import * as fontkit from '@pdf-lib/fontkit';
import { type Color, type PDFDocument, type PDFFont, type PDFHexString, type PDFName, type PDFPage, degrees, drawText, rgb } from 'pdf-lib';
import { type TextDirection, firstStrongDirection, isArabicScript, reverseCodePoints, visualRuns } from './bidi-line';
import { type PdfFontFiles, loadPdfFonts } from './pdf-fonts';

/** One piece of a line as drawn: text handed to pdf-lib in one face, left to right on the page. */
export interface DrawnSegment {
  readonly text: string;
  readonly face: 'arabic' | 'latin';
  readonly width: number;
}

export interface TextStyle {
  readonly size: number;
  readonly bold?: boolean;
  /** The paragraph direction; by default that of the first strong character. */
  readonly direction?: TextDirection;
  readonly color?: Color;
}

export interface LineOptions extends TextStyle {
  readonly x: number;
  readonly y: number;
  /** With a width, the line is aligned in the box [x, x + width]: right for RTL, left for LTR. */
  readonly width?: number;
  readonly align?: 'start' | 'end' | 'center';
}

interface Face {
  readonly pdf: PDFFont;
  readonly shaper: fontkit.Font;
}

/*
 * Arabic is written by letting fontkit shape it (init/medi/fina forms, lam-alef, through the
 * font's OpenType tables) when pdf-lib encodes the text: pdf-lib calls fontkit's layout and
 * writes the glyph ids it returns, and builds the ToUnicode map from each glyph's code points,
 * so text extraction gives back the logical letters. fontkit also decides the direction of what
 * it lays out from its script, and reverses right-to-left glyphs itself. This writer therefore
 * (1) splits a line into bidi runs in visual order, (2) splits each run by face, Arabic letters
 * to the Arabic face, the rest to the Latin face, (3) hands fontkit each piece in the order that
 * makes fontkit's own reversal come out right, and (4) draws the pieces left to right.
 * Ligatures that stand for several letters (`liga`, e.g. the word Allah) are turned off: poppler
 * reverses a multi-letter ToUnicode entry in a right-to-left line, so the text would no longer
 * be extracted as written; the letters still join.
 */
export class ShapingTextWriter {
  /*
   * fontkit's Arabic layout costs a millisecond or more a call, a stamp repeats one line on
   * every page, and the certification page's words are the same in every copy: a line's pieces
   * (at size 1, for one set of font files) are kept for the process (`laidOut`), and each
   * piece's glyph ids once per document (they are ids in that document's font subset).
   */
  private readonly encodedOf = new Map<string, PDFHexString>();
  private readonly fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();

  private constructor(
    private readonly faces: Readonly<Record<'arabic' | 'arabicBold' | 'latin' | 'latinBold', Face>>,
    /** Which font files: a line's pieces (at size 1) depend only on them, not on the document. */
    private readonly fontsId: number,
  ) {}

  static async embed(doc: PDFDocument, files: PdfFontFiles = loadPdfFonts()): Promise<ShapingTextWriter> {
    doc.registerFontkit(fontkit);
    const face = async (bytes: Uint8Array, arabic: boolean): Promise<Face> => ({
      pdf: await doc.embedFont(bytes, { subset: true, ...(arabic ? { features: { liga: false } } : {}) }),
      shaper: shaperFor(bytes),
    });
    return new ShapingTextWriter(
      {
        arabic: await face(files.arabic, true),
        arabicBold: await face(files.arabicBold, true),
        latin: await face(files.latin, false),
        latinBold: await face(files.latinBold, false),
      },
      fontsIdOf(files),
    );
  }

  /** The pieces of one line, in visual order, each ready for pdf-lib's drawText. */
  segments(line: string, style: TextStyle): DrawnSegment[] {
    const base = style.direction ?? firstStrongDirection(line);
    const key = `${this.fontsId}\u0000${style.bold ? 'b' : 'r'}${base}${line}`;
    let unit = laidOut.get(key);
    if (!unit) {
      unit = this.layOut(line, base, style.bold === true);
      if (laidOut.size >= LAID_OUT_MAX) laidOut.clear();
      laidOut.set(key, unit);
    }
    return unit.map((s) => ({ ...s, width: s.width * style.size }));
  }

  private layOut(line: string, base: TextDirection, bold: boolean): DrawnSegment[] {
    const out: DrawnSegment[] = [];
    const arabic = this.face('arabic', { bold });
    for (const run of visualRuns(line, base)) {
      const pieces = splitByFace(run.text, (c) => arabic.shaper.hasGlyphForCodePoint(c.codePointAt(0) ?? 0));
      for (const piece of run.rtl ? pieces.reverse() : pieces) {
        const face = this.face(piece.face, { bold });
        const text = fontkitReverses(face.shaper, piece.text) === run.rtl ? piece.text : reverseCodePoints(piece.text);
        out.push({ text, face: piece.face, width: face.pdf.widthOfTextAtSize(text, 1) });
      }
    }
    return out;
  }

  /** Whether every character has a glyph in the face it would be drawn with (CJK, for one, has none here). */
  canPrint(text: string): boolean {
    return [...text].every((c) => {
      if (/[\s\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(c)) return true;
      const face = isArabicScript(c) ? this.faces.arabic : this.faces.latin;
      return face.shaper.hasGlyphForCodePoint(c.codePointAt(0) ?? 0);
    });
  }

  widthOf(line: string, style: TextStyle): number {
    return this.segments(line, style).reduce((sum, s) => sum + s.width, 0);
  }

  /**
   * Breaks a paragraph into lines no wider than `width`, at spaces, cutting a word only when it
   * alone is wider. A line's width is first estimated from its words' widths (Arabic does not
   * join across a space), then measured: a line found too wide gives back its last word.
   */
  wrap(text: string, width: number, style: TextStyle): string[] {
    const lines: string[] = [];
    const space = this.widthOf(' ', style);
    let words: string[] = [];
    let estimate = 0;
    const flush = () => {
      while (words.length > 1 && this.widthOf(words.join(' '), style) > width) {
        const last = words.pop() as string;
        lines.push(...this.wrap(words.join(' '), width, style));
        words = [last];
      }
      if (words.length > 0) lines.push(words.join(' '));
      words = [];
      estimate = 0;
    };
    for (const word of text.split(/\s+/).filter((w) => w !== '')) {
      const w = this.widthOf(word, style);
      if (words.length > 0 && estimate + space + w > width) flush();
      if (w > width) {
        lines.push(...this.cut(word, width, style));
        continue;
      }
      estimate += (words.length > 0 ? space : 0) + w;
      words.push(word);
    }
    flush();
    return lines;
  }

  /** A word wider than the line, cut where it must be; the last piece is a line of its own too. */
  private cut(word: string, width: number, style: TextStyle): string[] {
    const out: string[] = [];
    let rest = [...word];
    while (rest.length > 0 && this.widthOf(rest.join(''), style) > width) {
      let n = rest.length - 1;
      while (n > 1 && this.widthOf(rest.slice(0, n).join(''), style) > width) n -= 1;
      out.push(rest.slice(0, n).join(''));
      rest = rest.slice(n);
    }
    if (rest.length > 0) out.push(rest.join(''));
    return out;
  }

  /** Draws one line; returns its width. */
  drawLine(page: PDFPage, line: string, options: LineOptions): number {
    const segments = this.segments(line, options);
    const total = segments.reduce((sum, s) => sum + s.width, 0);
    const direction = options.direction ?? firstStrongDirection(line);
    let x = options.x;
    if (options.width !== undefined) {
      const align = options.align ?? 'start';
      // A line starts on the right in a right-to-left paragraph.
      const flushRight = (align === 'start') === (direction === 'rtl');
      if (align === 'center') x += (options.width - total) / 2;
      else if (flushRight) x += options.width - total;
    }
    for (const s of segments) {
      const font = this.face(s.face, options).pdf;
      page.pushOperators(
        ...drawText(this.encode(font, s.text), {
          x,
          y: options.y,
          size: options.size,
          font: this.fontKey(page, font),
          color: options.color ?? rgb(0, 0, 0),
          rotate: degrees(0),
          xSkew: degrees(0),
          ySkew: degrees(0),
        }),
      );
      x += s.width;
    }
    return total;
  }

  /** Draws a wrapped paragraph from the top line at `y` down; returns the y below its last line. */
  drawParagraph(page: PDFPage, text: string, options: LineOptions & { readonly width: number; readonly lineHeight?: number }): number {
    const step = options.lineHeight ?? options.size * 1.45;
    const direction = options.direction ?? firstStrongDirection(text);
    let y = options.y;
    for (const line of this.wrap(text, options.width, options)) {
      this.drawLine(page, line, { ...options, direction, y });
      y -= step;
    }
    return y;
  }

  /** The glyph ids of a piece; encoding also puts its glyphs in the font's subset. */
  private encode(font: PDFFont, text: string): PDFHexString {
    const key = `${font.name}\u0000${text}`;
    let hex = this.encodedOf.get(key);
    if (!hex) {
      hex = font.encodeText(text);
      this.encodedOf.set(key, hex);
    }
    return hex;
  }

  /** The page's resource name for a font, added once per page. */
  private fontKey(page: PDFPage, font: PDFFont): PDFName {
    let keys = this.fontKeys.get(page);
    if (!keys) {
      keys = new Map();
      this.fontKeys.set(page, keys);
    }
    let key = keys.get(font);
    if (!key) {
      key = page.node.newFontDictionary(font.name, font.ref);
      keys.set(font, key);
    }
    return key;
  }

  private face(kind: 'arabic' | 'latin', style: Pick<TextStyle, 'bold'>): Face {
    if (kind === 'arabic') return style.bold ? this.faces.arabicBold : this.faces.arabic;
    return style.bold ? this.faces.latinBold : this.faces.latin;
  }
}

/**
 * Splits text into pieces of one face, in logical order: Arabic letters to the Arabic face, and
 * a space or other neutral the Arabic face has stays with the Arabic letters before it, so a
 * phrase is shaped and drawn as one piece.
 */
export function splitByFace(text: string, arabicHas: (char: string) => boolean): { text: string; face: 'arabic' | 'latin' }[] {
  const pieces: { text: string; face: 'arabic' | 'latin' }[] = [];
  for (const c of text) {
    const last = pieces.at(-1);
    const neutral = /[\s.:،؛]/u.test(c);
    const face: 'arabic' | 'latin' = isArabicScript(c) || (neutral && last?.face === 'arabic' && arabicHas(c)) ? 'arabic' : 'latin';
    if (last && last.face === face) last.text += c;
    else pieces.push({ text: c, face });
  }
  return pieces;
}

/** Whether fontkit will lay this text out right to left (it decides from the text's script). */
function fontkitReverses(shaper: fontkit.Font, text: string): boolean {
  return shaper.layout(text).direction === 'rtl';
}

/** fontkit's reading of a font file, kept for the process: it is immutable and reused by every document. */
const shapers = new WeakMap<Uint8Array, fontkit.Font>();
function shaperFor(bytes: Uint8Array): fontkit.Font {
  let shaper = shapers.get(bytes);
  if (!shaper) {
    shaper = fontkit.create(bytes as Buffer);
    shapers.set(bytes, shaper);
  }
  return shaper;
}

/** Lines laid out, by font files, weight, direction and text; cleared when full, as values vary per copy. */
const laidOut = new Map<string, readonly DrawnSegment[]>();
const LAID_OUT_MAX = 20_000;
const fontsIds = new WeakMap<Uint8Array, number>();
let nextFontsId = 1;
function fontsIdOf(files: PdfFontFiles): number {
  const all = [files.arabic, files.arabicBold, files.latin, files.latinBold];
  const first = fontsIds.get(files.arabic);
  if (first !== undefined && all.every((b) => fontsIds.get(b) === first)) return first;
  const id = nextFontsId++;
  for (const b of all) fontsIds.set(b, id);
  return id;
}
