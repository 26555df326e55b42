import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFObject,
  PDFObjectParser,
  PDFObjectStreamParser,
  PDFRawStream,
  PDFRef,
  PDFXRefStreamParser,
  ParseSpeeds,
} from 'pdf-lib';
import { DomainError } from '@ejustice/platform/errors/domain-error';
import { SealErrors } from './seal-errors';

/**
 * What the seal needs of a PDF: its newest trailer, its first page, and a way to read the few
 * objects it changes. `context` is where the seal's new objects are made.
 */
export interface PdfStructure {
  readonly context: PDFContext;
  readonly root: PDFRef;
  readonly info?: PDFObject;
  readonly id?: PDFObject;
  /** The newest trailer's /Size: new objects are numbered from here. */
  readonly size: number;
  /** Offset of the newest cross-reference section, and whether it is a stream. */
  readonly previousXref: number;
  readonly previousXrefIsStream: boolean;
  readonly firstPage: PDFRef;
  /** How it was read: through the cross-references (a few objects), or the whole file by pdf-lib. */
  readonly readVia: 'cross-references' | 'whole-file';
  /** The object `value` names, following a reference; the value itself otherwise. */
  resolve(value: PDFObject | undefined): PDFObject | undefined;
}

type XrefEntry = { readonly offset: number; readonly generation: number } | { readonly stream: number } | { readonly free: true };

/**
 * Reads only what the seal needs, through the cross-reference sections: the trailer, the
 * catalog, the page tree down to page 1, and the form. A 200-page copy costs a handful of object
 * parses instead of pdf-lib parsing all of it. A file whose cross-references do not hold up is read
 * in full by pdf-lib instead, which rebuilds them.
 */
