// This module also runs on its own in a worker thread (see submission/pdf-inspector.ts), loaded
// straight from its TypeScript source when the code runs from source (tests): it imports nothing
// but packages and node: modules, and uses only syntax that type stripping can erase (`import
// type`, no enums, no parameter properties).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { constants, createInflateRaw, inflateRawSync } from 'node:zlib';
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
} from 'pdf-lib';

export type PdfVerdict =
  | { readonly ok: true; readonly pageCount: number; readonly version: string }
  | { readonly ok: false; readonly problem: 'not_pdf' | 'damaged' | 'encrypted' | 'embedded_file' }
  | { readonly ok: false; readonly problem: 'active_content'; readonly feature: string }
  | { readonly ok: false; readonly problem: 'too_complex'; readonly limit: string };

/**
 * How much work one document may ask of the court's check (and of every reader after it). A
 * court's documents are letters, pleadings and scans: far inside these; a file outside them is
 * either broken or built to exhaust whoever opens it.
 */
export interface InspectionLimits {
  /** Most bytes one stream may expand to (an image may expand to what its declared size needs), and one object's syntax may take. */
  readonly maxStreamBytes: number;
  /** Most bytes all the streams of a document may expand to together. */
  readonly maxExpandedBytes: number;
  /** Most objects (and cross-reference entries) a document may declare. */
  readonly maxObjects: number;
  readonly maxPages: number;
  readonly maxImagePixels: number;
}

export const INSPECTION_LIMITS: InspectionLimits = {
  maxStreamBytes: 64 * 1024 * 1024,
  maxExpandedBytes: 1024 * 1024 * 1024,
  maxObjects: 500_000,
  maxPages: 20_000,
  maxImagePixels: 150_000_000,
};

/**
 * The bytes of one file, read where they are needed: a staged file through positional reads
 * (the inspection's memory is then bounded by its limits and windows, not by the file's size),
 * or bytes already in memory (tests).
 */
export interface ByteSource {
  readonly size: number;
  /**
   * Up to `length` bytes from `offset`, fewer only at the end of the file: into `into` when given
   * (a buffer the caller reads into again and again, so that a scan of the whole file leaves no
   * garbage behind it), else into bytes of their own; or a view of bytes already in memory.
   */
  read(offset: number, length: number, into?: Buffer): Buffer;
}

/** The header must open the file: a file that starts as something else is a polyglot, not a PDF. */
const HEADER = /^%PDF-(\d\.\d)/;
/** Actions that run code, open other files or programs, or send data away when a reader opens the PDF. */
const DANGEROUS_ACTIONS: Readonly<Record<string, string>> = {
  JavaScript: 'JavaScript',
  Launch: 'a launch action (it can start a program)',
  SubmitForm: 'a form-submission action',
  ImportData: 'a data-import action',
  GoToR: 'a link that opens another file',
  GoToE: 'a link into an embedded file',
  RichMediaExecute: 'rich-media scripting',
};
const SAFE_URI = /^(https?:|mailto:)/i;
/** Filters any reader decodes in full; the image codecs after them decode only what an image's size asks for. */
const GENERIC_FILTERS = new Set(['FlateDecode', 'LZWDecode', 'ASCII85Decode', 'ASCIIHexDecode', 'RunLengthDecode']);
const COLOUR_COMPONENTS: Readonly<Record<string, number>> = { DeviceGray: 1, CalGray: 1, DeviceRGB: 3, CalRGB: 3, Lab: 3, DeviceCMYK: 4 };

const refuse = (problem: 'not_pdf' | 'damaged' | 'encrypted' | 'embedded_file'): PdfVerdict => ({ ok: false, problem });
const tooComplex = (limit: string): PdfVerdict => ({ ok: false, problem: 'too_complex', limit });

/**
 * Decides whether the staged file at `path` is a PDF the court can accept (see inspectPdf), read
 * through positional reads on one descriptor, never whole: what one check holds is its windows,
 * the objects' dictionaries and what its limits let a stream expand to, whatever the file's size.
 */
export async function inspectPdfFile(path: string, limits: InspectionLimits = INSPECTION_LIMITS): Promise<PdfVerdict> {
  const fd = openSync(path, 'r');
  try {
    return await inspectSource(fileSource(fd, fstatSync(fd).size), limits);
  } finally {
    closeSync(fd);
  }
}

/**
 * Decides whether bytes are a PDF the court can accept, by parsing them rather than trusting a
 * name or a content type, and without ever doing unbounded work on the filer's say-so:
 * - a PDF header at the very start, and an end-of-file marker with a cross-reference offset that
 *   points inside the file (a truncated upload loses them);
 * - every stream expands to a bounded size, all of them together too, and its data is read a
 *   window at a time (never the whole file); a bounded number of objects;
 * - not encrypted (the court must be able to read, render and certify it);
 * - stream lengths that tell the truth (else readers disagree on what the document says);
 * - a page tree that is a tree, with at least one and a bounded number of pages, and images of a
 *   bounded size;
 * - no active content and no embedded files anywhere in the file (every object is walked,
 *   referenced or not, including those in object streams, and names are compared decoded, so
 *   `/J#61vaScript` is caught); and every definition of it: an object number defined twice (an
 *   incremental update, or a file built to show one reader what another does not see) has each
 *   of its definitions walked, whichever one the cross-reference points at and pdf-lib keeps.
 * Time is the one thing this function does not bound: run it where it can be stopped. The same
 * code reads a staged file (inspectPdfFile) or, here, bytes already in memory.
 */
export async function inspectPdf(input: Uint8Array, limits: InspectionLimits = INSPECTION_LIMITS): Promise<PdfVerdict> {
  return inspectSource(bufferSource(Buffer.from(input.buffer, input.byteOffset, input.byteLength)), limits);
}

