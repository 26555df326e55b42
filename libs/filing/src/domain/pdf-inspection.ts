// This module also runs on its own in a worker thread (see submission/pdf-inspector.ts), loaded
// straight from its TypeScript source when the code runs from source (tests): it imports nothing
// but packages, and uses only syntax that type stripping can erase (`import type`, no enums).
import { constants, createInflate, inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
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
  /** Most bytes one stream may expand to; an image may expand to what its declared size needs. */
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
 * Decides whether bytes are a PDF the court can accept, by parsing them rather than trusting a
 * name or a content type, and without ever doing unbounded work on the filer's say-so:
 * - a PDF header at the very start, and an end-of-file marker with a cross-reference offset that
 *   points inside the file (a truncated upload loses them);
 * - every stream expands to a bounded size, all of them together too, before pdf-lib (which
 *   inflates object streams in full while it parses) sees the file; a bounded number of objects;
 * - not encrypted (the court must be able to read, render and certify it);
 * - stream lengths that tell the truth (else readers disagree on what the document says);
 * - a page tree that is a tree, with at least one and a bounded number of pages, and images of a
 *   bounded size;
 * - no active content and no embedded files anywhere in the file (every object is walked,
 *   referenced or not, including those in object streams, and names are compared decoded, so
 *   `/J#61vaScript` is caught); and every definition of it: an object number defined twice (an
 *   incremental update, or a file built to show one reader what another does not see) has each
 *   of its definitions walked, whichever one the cross-reference points at and pdf-lib keeps.
 * Time is the one thing this function does not bound: run it where it can be stopped.
 */
export async function inspectPdf(input: Uint8Array, limits: InspectionLimits = INSPECTION_LIMITS): Promise<PdfVerdict> {
  // A Buffer, not a plain Uint8Array: the parser slices stream data out of what it is given, and
  // a Buffer's slices are views into it, so a stream's data tells where in the file it lies.
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const header = HEADER.exec(Buffer.from(bytes.subarray(0, 16)).toString('latin1'));
  if (!header) return refuse('not_pdf');
  if (!hasIntactTail(bytes)) return refuse('damaged');

  const streams = await checkStreams(bytes, limits);
  if ('verdict' in streams) return streams.verdict;

  let doc: PDFDocument;
  try {
    // Loaded even if encrypted, then asked: pdf-lib's own EncryptedPDFError does not survive
    // its ES5 build as a class that `instanceof` can recognise.
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, throwOnInvalidObject: true, updateMetadata: false });
  } catch {
    return refuse('damaged');
  }
  if (doc.isEncrypted) return refuse('encrypted');

  const objects = doc.context.enumerateIndirectObjects();
  if (objects.length > limits.maxObjects) return tooComplex(`more than ${limits.maxObjects.toLocaleString('en')} objects`);
  for (const [, object] of objects) {
    if (!(object instanceof PDFRawStream)) continue;
    // A stream parsed from an object stream: the format forbids it, and no check above saw it.
    if (object.contents.buffer !== bytes.buffer) return refuse('damaged');
    const at = object.contents.byteOffset - bytes.byteOffset;
    if (!streams.checked.has(at) || streams.corrupt.has(at)) return refuse('damaged');
    const length = object.dict.lookup(PDFName.of('Length'));
    if (length instanceof PDFNumber && Math.abs(length.asNumber() - object.contents.length) > 2) return refuse('damaged');
    const size = imageSize(doc.context, object.dict);
    if (size && size.pixels > limits.maxImagePixels) return tooComplex(imageLimit(limits));
  }

  const pages = countPages(doc.context, limits.maxPages);
  if (pages === 'damaged') return refuse('damaged');
  if (pages === 'too_many') return tooComplex(`more than ${limits.maxPages.toLocaleString('en')} pages`);

  // pdf-lib keeps one definition per object number (the last it parsed), and ignores the
  // cross-reference a reader follows: the definitions it dropped are walked as the scan found them.
  for (const object of [...objects.map(([, o]) => o), ...streams.definitions]) {
    const found = hiddenContent(object);
    if (found === 'embedded_file') return refuse('embedded_file');
    if (found) return { ok: false, problem: 'active_content', feature: found };
  }
  return { ok: true, pageCount: pages, version: header[1] };
}

/** A complete PDF ends with `startxref <offset> %%EOF`, and the offset points at a cross-reference section. */
function hasIntactTail(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!/%%EOF\s*$/.test(tail)) return false;
  const matches = [...tail.matchAll(/startxref\s+(\d+)\s+%%EOF/g)];
  if (matches.length === 0) return false;
  const offset = Number(matches[matches.length - 1][1]);
  if (!Number.isSafeInteger(offset) || offset <= 0 || offset >= bytes.length) return false;
  const at = Buffer.from(bytes.subarray(offset, offset + 32)).toString('latin1');
  return /^\s*(xref|\d+\s+\d+\s+obj)/.test(at);
}