export async function readPdfStructure(pdfBytes: Uint8Array): Promise<PdfStructure> {
  const bytes = Buffer.from(pdfBytes.buffer, pdfBytes.byteOffset, pdfBytes.byteLength);
  if (!bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1')) throw SealErrors.unreadablePdf('it does not start as a PDF');
  try {
    return await readThroughCrossReferences(bytes);
  } catch (error) {
    if (error instanceof DomainError) throw error;
    return readWhole(bytes);
  }
}

async function readThroughCrossReferences(bytes: Buffer): Promise<PdfStructure> {
  const context = PDFContext.create();
  const previousXref = lastStartXref(bytes);
  const entries = new Map<number, XrefEntry>();
  let trailer: PDFDict | undefined;
  const seen = new Set<number>();
  const sections = [previousXref];
  while (sections.length > 0) {
    const at = sections.shift()!;
    if (seen.has(at) || seen.size > 64) continue;
    seen.add(at);
    const dict = isXrefTable(bytes, at) ? readXrefTable(bytes, at, entries, context) : readXrefStream(bytes, at, entries, context);
    trailer ??= dict;
    const stm = dict.get(PDFName.of('XRefStm'));
    if (stm instanceof PDFNumber) sections.push(stm.asNumber());
    const prev = dict.get(PDFName.of('Prev'));
    if (prev instanceof PDFNumber) sections.push(prev.asNumber());
  }
  if (!trailer) throw new Error('no trailer');
  if (trailer.get(PDFName.of('Encrypt'))) throw SealErrors.unreadablePdf('it is encrypted; seal the unencrypted copy');
  const root = trailer.get(PDFName.of('Root'));
  const size = trailer.get(PDFName.of('Size'));
  if (!(root instanceof PDFRef) || !(size instanceof PDFNumber)) throw new Error('trailer without /Root or /Size');

  const loaded = new Map<number, PDFObject>();
  const objectStreams = new Map<number, PDFContext>();
  const load = async (ref: PDFRef): Promise<PDFObject> => {
    const cached = loaded.get(ref.objectNumber);
    if (cached) return cached;
    const entry = entries.get(ref.objectNumber);
    if (!entry || 'free' in entry) throw new Error(`object ${ref.objectNumber} is not in the cross-references`);
    let object: PDFObject | undefined;
    if ('stream' in entry) {
      let streamContext = objectStreams.get(entry.stream);
      if (!streamContext) {
        streamContext = PDFContext.create();
        const raw = await load(PDFRef.of(entry.stream));
        if (!(raw instanceof PDFRawStream)) throw new Error('object stream is not a stream');
        // Parsed into a context of its own: its older objects must not replace newer ones.
        await PDFObjectStreamParser.forStream(PDFRawStream.of(raw.dict.clone(streamContext), raw.contents)).parseIntoContext();
        objectStreams.set(entry.stream, streamContext);
      }
      object = streamContext.lookup(PDFRef.of(ref.objectNumber));
    } else {
      object = parseIndirectObject(bytes, entry.offset, ref.objectNumber, context);
    }
    if (!object) throw new Error(`object ${ref.objectNumber} could not be read`);
    loaded.set(ref.objectNumber, object);
    return object;
  };

  // Load eagerly what the seal may touch, so that resolve() can stay synchronous.
  const resolveLoaded = (value: PDFObject | undefined) => (value instanceof PDFRef ? loaded.get(value.objectNumber) : value);
  const loadValue = async (value: PDFObject | undefined) => (value instanceof PDFRef ? load(value) : value);
  const catalog = await load(root);
  if (!(catalog instanceof PDFDict)) throw new Error('catalog is not a dictionary');
  const firstPage = await findFirstPage(catalog.get(PDFName.of('Pages')), load);
  const page = await load(firstPage);
  if (page instanceof PDFDict) await loadValue(page.get(PDFName.of('Annots')));
  const acroForm = await loadValue(catalog.get(PDFName.of('AcroForm')));
  if (acroForm instanceof PDFDict) {
    const fields = await loadValue(acroForm.get(PDFName.of('Fields')));
    if (fields instanceof PDFArray) {
      for (const field of fields.asArray()) {
        const dict = await loadValue(field);
        if (dict instanceof PDFDict) await loadValue(dict.get(PDFName.of('T')));
      }
    }
  }
  return {
    context,
    root,
    info: trailer.get(PDFName.of('Info')),
    id: trailer.get(PDFName.of('ID')),
    size: size.asNumber(),
    previousXref,
    previousXrefIsStream: !isXrefTable(bytes, previousXref),
    firstPage,
    readVia: 'cross-references',
    resolve: resolveLoaded,
  };
}

async function findFirstPage(pagesRef: PDFObject | undefined, load: (ref: PDFRef) => Promise<PDFObject>): Promise<PDFRef> {
  let nodeRef = pagesRef;
  for (let depth = 0; depth < 32 && nodeRef instanceof PDFRef; depth++) {
    const node = await load(nodeRef);
    if (!(node instanceof PDFDict)) break;
    const type = node.get(PDFName.of('Type'));
    if (type === PDFName.of('Page')) return nodeRef;
    const kids = node.get(PDFName.of('Kids'));
    const list = kids instanceof PDFRef ? await load(kids) : kids;
    if (!(list instanceof PDFArray)) break;
    let next: PDFObject | undefined;
    for (const kid of list.asArray()) {
      const kidNode = kid instanceof PDFRef ? await load(kid) : undefined;
      const count = kidNode instanceof PDFDict ? kidNode.get(PDFName.of('Count')) : undefined;
      if (kidNode instanceof PDFDict && (!(count instanceof PDFNumber) || count.asNumber() > 0)) {
        next = kid;
        break;
      }
    }
    nodeRef = next;
  }
  // Not the final word: the whole-file reading decides whether there really is no page.
  throw new Error('no page found through the page tree');
}

/** The whole file read by pdf-lib, for files whose cross-references cannot be followed as they are. */
async function readWhole(bytes: Buffer): Promise<PdfStructure> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (error) {
    throw SealErrors.unreadablePdf(error instanceof Error ? error.message : String(error));
  }
  if (pdf.getPageCount() === 0) throw SealErrors.unreadablePdf('it has no pages');
  const { Root, Info, ID } = pdf.context.trailerInfo;
  if (!(Root instanceof PDFRef)) throw SealErrors.unreadablePdf('its trailer names no catalog');
  const previousXref = lastStartXref(bytes);
  return {
    context: pdf.context,
    root: Root,
    info: Info,
    id: ID,
    size: pdf.context.largestObjectNumber + 1,
    previousXref,
    previousXrefIsStream: !isXrefTable(bytes, previousXref),
    firstPage: pdf.getPage(0).ref,
    readVia: 'whole-file',
    resolve: (value) => (value instanceof PDFRef ? pdf.context.lookup(value) : value),
  };
}

