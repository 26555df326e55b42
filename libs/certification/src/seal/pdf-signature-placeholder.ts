import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObject, PDFRef, PDFString } from 'pdf-lib';
import { readPdfStructure, type PdfStructure } from './pdf-structure';
import { SealErrors } from './seal-errors';

/** What the signature dictionary says besides the signature itself. */
export interface SignatureDictionaryFields {
  readonly signerName: string;
  readonly signingTime: Date;
  readonly reason?: string;
  readonly location?: string;
}

/** Where the signature goes in the prepared PDF, and the byte ranges it covers. */
export interface SignatureSlot {
  /** Offset of the '<' that opens the /Contents hex string. */
  readonly contentsStart: number;
  /** Offset just past the '>' that closes it. */
  readonly contentsEnd: number;
  /** [0, contentsStart, contentsEnd, length - contentsEnd], as written into /ByteRange. */
  readonly byteRange: readonly [number, number, number, number];
}

/** Ten digits hold any offset of a file below 10 GB; padding keeps every offset fixed. */
const BYTE_RANGE_WIDTH = 10;

/**
 * Appends to the PDF, as an incremental update, an invisible signature field on page 1 and its
 * /Sig dictionary (Adobe.PPKLite, ETSI.CAdES.detached) with the final /ByteRange and a /Contents
 * of `reservedBytes` zero bytes to be filled by `fillContents`. The original bytes stay exactly
 * as they were, in front: the pages of a certified copy are those that were rendered, and only
 * the few objects that change (the page's annotations, the form, the new field) are written again.
 */
export async function prepareSignature(
  pdfBytes: Uint8Array,
  fields: SignatureDictionaryFields,
  reservedBytes: number,
): Promise<{ pdf: Buffer; slot: SignatureSlot }> {
  const pdf = await readPdfStructure(pdfBytes);
  const context = pdf.context;
  // New objects take numbers from the previous trailer's /Size on (pdf-lib, for one, does not
  // count a cross-reference stream object, and reusing its number would hide that section).
  context.largestObjectNumber = Math.max(context.largestObjectNumber, pdf.size - 1);
  const changed = new Set<PDFRef>();

  const signatureRef = context.nextRef();
  const acroForm = acroFormOf(pdf, changed);
  // Print (4) + Locked (128): the invisible widget shows nowhere and cannot be edited.
  const widgetRef = context.register(
    context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      Rect: [0, 0, 0, 0],
      V: signatureRef,
      T: PDFHexString.fromText(uniqueFieldName(pdf, acroForm.dict)),
      F: 132,
      P: pdf.firstPage,
    }),
  );
  const written = new Map<PDFRef, PDFObject>([[widgetRef, context.lookup(widgetRef)!]]);
  const page = pdf.resolve(pdf.firstPage);
  if (!(page instanceof PDFDict)) throw SealErrors.unreadablePdf('its first page is not a dictionary');
  appendTo(pdf, page, 'Annots', widgetRef, pdf.firstPage, written);
  appendTo(pdf, acroForm.dict, 'Fields', widgetRef, acroForm.ref, written);
  // SignaturesExist (1) + AppendOnly (2): later changes must come as incremental updates.
  acroForm.dict.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  written.set(acroForm.ref, acroForm.dict);
  for (const ref of changed) written.set(ref, pdf.resolve(ref)!);

  const original = Buffer.from(pdfBytes.buffer, pdfBytes.byteOffset, pdfBytes.byteLength);
  const chunks: Buffer[] = [original, Buffer.from('\n', 'latin1')];
  let offset = original.length + 1;
  const offsets: { ref: PDFRef; offset: number }[] = [];
  for (const [ref, object] of [...written].sort(([a], [b]) => a.objectNumber - b.objectNumber)) {
    const bytes = indirectObject(ref, object);
    offsets.push({ ref, offset });
    chunks.push(bytes);
    offset += bytes.length;
  }

  const signatureHead = Buffer.from(
    `${signatureRef.objectNumber} 0 obj\n<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n/ByteRange [`,
    'latin1',
  );
  const byteRangeText = Buffer.alloc(BYTE_RANGE_WIDTH * 4 + 3, ' ');
  const contents = Buffer.from(`]\n/Contents <${'00'.repeat(reservedBytes)}>`, 'latin1');
  const signatureTail = Buffer.from(
    `\n/Name ${PDFHexString.fromText(fields.signerName).toString()}` +
      `\n/M ${PDFString.fromDate(fields.signingTime).toString()}` +
      (fields.reason ? `\n/Reason ${PDFHexString.fromText(fields.reason).toString()}` : '') +
      (fields.location ? `\n/Location ${PDFHexString.fromText(fields.location).toString()}` : '') +
      '\n>>\nendobj\n',
    'latin1',
  );
  offsets.push({ ref: signatureRef, offset });
  const byteRangeAt = offset + signatureHead.length;
  const contentsStart = byteRangeAt + byteRangeText.length + contents.indexOf('<');
  const contentsEnd = byteRangeAt + byteRangeText.length + contents.length;
  chunks.push(signatureHead, byteRangeText, contents, signatureTail);
  offset += signatureHead.length + byteRangeText.length + contents.length + signatureTail.length;

  // A reader that meets a cross-reference table chained to a cross-reference stream (a
  // "hybrid" it does not expect) may lose the objects kept in object streams; poppler does.
  // So the update's section is of the same kind as the one before it.
  chunks.push(
    pdf.previousXrefIsStream ? crossReferenceStream(offsets, pdf, offset) : Buffer.from(xrefAndTrailer(offsets, pdf, offset), 'latin1'),
  );
  const prepared = Buffer.concat(chunks);

  const byteRange = [0, contentsStart, contentsEnd, prepared.length - contentsEnd] as const;
  // Left-aligned, padded with spaces before the ']', so no offset moves.
  prepared.write(byteRange.join(' ').padEnd(byteRangeText.length, ' '), byteRangeAt, 'latin1');
  return { pdf: prepared, slot: { contentsStart, contentsEnd, byteRange } };
}