function fileSource(fd: number, size: number): ByteSource {
  return {
    size,
    read(offset, length, into) {
      const wanted = Math.max(0, Math.min(length, size - offset));
      const buffer = into && into.length >= wanted ? into : Buffer.allocUnsafe(wanted);
      let done = 0;
      while (done < wanted) {
        const n = readSync(fd, buffer, done, wanted - done, offset + done);
        if (n === 0) break;
        done += n;
      }
      return done === buffer.length ? buffer : buffer.subarray(0, done);
    },
  };
}

function bufferSource(bytes: Buffer): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + Math.max(0, length)) };
}

/**
 * The checks on one file, whatever holds its bytes: the scan of every object (and the streams'
 * bounds) first, then the document that a front-to-back parse builds from them (the last
 * definition of an object number wins, as in pdf-lib; a reader following the cross-reference may
 * open another one, hence every definition is walked for active content at the end).
 */
async function inspectSource(source: ByteSource, limits: InspectionLimits): Promise<PdfVerdict> {
  const header = HEADER.exec(source.read(0, 16).toString('latin1'));
  if (!header) return refuse('not_pdf');
  if (!hasIntactTail(source)) return refuse('damaged');

  const scan = scanObjects(source, limits);
  if ('verdict' in scan) return scan.verdict;
  const streams = await checkStreams(source, scan, limits);
  if (streams) return streams;

  const context = indexObjects(scan);
  if (context.lookup(context.trailerInfo.Encrypt)) return refuse('encrypted');
  const objects = context.enumerateIndirectObjects();
  if (objects.length > limits.maxObjects) return tooComplex(`more than ${limits.maxObjects.toLocaleString('en')} objects`);
  for (const [, object] of objects) {
    if (!(object instanceof PDFRawStream)) continue;
    const data = scan.dataOf.get(object);
    // A stream parsed out of an object stream (the format forbids it, and no check saw its data),
    // or one that does not decode.
    if (data === undefined || scan.corrupt.has(data)) return refuse('damaged');
    const length = object.dict.lookup(PDFName.of('Length'));
    if (length instanceof PDFNumber && Math.abs(length.asNumber() - (data.end - data.start)) > 2) return refuse('damaged');
    const size = imageSize(context, object.dict);
    if (size && size.pixels > limits.maxImagePixels) return tooComplex(imageLimit(limits));
  }

  const pages = countPages(context, limits.maxPages);
  if (pages === 'damaged') return refuse('damaged');
  if (pages === 'too_many') return tooComplex(`more than ${limits.maxPages.toLocaleString('en')} pages`);

  for (const object of scan.definitions) {
    const found = hiddenContent(object);
    if (found === 'embedded_file') return refuse('embedded_file');
    if (found) return { ok: false, problem: 'active_content', feature: found };
  }
  return { ok: true, pageCount: pages, version: header[1] };
}

