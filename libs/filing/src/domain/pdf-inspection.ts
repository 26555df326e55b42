import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFObject, PDFStream, PDFString } from 'pdf-lib';

export type PdfVerdict =
  | { readonly ok: true; readonly pageCount: number; readonly version: string }
  | { readonly ok: false; readonly problem: 'not_pdf' | 'damaged' | 'encrypted' }
  | { readonly ok: false; readonly problem: 'active_content'; readonly feature: string };

const HEADER = /%PDF-(\d\.\d)/;
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

/**
 * Decides whether bytes are a PDF the court can accept, by parsing them with pdf-lib rather than
 * trusting a name or a content type:
 * - a PDF header, and an end-of-file marker with a cross-reference offset that points inside the
 *   file (a truncated upload loses them);
 * - not encrypted (the court must be able to read, render and certify it);
 * - a page tree with at least one page;
 * - no active content anywhere in the file (every object is parsed, referenced or not, including
 *   those in object streams, and names are compared decoded, so `/J#61vaScript` is caught).
 */
export async function inspectPdf(bytes: Uint8Array): Promise<PdfVerdict> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const header = HEADER.exec(head);
  if (!header) return { ok: false, problem: 'not_pdf' };
  if (!hasIntactTail(bytes)) return { ok: false, problem: 'damaged' };

  let doc: PDFDocument;
  try {
    // Loaded even if encrypted, then asked: pdf-lib's own EncryptedPDFError does not survive
    // its ES5 build as a class that `instanceof` can recognise.
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, throwOnInvalidObject: true, updateMetadata: false });
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  if (doc.isEncrypted) return { ok: false, problem: 'encrypted' };

  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const feature = activeFeature(object, 0);
    if (feature) return { ok: false, problem: 'active_content', feature };
  }
  const trailerFeature = activeFeature(doc.catalog, 0);
  if (trailerFeature) return { ok: false, problem: 'active_content', feature: trailerFeature };

  let pageCount: number;
  try {
    pageCount = doc.getPageCount();
  } catch {
    return { ok: false, problem: 'damaged' };
  }
  if (pageCount < 1) return { ok: false, problem: 'damaged' };
  return { ok: true, pageCount, version: header[1] };
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

function nameOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFName ? value.decodeText() : undefined;
}

function textOf(value: PDFObject | undefined): string | undefined {
  if (value instanceof PDFString || value instanceof PDFHexString) return value.decodeText();
  return undefined;
}

/** Walks one object and its direct children (indirect ones are enumerated on their own). */
function activeFeature(object: PDFObject, depth: number): string | undefined {
  if (depth > 64) return undefined;
  if (object instanceof PDFStream) return activeFeature(object.dict, depth + 1);
  if (object instanceof PDFArray) {
    for (const item of object.asArray()) {
      const found = activeFeature(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (!(object instanceof PDFDict)) return undefined;

  const keys = object.keys().map((k) => k.decodeText());
  if (keys.includes('JS') || keys.includes('JavaScript')) return 'JavaScript';
  if (keys.includes('XFA')) return 'an XFA form (it can carry scripts)';
  if (keys.includes('EmbeddedFiles')) return 'embedded files';
  const subtype = nameOf(object.get(PDFName.of('S')));
  if (subtype && DANGEROUS_ACTIONS[subtype]) return DANGEROUS_ACTIONS[subtype];
  if (subtype === 'URI') {
    const uri = textOf(object.get(PDFName.of('URI')));
    if (uri !== undefined && !SAFE_URI.test(uri.trim())) return 'a link to a local file or program';
  }
  for (const [, value] of object.entries()) {
    const found = activeFeature(value, depth + 1);
    if (found) return found;
  }
  return undefined;
}