interface CheckedStreams {
  /** Where the data of every stream found starts, as an offset into the file. */
  readonly checked: ReadonlySet<number>;
  /** Streams whose data does not decode: refused if the parser keeps them. */
  readonly corrupt: ReadonlySet<number>;
  /** Every object definition in the file (`N G obj`, and each member of an object stream), as parsed on its own. */
  readonly definitions: readonly PDFObject[];
}

const OBJ = Buffer.from('obj', 'latin1');
const TRAILER = Buffer.from('trailer', 'latin1');

/**
 * Finds every stream the parser could read, before it reads any, and expands each within bounds.
 * pdf-lib parses a file from front to back and reads an object after each `obj` keyword (object
 * streams and cross-reference streams it decodes on the spot), so an object is parsed here after
 * every `obj` in the file: a superset of what pdf-lib will see, with the same stream data (it
 * reads /Length only when it is a direct number, so no other object changes where a stream ends).
 */
async function checkStreams(file: Buffer, limits: InspectionLimits): Promise<{ verdict: PdfVerdict } | CheckedStreams> {
  const scratch = PDFContext.create();
  const parseAt = (offset: number): PDFObject | undefined => {
    try {
      return PDFObjectParser.forBytes(file.subarray(offset), scratch).parseObject();
    } catch {
      return undefined;
    }
  };

  const found: { at: number; stream: PDFRawStream }[] = [];
  const definitions: PDFObject[] = [];
  let objects = 0;
  let entries = 0;
  let encrypted = false;
  for (let i = file.indexOf(OBJ); i !== -1; i = file.indexOf(OBJ, i + 3)) {
    if (i >= 3 && file.toString('latin1', i - 3, i) === 'end') continue;
    objects += 1;
    if (objects > limits.maxObjects) return { verdict: tooComplex(`more than ${limits.maxObjects.toLocaleString('en')} objects`) };
    const object = parseAt(i + 3);
    if (object !== undefined && followsObjectNumber(file, i)) definitions.push(object);
    if (!(object instanceof PDFRawStream)) continue;
    const dict = object.dict;
    const type = dict.get(PDFName.of('Type'));
    if (type instanceof PDFRef) return { verdict: refuse('damaged') };
    // An object or cross-reference stream makes pdf-lib create objects by the number it declares.
    if (type === PDFName.of('ObjStm')) {
      const n = dict.get(PDFName.of('N'));
      if (!(n instanceof PDFNumber)) return { verdict: refuse('damaged') };
      objects += Math.max(0, n.asNumber());
    }
    if (type === PDFName.of('XRef')) {
      const declared = xrefEntries(dict);
      if (declared === undefined || !hasSaneFieldWidths(dict)) return { verdict: refuse('damaged') };
      entries += declared;
      if (dict.get(PDFName.of('Encrypt'))) encrypted = true;
    }
    if (objects > limits.maxObjects || entries > limits.maxObjects) {
      return { verdict: tooComplex(`more than ${limits.maxObjects.toLocaleString('en')} objects`) };
    }
    found.push({ at: object.contents.byteOffset - file.byteOffset, stream: object });
  }
  for (let i = file.indexOf(TRAILER); i !== -1 && !encrypted; i = file.indexOf(TRAILER, i + 7)) {
    const trailer = parseAt(i + 7);
    if (trailer instanceof PDFDict && trailer.get(PDFName.of('Encrypt'))) encrypted = true;
  }
  // Encrypted data does not decode: say what the file is before judging its streams.
  if (encrypted) return { verdict: refuse('encrypted') };

  const checked = new Set<number>();
  const corrupt = new Set<number>();
  let budget = limits.maxExpandedBytes;
  for (const { at, stream } of found) {
    checked.add(at);
    const image = imageSize(undefined, stream.dict);
    if (image && image.pixels > limits.maxImagePixels) return { verdict: tooComplex(imageLimit(limits)) };
    const filters = filtersOf(stream.dict);
    if (filters === undefined) return { verdict: refuse('damaged') };
    const allowed = Math.max(limits.maxStreamBytes, image?.bytes ?? 0);
    const isObjectStream = stream.dict.get(PDFName.of('Type')) === PDFName.of('ObjStm');
    const expanded = await expandedSize(stream, filters, Math.min(allowed, budget), isObjectStream);
    if (expanded === 'corrupt') {
      // Object and cross-reference streams are decoded while parsing, by a decoder more lenient
      // than zlib: one that zlib cannot read must never reach it.
      const type = stream.dict.get(PDFName.of('Type'));
      if (type === PDFName.of('ObjStm') || type === PDFName.of('XRef')) return { verdict: refuse('damaged') };
      corrupt.add(at);
      continue;
    }
    if (expanded === 'over') {
      return {
        verdict: tooComplex(
          budget < allowed
            ? `its parts expand to more than ${megabytes(limits.maxExpandedBytes)} together`
            : `a part of it expands to more than ${megabytes(allowed)}`,
        ),
      };
    }
    budget -= expanded.size;
    if (isObjectStream && expanded.output) definitions.push(...objectStreamMembers(stream.dict, expanded.output, scratch));
  }
  return { checked, corrupt, definitions };
}