/** A complete PDF ends with `startxref <offset> %%EOF`, and the offset points at a cross-reference section. */
function hasIntactTail(source: ByteSource): boolean {
  const tail = source.read(Math.max(0, source.size - 2048), 2048).toString('latin1');
  if (!/%%EOF\s*$/.test(tail)) return false;
  const matches = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  if (matches.length === 0) return false;
  const offset = Number(matches[matches.length - 1][1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= source.size) return false;
  return /^\s*(xref|\d+\s+\d+\s+obj)/.test(source.read(offset, 32).toString('latin1'));
}

/** Where a stream's data lies in the file: [start, end). */
interface StreamData {
  readonly start: number;
  readonly end: number;
}

/** A stream the scan found, whose data is checked after the scan. */
interface FoundStream extends StreamData {
  readonly dict: PDFDict;
  /** An object stream a front-to-back parse would unpack: what it holds enters the index. */
  readonly indexed: boolean;
  /** An object or cross-reference stream a front-to-back parse decodes while it parses. */
  readonly decodedByParser: boolean;
  /** For an object stream, the objects it holds once unpacked, by reference. */
  members?: readonly (readonly [PDFRef, PDFObject])[];
}

/** What a front-to-back parse meets, in file order: from these, and only these, the object index is built. */
type IndexEvent =
  | { readonly kind: 'object'; readonly ref: PDFRef; readonly object: PDFObject }
  | { readonly kind: 'objectStream'; readonly stream: FoundStream }
  | { readonly kind: 'xrefStream' | 'trailer'; readonly dict: PDFDict };

interface Scan {
  /** Every object of the scan is parsed into it: the index is built in it, and references resolve through it. */
  readonly context: PDFContext;
  readonly events: IndexEvent[];
  /** Every object definition in the file (`N G obj`, and each member of an object stream), as parsed on its own. */
  readonly definitions: PDFObject[];
  /** Every stream found, whether a reader would parse it or not: all of them expand within bounds. */
  readonly found: FoundStream[];
  /** Where each stream object's data lies (a stream parsed out of an object stream has none). */
  readonly dataOf: WeakMap<PDFRawStream, StreamData>;
  /** Streams whose data does not decode: refused if a reader keeps them. */
  readonly corrupt: Set<StreamData>;
}

const OBJ = Buffer.from('obj', 'latin1');
const TRAILER = Buffer.from('trailer', 'latin1');
const XREF = Buffer.from('xref', 'latin1');
const STREAM = Buffer.from('stream', 'latin1');
const ENDSTREAM = Buffer.from('endstream', 'latin1');
/** The scan reads the file a mebibyte at a time: the bound of its memory, and the step of every read of a stream's data. */
const CHUNK = 1024 * 1024;
/** Bytes the scan reads before each chunk, to see the object header (`<number> <generation> `) before an `obj`. */
const LOOK_BEHIND = 32;
/** The first window an object is parsed in; one that runs past it is parsed again in a window four times larger, up to the object limit. */
const WINDOW = 64 * 1024;
/** A parse that ends this close to a window's end may have been cut short by it. */
const MARGIN = 16;
const EMPTY = new Uint8Array(0);
/** The keywords that open a stream's data, in the order pdf-lib tries them (the longest end-of-line first). */
const STREAM_KEYWORDS = ['stream \r\n', 'stream\r\n', 'stream\r', 'stream\n', 'stream'].map((k) => [...Buffer.from(k, 'latin1')]);
const LESS_THAN = 0x3c;

/**
 * The scan's read buffer, made once per thread and kept: the scan runs start to end without
 * yielding, so no two scans share it, and nothing it returns keeps a view of it. A new mebibyte
 * per check, outside the heap, brought an inspection worker a full collection every twenty or so
 * checks of 1 MB files (`--trace-gc`: 6-7 mark-compacts per worker in 100 checks; 0 with this).
 */
let scanBuffer: Buffer | undefined;

/**
 * Finds every object the parser could read, every trailer and cross-reference table, a chunk of
 * the file at a time. pdf-lib parses a file from front to back and reads an object after each
 * object header it meets between objects, so an object is parsed here after every `obj` keyword
 * in the file: a superset of what a reader parses, all of it walked and its streams checked.
 * Those a front-to-back parse meets (outside whatever it read before: not inside a string, a
 * stream's data or a cross-reference table) are the ones it indexes, in file order, and one of
 * those that does not parse makes the file damaged, as it made pdf-lib's load fail.
 */
function scanObjects(source: ByteSource, limits: InspectionLimits): Scan | { verdict: PdfVerdict } {
  const scan: Scan = {
    context: PDFContext.create(),
    events: [],
    definitions: [],
    found: [],
    dataOf: new WeakMap(),
    corrupt: new Set(),
  };
  const tooMany = () => ({ verdict: tooComplex(`more than ${limits.maxObjects.toLocaleString('en')} objects`) });
  let objects = 0;
  let entries = 0;
  let encrypted = false;
  /** Where what a front-to-back parse read last ends: a keyword before it lies inside an object. */
  let parsedUntil = 0;

  // Each chunk is read into the same buffer: nothing parsed keeps a view of it.
  const buffer = (scanBuffer ??= Buffer.allocUnsafe(LOOK_BEHIND + CHUNK + 8));
  for (let base = 0; base < source.size; base += CHUNK) {
    const from = Math.max(0, base - LOOK_BEHIND);
    // A keyword that starts in this chunk is read whole: `trailer`, the longest, spans 7 bytes.
    const chunk = source.read(from, base + CHUNK + 8 - from, buffer);
    const own = Math.min(chunk.length, base + CHUNK - from);
    /** The next place `keyword` starts in this chunk's own bytes, at or after `k`. */
    const next = (keyword: Buffer, k: number) => {
      const found = chunk.indexOf(keyword, k);
      return found === -1 || found >= own ? Infinity : found;
    };
    let o = next(OBJ, base - from);
    let t = next(TRAILER, base - from);
    let x = next(XREF, base - from);
    for (;;) {
      const k = Math.min(o, t, x);
      if (k === Infinity) break;

      if (k === x) {
        x = next(XREF, x + XREF.length);
        const at = from + k;
        if (at < parsedUntil || (k >= 5 && chunk.toString('latin1', k - 5, k) === 'start')) continue;
        // A cross-reference table a front-to-back parse meets: it must read as one, or pdf-lib's load failed.
        const end = xrefTableEnd(source, at + XREF.length);
        if (end === undefined) return { verdict: refuse('damaged') };
        parsedUntil = end;
        continue;
      }

      if (k === t) {
        t = next(TRAILER, t + TRAILER.length);
        const at = from + k;
        const parsed = parseAt(source, at + TRAILER.length, chunk, from, limits.maxStreamBytes, scan.context);
        const dict = typeof parsed === 'object' ? (parsed.stream?.dict ?? parsed.object) : undefined;
        if (dict instanceof PDFDict && dict.get(PDFName.of('Encrypt'))) encrypted = true;
        if (at < parsedUntil) continue;
        if (!(dict instanceof PDFDict) || typeof parsed !== 'object') return { verdict: refuse('damaged') };
        scan.events.push({ kind: 'trailer', dict });
        parsedUntil = parsed.end;
        continue;
      }

      const at = from + o;
      o = next(OBJ, o + OBJ.length);
      if (at - from >= 3 && chunk.toString('latin1', at - from - 3, at - from) === 'end') continue;
      objects += 1;
      if (objects > limits.maxObjects) return tooMany();
      const header = objectHeaderBefore(chunk, at - from);
      // A header whose digits something before it read (a cross-reference table's last entry) is no header to a parse.
      const ref = header && from + header.at >= parsedUntil ? header.ref : undefined;
      const indexed = ref !== undefined;
      const parsed = parseAt(source, at + OBJ.length, chunk, from, limits.maxStreamBytes, scan.context);
      if (typeof parsed !== 'object') {
        if (!indexed) continue;
        return {
          verdict: parsed === 'too_large' ? tooComplex(`an object larger than ${megabytes(limits.maxStreamBytes)}`) : refuse('damaged'),
        };
      }
      if (header) scan.definitions.push(parsed.object);
      if (indexed) parsedUntil = parsed.end;
      const stream = parsed.stream;
      if (!stream) {
        if (indexed) scan.events.push({ kind: 'object', ref, object: parsed.object });
        continue;
      }

      const dict = stream.dict;
      const type = dict.get(PDFName.of('Type'));
      if (type instanceof PDFRef) return { verdict: refuse('damaged') };
      // An object or cross-reference stream makes a reader create objects by the number it declares.
      if (type === PDFName.of('ObjStm')) {
        const n = dict.get(PDFName.of('N'));
        if (!(n instanceof PDFNumber)) return { verdict: refuse('damaged') };
        objects += Math.max(0, n.asNumber());
      }
      if (type === PDFName.of('XRef')) {
        const declared = xrefEntries(dict);
        if (declared === undefined || !hasSaneFieldWidths(dict)) return { verdict: refuse('damaged') };
        // One a reader parses must give its size and subsections as numbers, or its parse fails.
        if (indexed && !isReadableXref(dict)) return { verdict: refuse('damaged') };
        entries += declared;
        if (dict.get(PDFName.of('Encrypt'))) encrypted = true;
      }
      if (objects > limits.maxObjects || entries > limits.maxObjects) return tooMany();
      const found: FoundStream = {
        dict,
        start: stream.start,
        end: stream.end,
        indexed: indexed && type === PDFName.of('ObjStm'),
        decodedByParser: indexed && (type === PDFName.of('ObjStm') || type === PDFName.of('XRef')),
      };
      scan.found.push(found);
      scan.dataOf.set(parsed.object as PDFRawStream, found);
      if (!indexed) continue;
      if (type === PDFName.of('ObjStm')) scan.events.push({ kind: 'objectStream', stream: found });
      else if (type === PDFName.of('XRef')) scan.events.push({ kind: 'xrefStream', dict });
      else scan.events.push({ kind: 'object', ref, object: parsed.object });
    }
  }
  // Encrypted data does not decode: say what the file is before judging its streams.
  if (encrypted) return { verdict: refuse('encrypted') };
  return scan;
}

/**
 * Where the cross-reference table whose entries start at `at` ends, read as pdf-lib's parser
 * reads one: pairs of integers, each pair a subsection's first number and count or an entry's
 * offset and generation (then `n` or `f`), up to the first byte that starts no integer.
 * Undefined where a pair is cut short: pdf-lib's load failed there. Read a window at a time.
 */
function xrefTableEnd(source: ByteSource, at: number): number | undefined {
  let window = source.read(at, WINDOW);
  let windowAt = at;
  let i = 0;
  const peek = (): number | undefined => {
    if (i >= window.length && windowAt + window.length < source.size) {
      windowAt += window.length;
      window = source.read(windowAt, WINDOW);
      i = 0;
    }
    return window[i];
  };
  const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;
  const skipWhitespaceAndComments = () => {
    for (let byte = peek(); byte !== undefined && (PDF_WHITESPACE.has(byte) || byte === PERCENT); byte = peek()) {
      if (byte !== PERCENT) i++;
      else while (peek() !== undefined && peek() !== LF && peek() !== CR) i++;
    }
  };
  /** An integer as pdf-lib reads one: at least one digit, and a finite number (no more than 308 digits). */
  const integer = () => {
    let digits = 0;
    for (; isDigit(peek()); i++) digits++;
    return digits > 0 && digits <= 308;
  };
  skipWhitespaceAndComments();
  while (isDigit(peek())) {
    if (!integer()) return undefined;
    skipWhitespaceAndComments();
    if (!integer()) return undefined;
    skipWhitespaceAndComments();
    if (peek() === 0x6e || peek() === 0x66) i++;
    skipWhitespaceAndComments();
  }
  return windowAt + i;
}

/** The object number and generation before the `obj` keyword at `at`, when they are there (`<number> <generation> obj`), and where they start. */
function objectHeaderBefore(chunk: Buffer, at: number): { ref: PDFRef; at: number } | undefined {
  const before = Math.max(0, at - LOOK_BEHIND);
  // The leftmost match: the whole of the first number's digits (as far as the look-behind reaches).
  const header = /(\d+)\s+(\d+)\s*$/.exec(chunk.toString('latin1', before, at));
  if (!header) return undefined;
  return { ref: PDFRef.of(Number(header[1]), Number(header[2])), at: before + header.index };
}

/**
 * The members of pdf-lib's object parser that its subclasses may use (`protected` in its types),
 * which reading a stream's dictionary without its data needs; pdf-lib is pinned (package.json).
 */
interface ObjectParserInternals {
  readonly bytes: { offset(): number; peek(): number; peekAhead(steps: number): number };
  parseObject(): PDFObject;
  parseDict(): PDFDict;
  skipWhitespaceAndComments(): void;
  matchKeyword(keyword: number[]): boolean;
}

interface Parsed {
  /** The object; for a stream, one with its dictionary and no data (the data stays in the file). */
  readonly object: PDFObject;
  /** Where the object ends in the file. */
  readonly end: number;
  readonly stream?: StreamData & { readonly dict: PDFDict };
}

/**
 * Parses the object at `at` with pdf-lib's parser on a window of the file: the scan's own chunk
 * when it holds enough, else a read of its own, larger each time the object runs past it, up to
 * `maxBytes`. A stream's data is not parsed but located, as pdf-lib locates it: after its
 * dictionary, /Length bytes long when that is a number and `endstream` follows, else up to the
 * `endstream` that closes it.
 */
function parseAt(
  source: ByteSource,
  at: number,
  chunk: Buffer,
  chunkAt: number,
  maxBytes: number,
  context: PDFContext,
): Parsed | 'unreadable' | 'too_large' {
  for (let length = WINDOW; ; length *= 4) {
    const wanted = Math.min(length, source.size - at);
    const inChunk = chunk.length - (at - chunkAt);
    const window = inChunk >= wanted ? chunk.subarray(at - chunkAt, at - chunkAt + wanted) : source.read(at, wanted);
    const parser = PDFObjectParser.forBytes(window, context) as unknown as ObjectParserInternals;
    let head: { object: PDFObject; dataAt?: number } | undefined;
    try {
      head = headAt(parser);
    } catch {
      head = undefined;
    }
    const cutShort = at + window.length < source.size && parser.bytes.offset() > window.length - MARGIN;
    if (cutShort && length >= maxBytes) return 'too_large';
    if (cutShort) continue;
    if (!head) return 'unreadable';
    if (head.dataAt === undefined) return { object: head.object, end: at + parser.bytes.offset() };
    const dict = head.object as PDFDict;
    const start = at + head.dataAt;
    const end = streamEnd(source, dict, start);
    if (end === undefined) return 'unreadable';
    return { object: PDFRawStream.of(dict, EMPTY), end, stream: { dict, start, end } };
  }
}

/** The object at the parser's position; for a stream, its dictionary and where its data starts, as pdf-lib's parseDictOrStream finds them. */
function headAt(parser: ObjectParserInternals): { object: PDFObject; dataAt?: number } {
  parser.skipWhitespaceAndComments();
  if (parser.bytes.peek() !== LESS_THAN || parser.bytes.peekAhead(1) !== LESS_THAN) return { object: parser.parseObject() };
  const dict = parser.parseDict();
  parser.skipWhitespaceAndComments();
  if (!STREAM_KEYWORDS.some((keyword) => parser.matchKeyword(keyword))) return { object: dict };
  return { object: dict, dataAt: parser.bytes.offset() };
}

/** Where a stream's data ends: /Length bytes on when that is a number and `endstream` follows, else where the first unmatched `endstream` starts. */
function streamEnd(source: ByteSource, dict: PDFDict, start: number): number | undefined {
  const length = dict.get(PDFName.of('Length'));
  if (length instanceof PDFNumber) {
    const end = start + length.asNumber();
    if (Number.isSafeInteger(end) && end >= start && end <= source.size && endstreamAt(source, end)) return end;
  }
  return endstreamFallback(source, start);
}

/** Whether `endstream` follows `at`, after whitespace and comments. */
function endstreamAt(source: ByteSource, at: number): boolean {
  const bytes = source.read(at, 1024);
  let i = 0;
  while (i < bytes.length && (PDF_WHITESPACE.has(bytes[i]) || bytes[i] === PERCENT)) {
    if (bytes[i] === PERCENT) while (i < bytes.length && bytes[i] !== LF && bytes[i] !== CR) i++;
    else i++;
  }
  return bytes.subarray(i, i + ENDSTREAM.length).equals(ENDSTREAM);
}

const PDF_WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const PERCENT = 0x25;
const LF = 0x0a;
const CR = 0x0d;

/**
 * pdf-lib's search for a stream's end when its /Length does not say: every `stream` keyword
 * after the data's start opens a nested one, every `endstream` closes one, and the data ends
 * before the end of line that precedes the `endstream` closing the first. Read in steps that
 * start small (most such streams are, their length given by reference) and grow to a chunk.
 */
function endstreamFallback(source: ByteSource, start: number): number | undefined {
  let depth = 1;
  let buffer: Buffer | undefined;
  for (let base = start, step = WINDOW; base < source.size; base += step, step = Math.min(CHUNK, step * 4)) {
    const from = Math.max(0, base - 8);
    if (step === CHUNK) buffer ??= Buffer.allocUnsafe(8 + CHUNK + STREAM.length);
    const chunk = source.read(from, base + step + STREAM.length - from, step === CHUNK ? buffer : undefined);
    for (let k = chunk.indexOf(STREAM, base - from); k !== -1 && from + k < base + step; k = chunk.indexOf(STREAM, k + STREAM.length)) {
      const keyword = from + k - 3;
      if (keyword < start || chunk.toString('latin1', k - 3, k) !== 'end') {
        depth += 1;
        continue;
      }
      depth -= 1;
      if (depth > 0) continue;
      const before = (n: number) => (keyword - n >= start ? chunk[k - 3 - n] : undefined);
      if (before(2) === CR && before(1) === LF) return keyword - 2;
      if (before(1) === CR || before(1) === LF) return keyword - 1;
      return keyword;
    }
  }
  return undefined;
}

/**
 * The object index a front-to-back parse builds: each definition replaces any earlier one of its
 * number (an object stream's members at the stream's place), and the trailer is what the last
 * trailer dictionary or cross-reference stream says, as pdf-lib's parser builds it. A root that
 * is no catalog is recovered as pdf-lib does, from the last catalog among the objects.
 */
function indexObjects(scan: Scan): PDFContext {
  const { context } = scan;
  for (const event of scan.events) {
    if (event.kind === 'object') context.assign(event.ref, event.object);
    if (event.kind === 'objectStream') for (const [ref, object] of event.stream.members ?? []) context.assign(ref, object);
    if (event.kind === 'xrefStream') {
      const get = (key: string) => event.dict.get(PDFName.of(key));
      context.trailerInfo = { Root: get('Root'), Encrypt: get('Encrypt'), Info: get('Info'), ID: get('ID') };
    }
    if (event.kind === 'trailer') {
      const get = (key: string) => event.dict.get(PDFName.of(key));
      const before = context.trailerInfo;
      context.trailerInfo = {
        Root: get('Root') ?? before.Root,
        Encrypt: get('Encrypt') ?? before.Encrypt,
        Info: get('Info') ?? before.Info,
        ID: get('ID') ?? before.ID,
      };
    }
  }
  const isCatalog = (object: PDFObject | undefined) =>
    object instanceof PDFDict && object.lookup(PDFName.of('Type')) === PDFName.of('Catalog');
  if (!isCatalog(context.lookup(context.trailerInfo.Root))) {
    for (const [ref, object] of context.enumerateIndirectObjects()) if (isCatalog(object)) context.trailerInfo.Root = ref;
  }
  if (context.lookup(PDFRef.of(0))) context.delete(PDFRef.of(0));
  return context;
}

/**
 * Expands every stream the scan found within bounds, reading its data from the file a chunk at a
 * time (object streams and cross-reference streams are decoded by every reader while parsing;
 * content streams and images by every reader that shows them), and unpacks object streams.
 */
async function checkStreams(source: ByteSource, scan: Scan, limits: InspectionLimits): Promise<PdfVerdict | undefined> {
  let budget = limits.maxExpandedBytes;
  for (const stream of scan.found) {
    const image = imageSize(undefined, stream.dict);
    if (image && image.pixels > limits.maxImagePixels) return tooComplex(imageLimit(limits));
    const filters = filtersOf(stream.dict);
    if (filters === undefined) return refuse('damaged');
    const allowed = Math.max(limits.maxStreamBytes, image?.bytes ?? 0);
    const type = stream.dict.get(PDFName.of('Type'));
    const isObjectStream = type === PDFName.of('ObjStm');
    const expanded = await expandedSize(source, stream, filters, Math.min(allowed, budget), isObjectStream);
    if (expanded === 'corrupt') {
      // Object and cross-reference streams are decoded while parsing, by a decoder that reads
      // some data zlib does not: one that zlib cannot read must never reach it.
      if (isObjectStream || type === PDFName.of('XRef')) return refuse('damaged');
      scan.corrupt.add(stream);
      continue;
    }
    if (expanded === 'over') {
      return tooComplex(
        budget < allowed
          ? `its parts expand to more than ${megabytes(limits.maxExpandedBytes)} together`
          : `a part of it expands to more than ${megabytes(allowed)}`,
      );
    }
    budget -= expanded.size;
    // What zlib reads (up to the end of its data), pdf-lib's decoder, which every parse of the
    // file goes through, may still refuse: the parse then fails, and readers sharing that decoder
    // (pdf.js's) cannot open the file. Run only within the bound zlib has just checked.
    if (stream.decodedByParser && !decodesInPdfLib(source, stream, Math.min(allowed, budget + expanded.size))) return refuse('damaged');
    if (!isObjectStream) continue;
    // One a reader unpacks must unpack whole, as pdf-lib's load failed on any member it could not parse.
    const members = expanded.output ? objectStreamMembers(stream.dict, expanded.output, scan.context, stream.indexed) : undefined;
    if (stream.indexed && members === undefined) return refuse('damaged');
    stream.members = members;
    for (const [, object] of members ?? []) scan.definitions.push(object);
  }
  return undefined;
}

/**
 * The objects an object stream holds, each parsed on its own: the header's pairs of object
 * number and offset (counted already against the object limit through /N), then each body.
 * `strict`: undefined if any of it does not parse; else what parses.
 */
function objectStreamMembers(dict: PDFDict, data: Buffer, context: PDFContext, strict: boolean): [PDFRef, PDFObject][] | undefined {
  const n = dict.get(PDFName.of('N'));
  const first = dict.get(PDFName.of('First'));
  if (!(n instanceof PDFNumber) || !(first instanceof PDFNumber)) return strict ? undefined : [];
  const start = Math.max(0, first.asNumber());
  const pairs = data.toString('latin1', 0, Math.min(start, data.length)).trim().split(/\s+/);
  if (strict && (pairs.length < 2 * n.asNumber() || !pairs.slice(0, 2 * n.asNumber()).every((p) => /^\d+$/.test(p)))) return undefined;
  const members: [PDFRef, PDFObject][] = [];
  for (let k = 0; k + 1 < pairs.length && k / 2 < n.asNumber(); k += 2) {
    const offset = start + Number(pairs[k + 1]);
    try {
      if (!Number.isSafeInteger(offset) || offset >= data.length) throw new RangeError('outside the object stream');
      members.push([PDFRef.of(Number(pairs[k]), 0), PDFObjectParser.forBytes(data.subarray(offset), context).parseObject()]);
    } catch {
      // what pdf-lib could not parse, it would not load
      if (strict) return undefined;
    }
  }
  return members;
}

function xrefEntries(dict: PDFDict): number | undefined {
  const index = dict.get(PDFName.of('Index'));
  if (index instanceof PDFArray) {
    let total = 0;
    for (let i = 1; i < index.size(); i += 2) {
      const length = index.get(i);
      if (!(length instanceof PDFNumber)) return undefined;
      total += Math.max(0, length.asNumber());
    }
    return total;
  }
  if (index !== undefined) return undefined;
  const size = dict.get(PDFName.of('Size'));
  return size instanceof PDFNumber ? Math.max(0, size.asNumber()) : undefined;
}

function isReadableXref(dict: PDFDict): boolean {
  const index = dict.get(PDFName.of('Index'));
  const subsections = index instanceof PDFArray ? index.asArray() : [];
  if (index !== undefined && (!(index instanceof PDFArray) || subsections.length % 2 !== 0)) return false;
  return dict.get(PDFName.of('Size')) instanceof PDFNumber && subsections.every((n) => n instanceof PDFNumber);
}

/** pdf-lib reads every entry's fields byte by byte: field widths beyond a few bytes are a loop, not an index. */
function hasSaneFieldWidths(dict: PDFDict): boolean {
  const widths = dict.get(PDFName.of('W'));
  if (!(widths instanceof PDFArray) || widths.size() > 3) return false;
  return widths.asArray().every((w) => w instanceof PDFNumber && w.asNumber() >= 0 && w.asNumber() <= 8);
}

/** The stream's filters, in order; undefined when they are not direct names (pdf-lib would resolve them elsewhere). */
function filtersOf(dict: PDFDict): { name: string; parms: PDFObject | undefined }[] | undefined {
  const filter = dict.get(PDFName.of('Filter'));
  const parms = dict.get(PDFName.of('DecodeParms'));
  if (filter === undefined) return [];
  if (filter instanceof PDFName) return [{ name: filter.decodeText(), parms: parms instanceof PDFDict ? parms : undefined }];
  if (!(filter instanceof PDFArray)) return undefined;
  const out: { name: string; parms: PDFObject | undefined }[] = [];
  for (let i = 0; i < filter.size(); i++) {
    const name = filter.get(i);
    if (!(name instanceof PDFName)) return undefined;
    const p = parms instanceof PDFArray ? parms.get(i) : undefined;
    out.push({ name: name.decodeText(), parms: p instanceof PDFDict ? p : undefined });
  }
  return out;
}

/**
 * How many bytes a stream expands to through its generic filters, stopping at `limit`: zlib
 * counts what it inflates without keeping it (the common case: Flate alone or Flate twice), fed
 * from the file a chunk at a time, and only an intermediate result a further filter needs is
 * kept, itself within the limit.
 */
async function expandedSize(
  source: ByteSource,
  stream: StreamData,
  filters: readonly { name: string; parms: PDFObject | undefined }[],
  limit: number,
  keep: boolean,
): Promise<{ size: number; output?: Buffer } | 'over' | 'corrupt'> {
  const length = stream.end - stream.start;
  if (filters.length === 0 || !GENERIC_FILTERS.has(filters[0].name)) {
    // Nothing a reader decodes in full: the data is what it is. Only an object stream's is read, to unpack it.
    if (!keep || filters.length > 0) return { size: length };
    return length > limit ? 'over' : { size: length, output: source.read(stream.start, length) };
  }
  let data: Buffer | undefined;
  for (let i = 0; ; i++) {
    const last = i === filters.length - 1 || !GENERIC_FILTERS.has(filters[i + 1].name);
    let step: Inflated;
    if (i === 0 && filters[0].name === 'FlateDecode' && length > AT_ONCE_BYTES) {
      if (!hasZlibHeader(source.read(stream.start, 2))) return 'corrupt';
      step = await inflateCounting(chunksOf(source, { start: stream.start + 2, end: stream.end }), limit, keep || !last);
    } else {
      // pdf-lib's other decoders take their input whole: held only within the stream's bound (the
      // filters that shrink data most, ASCIIHex and RunLength, halve it: a larger input is over).
      if (data === undefined && length > 2 * limit) return 'over';
      data ??= source.read(stream.start, length);
      step = filters[i].name === 'FlateDecode' ? await inflateWithin(data, limit, keep || !last) : decodeWithin(data, filters[i], limit);
    }
    if (step === 'over' || step === 'corrupt') return step;
    // Data behind an image codec is never an object stream's: only data decoded in full is kept.
    if (last) return { size: step.size, output: keep && i === filters.length - 1 ? step.output : undefined };
    data = step.output as Buffer;
  }
}

/** A stream's data, read from the file a chunk at a time into one buffer (the inflater has consumed each chunk before the next is read). */
function* chunksOf(source: ByteSource, stream: StreamData): Generator<Buffer> {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK, stream.end - stream.start));
  for (let at = stream.start; at < stream.end; at += CHUNK) yield source.read(at, Math.min(CHUNK, stream.end - at), buffer);
}