/** Writes the DER signature into /Contents as upper-case hex, the rest of the slot left as zeros. */
export function fillContents(pdf: Buffer, slot: SignatureSlot, signature: Uint8Array): void {
  const reservedBytes = (slot.contentsEnd - slot.contentsStart - 2) / 2;
  if (signature.length > reservedBytes) throw SealErrors.placeholderTooSmall(signature.length, reservedBytes);
  pdf.write(Buffer.from(signature).toString('hex').toUpperCase(), slot.contentsStart + 1, 'latin1');
}

/** The AcroForm dictionary and the object it must be written back as (itself, or the catalog). */
function acroFormOf(pdf: PdfStructure, changed: Set<PDFRef>): { dict: PDFDict; ref: PDFRef } {
  const catalog = pdf.resolve(pdf.root);
  if (!(catalog instanceof PDFDict)) throw SealErrors.unreadablePdf('its catalog is not a dictionary');
  const existing = catalog.get(PDFName.of('AcroForm'));
  const resolved = pdf.resolve(existing);
  if (existing instanceof PDFRef && resolved instanceof PDFDict) return { dict: resolved, ref: existing };
  if (existing instanceof PDFDict) {
    changed.add(pdf.root);
    return { dict: existing, ref: pdf.root };
  }
  const dict = pdf.context.obj({ Fields: [] });
  const ref = pdf.context.register(dict);
  catalog.set(PDFName.of('AcroForm'), ref);
  changed.add(pdf.root);
  return { dict, ref };
}

