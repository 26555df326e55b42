import { deflateSync } from 'node:zlib';
import * as fontkit from '@pdf-lib/fontkit';
import {
  type Color,
  type PDFDocument,
  type PDFFont,
  type PDFHexString,
  type PDFName,
  type PDFOperator,
  type PDFPage,
  degrees,
  drawText,
  rgb,
} from 'pdf-lib';
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
  /** The OpenType features pdf-lib lays this face out with. */
  readonly features?: fontkit.TypeFeatures;
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
    // pdf-lib parses the font file again for every document and lays every piece out again as
    // it encodes it; handing it the process's parsed font (whose layouts are remembered) makes
    // both once per process. Each document still gets its own subset of the glyphs it uses.
    doc.registerFontkit(sharedFontkit);
    compressWithZlib(doc);
    const face = async (bytes: Uint8Array, arabic: boolean): Promise<Face> => {
      const features = arabic ? ARABIC_FEATURES : undefined;
      return { pdf: await doc.embedFont(bytes, { subset: true, features }), shaper: shaperFor(bytes), features };
    };
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
        const text = fontkitReverses(face, piece.text) === run.rtl ? piece.text : reverseCodePoints(piece.text);
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
    const { operators, width } = this.lineOperators(line, options, (font) => this.fontKey(page, font));
    page.pushOperators(...operators);
    return width;
  }

  /**
   * The operators that draw one line, naming each font by `fontKeyOf` (its name in the page's
   * resources), and the line's width: for content shared by several pages, such as a stamp.
   */
  lineOperators(line: string, options: LineOptions, fontKeyOf: (font: PDFFont) => PDFName): { operators: PDFOperator[]; width: number } {
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
    const operators: PDFOperator[] = [];
    for (const s of segments) {
      const font = this.face(s.face, options).pdf;
      operators.push(
        ...drawText(this.encode(font, s.text), {
          x,
          y: options.y,
          size: options.size,
          font: fontKeyOf(font),
          color: options.color ?? rgb(0, 0, 0),
          rotate: degrees(0),
          xSkew: degrees(0),
          ySkew: degrees(0),
        }),
      );
      x += s.width;
    }
    return { operators, width: total };
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

/**
 * Whether fontkit will lay this text out right to left (it decides from the text's script).
 * Asked with the face's own features, so that the run is the one pdf-lib will ask for next.
 */
function fontkitReverses(face: Face, text: string): boolean {
  return face.shaper.layout(text, face.features).direction === 'rtl';
}

/**
 * pdf-lib compresses the font files and their ToUnicode maps with pako, in JavaScript; Node's
 * zlib writes the same format (RFC 1950, level 6) in native code, several times faster. Set once
 * per document, for every stream pdf-lib compresses through its context.
 */
function compressWithZlib(doc: PDFDocument): void {
  const { context } = doc;
  if (Object.prototype.hasOwnProperty.call(context, 'flateStream')) return;
  Object.defineProperty(context, 'flateStream', {
    value: (contents: string | Uint8Array, dict: Record<string, unknown> = {}) =>
      context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), {
        ...dict,
        Filter: 'FlateDecode',
      }),
  });
}

/** No multi-letter ligatures in Arabic (see above); one object, so pdf-lib's layouts and ours share their key. */
const ARABIC_FEATURES: fontkit.TypeFeatures = Object.freeze({ liga: false });

/**
 * fontkit's reading of a font file, kept for the process and shared by every document: parsing
 * the OpenType tables (GSUB, GPOS, cmap) costs more than laying a line out, and pdf-lib would
 * otherwise parse each file once per document. The font is read-only once parsed; pdf-lib's
 * subset of it is per document (`createSubset`).
 */
const shapers = new WeakMap<Uint8Array, fontkit.Font>();
function shaperFor(bytes: Uint8Array): fontkit.Font {
  let shaper = shapers.get(bytes);
  if (!shaper) {
    shaper = rememberingLayouts(glyphsWithTheirOwnLetters(fontkit.create(bytes as Buffer)));
    shapers.set(bytes, shaper);
  }
  return shaper;
}

/*
 * fontkit keeps one Glyph object per glyph id, with the code points it was first met with, and
 * pdf-lib writes the ToUnicode map from them. Several code points can share a glyph (a space and
 * a no-break space in Noto Naskh, a letter and its presentation form), so with one font for the
 * process a document's text would be extracted as whatever text first met the glyph. Each request
 * for a glyph with letters gets a view of the shared glyph (its outline and metrics are still
 * read once) that carries those letters.
 */
function glyphsWithTheirOwnLetters(font: fontkit.Font): fontkit.Font {
  type GetGlyph = (id: number, codePoints?: number[]) => fontkit.Glyph | null;
  const getGlyph = (font as unknown as { getGlyph: GetGlyph }).getGlyph.bind(font);
  Object.defineProperty(font, 'getGlyph', {
    value: (id: number, codePoints: number[] = []): fontkit.Glyph | null => {
      const glyph = getGlyph(id, codePoints);
      // Asked without letters (the subset, a glyph a substitution made up): the glyph as it is.
      if (!glyph || codePoints.length === 0 || sameCodePoints(glyph.codePoints, codePoints)) return glyph;
      return Object.create(glyph, { codePoints: { value: codePoints, enumerable: true } }) as fontkit.Glyph;
    },
  });
  return font;
}

function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** The fontkit pdf-lib is given: `create` answers with the process's font for those bytes. */
const sharedFontkit = { create: (bytes: Uint8Array) => shaperFor(bytes) } as unknown as Parameters<PDFDocument['registerFontkit']>[0];

/*
 * A glyph run is a pure function of the font, the text and the features, and pdf-lib asks for
 * the same one several times (width, then encoding, in every document): fontkit's Arabic
 * layout takes a millisecond or two a call, so each font remembers its runs (pdf-lib only reads
 * them). The values printed (case numbers, codes) vary per document, so the runs least recently
 * used are dropped beyond a bound: a run is a few kilobytes, the fixed wording a few hundred runs.
 */
const LAYOUTS_MAX = 4_000;
function rememberingLayouts(font: fontkit.Font): fontkit.Font {
  const layout = font.layout.bind(font);
  const runs = new Map<string, fontkit.GlyphRun>();
  Object.defineProperty(font, 'layout', {
    value: (text: string, features?: unknown, ...rest: unknown[]): fontkit.GlyphRun => {
      if (rest.some((r) => r !== undefined)) return (layout as (...a: unknown[]) => fontkit.GlyphRun)(text, features, ...rest);
      const key = `${JSON.stringify(features ?? null)}\u0000${text}`;
      let run = runs.get(key);
      if (run) runs.delete(key);
      else run = (layout as (...a: unknown[]) => fontkit.GlyphRun)(text, features);
      // A Map iterates in insertion order: set again, the run becomes the most recent.
      runs.set(key, run);
      if (runs.size > LAYOUTS_MAX) runs.delete(runs.keys().next().value as string);
      return run;
    },
  });
  return font;
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