/** Most streams are small: inflated at once below this, counted as they stream above it. */
const AT_ONCE_BYTES = 1024 * 1024;

type Inflated = { size: number; output?: Buffer } | 'over' | 'corrupt';

/**
 * zlib's two-byte header, checked as zlib checks it (deflate, a window zlib supports, the check
 * bits, no preset dictionary). The data after it is inflated raw, as pdf-lib's decoder does: the
 * checksum after the data, which readers ignore, then costs nothing of what was inflated (zlib
 * gives up all its output on a wrong one, and object streams with a wrong checksum exist).
 */
function hasZlibHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 2) return false;
  const [cmf, flg] = bytes;
  return (cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) + flg) % 31 === 0 && (flg & 0x20) === 0;
}

async function inflateWithin(input: Buffer, limit: number, keep: boolean): Promise<Inflated> {
  if (!hasZlibHeader(input)) return 'corrupt';
  const deflated = input.subarray(2);
  try {
    const output = inflateRawSync(deflated, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.min(limit, AT_ONCE_BYTES) });
    return { size: output.length, output: keep ? output : undefined };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_BUFFER_TOO_LARGE') return 'corrupt';
    if (limit <= AT_ONCE_BYTES) return 'over';
  }
  // Too large to inflate at once: counted as it streams.
  return inflateCounting([deflated], limit, keep);
}