/** Whether the `obj` keyword at `at` closes an object header, `<number> <generation> obj`. */
function followsObjectNumber(file: Buffer, at: number): boolean {
  const before = file.toString('latin1', Math.max(0, at - 32), at);
  return /(^|[^\d])\d+\s+\d+\s*$/.test(before);
}

/**
 * The objects an object stream holds, each parsed on its own: the header's pairs of object
 * number and offset (counted already against the object limit through /N), then each body.
 */
function objectStreamMembers(dict: PDFDict, data: Uint8Array, scratch: PDFContext): PDFObject[] {
  const n = dict.get(PDFName.of('N'));
  const first = dict.get(PDFName.of('First'));
  if (!(n instanceof PDFNumber) || !(first instanceof PDFNumber)) return [];
  const start = Math.max(0, first.asNumber());
  const pairs = Buffer.from(data.buffer, data.byteOffset, Math.min(start, data.length)).toString('latin1').trim().split(/\s+/).map(Number);
  const members: PDFObject[] = [];
  for (let k = 0; k + 1 < pairs.length && k / 2 < n.asNumber(); k += 2) {
    const offset = start + pairs[k + 1];
    if (!Number.isSafeInteger(offset) || offset >= data.length) continue;
    try {
      members.push(PDFObjectParser.forBytes(data.subarray(offset), scratch).parseObject());
    } catch {
      // what pdf-lib cannot parse either, it does not keep
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
 * counts what it inflates without keeping it (the common case: Flate alone or Flate twice), and
 * only an intermediate result a further filter needs is kept, itself within the limit.
 */
async function expandedSize(
  stream: PDFRawStream,
  filters: readonly { name: string; parms: PDFObject | undefined }[],
  limit: number,
  keep: boolean,
): Promise<{ size: number; output?: Uint8Array } | 'over' | 'corrupt'> {
  let data: Uint8Array = stream.contents;
  let i = 0;
  for (; i < filters.length && GENERIC_FILTERS.has(filters[i].name); i++) {
    const last = i === filters.length - 1 || !GENERIC_FILTERS.has(filters[i + 1].name);
    const step =
      filters[i].name === 'FlateDecode'
        ? await inflateWithin(data, limit, keep || !last)
        : decodeWithin(stream.dict.context, data, filters[i], limit);
    if (step === 'over' || step === 'corrupt') return step;
    if (last) return { size: step.size, output: keep ? step.output : undefined };
    data = step.output as Uint8Array;
  }
  // Data behind an image codec is never an object stream's: only undecoded data is kept.
  return { size: data.length, output: keep && i === filters.length ? data : undefined };
}

/** Most streams are small: inflated at once below this, counted as they stream above it. */
const AT_ONCE_BYTES = 1024 * 1024;

type Inflated = { size: number; output?: Buffer } | 'over' | 'corrupt';

async function inflateWithin(input: Uint8Array, limit: number, keep: boolean): Promise<Inflated> {
  try {
    const output = inflateSync(input, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.min(limit, AT_ONCE_BYTES) });
    return { size: output.length, output: keep ? output : undefined };
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' && limit <= AT_ONCE_BYTES) return 'over';
    // Too large to inflate at once, or a wrong checksum (which comes after all the data, and
    // costs inflateSync its output): counted as it streams.
    if (code !== 'ERR_BUFFER_TOO_LARGE' && !/incorrect data check/.test((error as Error).message)) return 'corrupt';
  }
  return inflateCounting(input, limit, keep);
}

function inflateCounting(input: Uint8Array, limit: number, keep: boolean): Promise<Inflated> {
  return new Promise((resolve) => {
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 256 * 1024 });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: Inflated) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return settle('over');
      if (keep) chunks.push(chunk);
    });
    inflate.on('end', () => settle({ size, output: keep ? Buffer.concat(chunks) : undefined }));
    // A wrong checksum comes after all the data: what was inflated stands. Anything else means
    // data zlib cannot read, which a more lenient decoder might read differently.
    inflate.on('error', (error: Error) =>
      settle(/incorrect data check/.test(error.message) ? { size, output: keep ? Buffer.concat(chunks) : undefined } : 'corrupt'),
    );
    inflate.end(input);
  });
}

/** The rarer generic filters, through pdf-lib's own decoders, read a slice at a time up to the limit. */
function decodeWithin(
  context: PDFContext,
  input: Uint8Array,
  filter: { name: string; parms: PDFObject | undefined },
  limit: number,
): { size: number; output: Buffer } | 'over' | 'corrupt' {
  const dict = context.obj({}) as PDFDict;
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
      todo.push(...next.asArray());
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