function isXrefTable(bytes: Buffer, at: number): boolean {
  return bytes.toString('latin1', at, at + 4) === 'xref';
}

/** A classic table (ISO 32000-1 §7.5.4): subsections of 20-byte entries, then `trailer` and its dictionary. */
function readXrefTable(bytes: Buffer, at: number, entries: Map<number, XrefEntry>, context: PDFContext): PDFDict {
  const text = bytes.toString('latin1', at + 4, Math.min(bytes.length, at + 4 + 64 + 20 * 1_000_000));
  const header = /\s*(\d+)\s+(\d+)[ \t]*\r?\n?/y;
  const entry = /\s*(\d{10}) (\d{5}) ([nf])/y;
  let pos = 0;
  for (;;) {
    header.lastIndex = pos;
    const sub = header.exec(text);
    if (!sub) break;
    pos = header.lastIndex;
    const first = Number(sub[1]);
    for (let i = 0; i < Number(sub[2]); i++) {
      entry.lastIndex = pos;
      const e = entry.exec(text);
      if (!e) throw new Error('malformed cross-reference entry');
      pos = entry.lastIndex;
      if (!entries.has(first + i)) {
        entries.set(first + i, e[3] === 'n' ? { offset: Number(e[1]), generation: Number(e[2]) } : { free: true });
      }
    }
  }
  const trailerAt = text.indexOf('trailer', pos);
  if (trailerAt < 0) throw new Error('no trailer after the cross-reference table');
  const dict = PDFObjectParser.forBytes(bytes.subarray(at + 4 + trailerAt + 'trailer'.length), context).parseObject();
  if (!(dict instanceof PDFDict)) throw new Error('trailer is not a dictionary');
  return dict;
}

/** A cross-reference stream (§7.5.8); its dictionary is the trailer. */
function readXrefStream(bytes: Buffer, at: number, entries: Map<number, XrefEntry>, context: PDFContext): PDFDict {
  const stream = parseIndirectObject(bytes, at, undefined, context);
  if (!(stream instanceof PDFRawStream) || stream.dict.get(PDFName.of('Type')) !== PDFName.of('XRef')) {
    throw new Error('no cross-reference stream at startxref');
  }
  for (const e of PDFXRefStreamParser.forStream(stream).parseIntoContext()) {
    if (entries.has(e.ref.objectNumber)) continue;
    if (e.deleted) entries.set(e.ref.objectNumber, { free: true });
    else if (e.inObjectStream) entries.set(e.ref.objectNumber, { stream: e.offset });
    else entries.set(e.ref.objectNumber, { offset: e.offset, generation: e.ref.generationNumber });
  }
  return stream.dict;
}

/** Parses `N G obj ... endobj` at `offset`, checking that it is object `objectNumber`. */
function parseIndirectObject(bytes: Buffer, offset: number, objectNumber: number | undefined, context: PDFContext): PDFObject {
  const head = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(bytes.toString('latin1', offset, offset + 40));
  if (!head || (objectNumber !== undefined && Number(head[1]) !== objectNumber)) {
    throw new Error(`no object ${objectNumber ?? ''} at offset ${offset}`);
  }
  return PDFObjectParser.forBytes(bytes.subarray(offset + head[0].length), context).parseObject();
}

/** The offset after the file's last `startxref`: where the newest cross-reference section starts. */
export function lastStartXref(bytes: Buffer): number {
  const tail = bytes.subarray(-2048).toString('latin1');
  const match = [...tail.matchAll(/startxref\s+(\d+)/g)].at(-1);
  if (!match) throw SealErrors.unreadablePdf('it has no startxref');
  return Number(match[1]);
}