/**
 * Inflates raw deflate data (what follows a zlib header), given a chunk at a time, counting what
 * comes out and stopping past `limit`.
 * The next chunk is asked for only once zlib has consumed the one before: the chunks may share
 * one buffer.
 */
function inflateCounting(input: Iterable<Buffer>, limit: number, keep: boolean): Promise<Inflated> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 256 * 1024 });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let wake: (() => void) | undefined;
    const settle = (result: Inflated) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      wake?.();
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return settle('over');
      if (keep) chunks.push(chunk);
    });
    inflate.on('end', () => settle({ size, output: keep ? Buffer.concat(chunks) : undefined }));
    // Data zlib cannot read, which a more lenient decoder might read differently.
    inflate.on('error', () => settle('corrupt'));
    const feed = async () => {
      for (const chunk of input) {
        if (settled) return;
        await new Promise<void>((resume) => {
          wake = resume;
          inflate.write(chunk, () => resume());
        });
      }
      if (!settled) inflate.end();
    };
    void feed();
  });
}

/** Whether pdf-lib's decoders read the stream's data through all its filters, without producing more than `limit` bytes. */
function decodesInPdfLib(source: ByteSource, stream: FoundStream, limit: number): boolean {
  const length = stream.end - stream.start;
  if (length > limit) return false;
  try {
    const decoder = decodePDFRawStream(PDFRawStream.of(stream.dict, source.read(stream.start, length)));
    for (let size = 0, chunk = decoder.getBytes(256 * 1024); chunk.length > 0; chunk = decoder.getBytes(256 * 1024)) {
      size += chunk.length;
      if (size > limit) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** The rarer generic filters, through pdf-lib's own decoders, read a slice at a time up to the limit. */
function decodeWithin(
  input: Uint8Array,
  filter: { name: string; parms: PDFObject | undefined },
  limit: number,
): { size: number; output: Buffer } | 'over' | 'corrupt' {
  const dict = PDFContext.create().obj({}) as PDFDict;
  dict.set(PDFName.of('Filter'), PDFName.of(filter.name));
  if (filter.parms) dict.set(PDFName.of('DecodeParms'), filter.parms);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const decoder = decodePDFRawStream(PDFRawStream.of(dict, input));
    for (;;) {
      const chunk = decoder.getBytes(256 * 1024);
      if (chunk.length === 0) break;
      size += chunk.length;
      if (size > limit) return 'over';
      chunks.push(Buffer.from(chunk));
    }
  } catch {
    return 'corrupt';
  }
  return { size, output: Buffer.concat(chunks) };
}

/** An image's declared pixels and the bytes its samples take, when its dictionary says so directly (or through `context`). */
function imageSize(context: PDFContext | undefined, dict: PDFDict): { pixels: number; bytes: number } | undefined {
  const get = (key: string) => {
    const value = dict.get(PDFName.of(key));
    return context && value instanceof PDFRef ? context.lookup(value) : value;
  };
  if (get('Subtype') !== PDFName.of('Image')) return undefined;
  const width = get('Width');
  const height = get('Height');
  if (!(width instanceof PDFNumber) || !(height instanceof PDFNumber)) return undefined;
  const w = Math.max(0, width.asNumber());
  const h = Math.max(0, height.asNumber());
  const bits = get('BitsPerComponent');
  const bpc = bits instanceof PDFNumber ? Math.min(16, Math.max(1, bits.asNumber())) : 8;
  const space = get('ColorSpace');
  const components = space instanceof PDFName ? (COLOUR_COMPONENTS[space.decodeText()] ?? 4) : 4;
  // One predictor byte a row, as PNG predictors add.
  return { pixels: w * h, bytes: Math.ceil((w * components * bpc) / 8) * h + h };
}

function imageLimit(limits: InspectionLimits): string {
  return `an image larger than ${Math.round(limits.maxImagePixels / 1_000_000)} megapixels`;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** Counts the pages by walking the page tree, which must be a tree: a node met twice is a cycle or a shared subtree. */
function countPages(context: PDFContext, maxPages: number): number | 'damaged' | 'too_many' {
  const resolve = (value: PDFObject | undefined) => (value instanceof PDFRef ? context.lookup(value) : value);
  const catalog = resolve(context.trailerInfo.Root);
  if (!(catalog instanceof PDFDict)) return 'damaged';
  const root = resolve(catalog.get(PDFName.of('Pages')));
  if (!(root instanceof PDFDict)) return 'damaged';
  const declared = resolve(root.get(PDFName.of('Count')));
  if (declared instanceof PDFNumber && declared.asNumber() > maxPages) return 'too_many';

  const seen = new Set<PDFDict>();
  const todo: PDFDict[] = [root];
  let pages = 0;
  for (let node = todo.pop(); node; node = todo.pop()) {
    if (seen.has(node)) return 'damaged';
    seen.add(node);
    const kids = resolve(node.get(PDFName.of('Kids')));
    const type = resolve(node.get(PDFName.of('Type')));
    if (type === PDFName.of('Pages') || (type === undefined && kids !== undefined)) {
      if (!(kids instanceof PDFArray)) return 'damaged';
      for (const kid of kids.asArray()) {
        const child = resolve(kid);
        if (!(child instanceof PDFDict)) return 'damaged';
        todo.push(child);
      }
    } else {
      pages += 1;
      if (pages > maxPages) return 'too_many';
    }
  }
  return pages < 1 ? 'damaged' : pages;
}

function nameOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFName ? value.decodeText() : undefined;
}

function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

/**
 * Walks one object and everything directly inside it (indirect ones are enumerated on their
 * own), however deep: with a list, not recursion, so no nesting hides anything.
 */
function hiddenContent(object: PDFObject): string | 'embedded_file' | undefined {
  const todo: PDFObject[] = [object];
  for (let next = todo.pop(); next; next = todo.pop()) {
    if (next instanceof PDFStream) {
      todo.push(next.dict);
      continue;
    }
    if (next instanceof PDFArray) {
      // One element at a time: spread as arguments, an array of a few hundred thousand elements
      // (a megabyte of file) overflows the stack, and the check fails instead of answering.
      for (const element of next.asArray()) todo.push(element);
      continue;
    }
    if (!(next instanceof PDFDict)) continue;

    const keys = next.keys().map((k) => k.decodeText());
    if (keys.includes('JS') || keys.includes('JavaScript')) return 'JavaScript';
    if (keys.includes('XFA')) return 'an XFA form (it can carry scripts)';
    // A court takes documents, not containers: a file inside the file, wherever it hangs.
    if (keys.includes('EmbeddedFiles') || keys.includes('EF')) return 'embedded_file';
    if (nameOf(next.get(PDFName.of('Type'))) === 'EmbeddedFile') return 'embedded_file';
    const subtype = nameOf(next.get(PDFName.of('Subtype')));
    if (subtype === 'FileAttachment') return 'embedded_file';
    if (subtype === 'RichMedia') return 'rich media (it can carry scripts)';
    const action = nameOf(next.get(PDFName.of('S')));
    if (action && DANGEROUS_ACTIONS[action]) return DANGEROUS_ACTIONS[action];
    if (action === 'URI') {
      const uri = textOf(next.get(PDFName.of('URI')));
      if (uri !== undefined && !SAFE_URI.test(uri.trim())) return 'a link to a local file or program';
    }
    for (const [, value] of next.entries()) todo.push(value);
  }
  return undefined;
}