/** Appends `item` to the array `key` of `owner`, noting which object (owner or array) changed. */
function appendTo(pdf: PdfStructure, owner: PDFDict, key: string, item: PDFRef, ownerRef: PDFRef, written: Map<PDFRef, PDFObject>): void {
  const name = PDFName.of(key);
  const value = owner.get(name);
  const array = pdf.resolve(value);
  if (value instanceof PDFRef && array instanceof PDFArray) {
    array.push(item);
    written.set(value, array);
    return;
  }
  if (array instanceof PDFArray) array.push(item);
  else owner.set(name, pdf.context.obj([item]));
  written.set(ownerRef, owner);
}

function uniqueFieldName(pdf: PdfStructure, acroForm: PDFDict): string {
  const fields = pdf.resolve(acroForm.get(PDFName.of('Fields')));
  const names = new Set<string>();
  for (const field of fields instanceof PDFArray ? fields.asArray() : []) {
    const dict = pdf.resolve(field);
    const title = dict instanceof PDFDict ? pdf.resolve(dict.get(PDFName.of('T'))) : undefined;
    if (title instanceof PDFString || title instanceof PDFHexString) names.add(title.decodeText());
  }
  let name = 'CourtSeal';
  for (let n = 2; names.has(name); n++) name = `CourtSeal${n}`;
  return name;
}

function indirectObject(ref: PDFRef, object: PDFObject): Buffer {
  const body = Buffer.alloc(object.sizeInBytes());
  object.copyBytesInto(body, 0);
  return Buffer.concat([
    Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'),
    body,
    Buffer.from('\nendobj\n', 'latin1'),
  ]);
}

/**
 * A classic cross-reference section for the appended objects and a trailer that chains to the
 * previous one with /Prev (ISO 32000-1 §7.5.6). Readers follow /Prev whether the previous section
 * is a table or a cross-reference stream.
 */
function xrefAndTrailer(entries: { ref: PDFRef; offset: number }[], pdf: PdfStructure, xrefOffset: number): string {
  const sections = [...entries]
    .sort((a, b) => a.ref.objectNumber - b.ref.objectNumber)
    .map(
      ({ ref, offset }) =>
        `${ref.objectNumber} 1\n${String(offset).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n\r\n`,
    )
    .join('');
  return `xref\n${sections}trailer\n<< ${trailerEntries(pdf)} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
}

/**
 * The same section as a cross-reference stream (ISO 32000-1 §7.5.8), uncompressed: for each
 * object a type 1 entry of 1 + 4 + 2 bytes (type, offset, generation), the stream listing itself.
 */
function crossReferenceStream(entries: { ref: PDFRef; offset: number }[], pdf: PdfStructure, streamOffset: number): Buffer {
  const self = pdf.context.nextRef();
  const all = [...entries, { ref: self, offset: streamOffset }].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);
  const data = Buffer.alloc(all.length * 7);
  all.forEach(({ ref, offset }, i) => {
    data.writeUInt8(1, i * 7);
    data.writeUInt32BE(offset, i * 7 + 1);
    data.writeUInt16BE(ref.generationNumber, i * 7 + 5);
  });
  const index = all.map(({ ref }) => `${ref.objectNumber} 1`).join(' ');
  const dict = `<< /Type /XRef ${trailerEntries(pdf)} /W [1 4 2] /Index [${index}] /Length ${data.length} >>`;
  return Buffer.concat([
    Buffer.from(`${self.objectNumber} 0 obj\n${dict}\nstream\n`, 'latin1'),
    data,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${streamOffset}\n%%EOF\n`, 'latin1'),
  ]);
}

/** The trailer's entries, carried over from the previous trailer, with /Prev chaining back to it. */
function trailerEntries(pdf: PdfStructure): string {
  return [
    `/Size ${pdf.context.largestObjectNumber + 1}`,
    `/Root ${pdf.root.toString()}`,
    pdf.info ? `/Info ${pdf.info.toString()}` : '',
    pdf.id ? `/ID ${pdf.id.toString()}` : '',
    `/Prev ${pdf.previousXref}`,
  ]
    .filter(Boolean)
    .join(' ');
}
