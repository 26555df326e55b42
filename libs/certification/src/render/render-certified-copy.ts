import { type TextDirection } from '@ejustice/platform/pdf/bidi-line';
import { type PdfFontFiles, loadPdfFonts } from '@ejustice/platform/pdf/pdf-fonts';
import { type LineOptions, ShapingTextWriter } from '@ejustice/platform/pdf/shaping-text-writer';
import { PDFDocument, type PDFFont, PDFName, type PDFPage, type PDFRef, rgb } from 'pdf-lib';
import {
  type CertificationBlock,
  type CertificationFacts,
  assertCertificationFacts,
  certificationBlocks,
  stampText,
} from './certification-facts';
import { drawQrCode, qrModules } from './qr-code';

export interface RenderCertifiedCopyInput {
  readonly original: Uint8Array;
  readonly facts: CertificationFacts;
  /** For tests; by default the Debian font files (see @ejustice/platform/pdf/pdf-fonts). */
  readonly fonts?: PdfFontFiles;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const STAMP_SIZE = 6.5;
const STAMP_COLOR = rgb(0.1, 0.2, 0.55);

/**
 * Makes the certified copy, unsealed: the original's pages copied as they are (their content
 * streams are not re-rendered, only a stamp is added on top), then a certification page. The
 * seal is applied after this, to the bytes returned, and nothing may re-save them after it.
 */
export async function renderCertifiedCopy(input: RenderCertifiedCopyInput): Promise<Uint8Array> {
  const { facts } = input;
  assertCertificationFacts(facts);
  // pdf-lib yields to the event loop every 100 objects it parses and every 50 it writes, with a
  // setTimeout of 0 (a millisecond or more each): a third of a 200-page copy's time was spent
  // waiting. A copy is made in one go, in a job (about 20 ms of CPU for 10 pages, 50 ms for 200).
  const original = await PDFDocument.load(input.original, { updateMetadata: false, parseSpeed: Number.POSITIVE_INFINITY });
  const doc = await PDFDocument.create();
  const writer = await ShapingTextWriter.embed(doc, input.fonts ?? loadPdfFonts());
  const pages = await doc.copyPages(original, original.getPageIndices());
  for (const page of pages) doc.addPage(page);
  for (const block of certificationBlocks(facts)) drawCertificationPage(doc.addPage(A4), writer, facts, block);
  stampPages(doc, writer, stampText(facts));
  doc.setTitle(`Certified copy: ${facts.documentTitle}`);
  doc.setSubject(
    `Certified copy of docket entry ${facts.docketEntryNumber} in case ${facts.caseNumber}; verification code ${facts.verificationCode}`,
  );
  doc.setAuthor(facts.courtNameEnglish);
  doc.setProducer('ejustice');
  doc.setCreator('ejustice');
  doc.setCreationDate(facts.issuedAt);
  doc.setModificationDate(facts.issuedAt);
  // One cross-reference table, no object streams: the seal appends an incremental update.
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

/**
 * The stamp sits in the bottom margin band, centred, in small type: documents are laid out
 * with a margin, and a line 6.5 points high and 8 points above the edge stays clear of the body.
 * It is placed in the visible box (CropBox), so a cropped page still shows it.
 */
export function drawStamp(page: PDFPage, writer: ShapingTextWriter, text: string): void {
  writer.drawLine(page, text, stampLine(page.getCropBox()));
}

function stampLine(box: { x: number; y: number; width: number }): LineOptions {
  return {
    x: box.x + 18,
    y: box.y + 8,
    width: Math.max(box.width - 2 * 18, 10),
    align: 'center',
    size: STAMP_SIZE,
    direction: 'ltr',
    color: STAMP_COLOR,
  };
}

/**
 * Stamps every page with one content stream per visible box, shared by the pages of that box
 * (usually all of them): a stream per page would be compressed and written 200 times for 200
 * pages, and the stamp's operators are the same on each. The fonts get fixed resource names
 * on every page; a page that already uses such a name for something else is stamped on its own.
 */
function stampPages(doc: PDFDocument, writer: ShapingTextWriter, text: string): void {
  const names = new Map<PDFRef, PDFName>();
  const nameOf = (font: PDFFont): PDFName => {
    let name = names.get(font.ref);
    if (!name) {
      name = PDFName.of(`CertStampF${names.size + 1}`);
      names.set(font.ref, name);
    }
    return name;
  };
  const streams = new Map<string, PDFRef>();
  for (const page of doc.getPages()) {
    const box = page.getCropBox();
    const key = `${box.x} ${box.y} ${box.width} ${box.height}`;
    let stream = streams.get(key);
    if (!stream) {
      const { operators } = writer.lineOperators(text, stampLine(box), nameOf);
      stream = doc.context.register(doc.context.contentStream(operators));
      streams.set(key, stream);
    }
    const fonts = page.node.normalizedEntries().Font;
    if ([...names].some(([ref, name]) => fonts.get(name) !== undefined && fonts.get(name) !== ref)) {
      drawStamp(page, writer, text);
      continue;
    }
    for (const [ref, name] of names) fonts.set(name, ref);
    page.node.addContentStream(stream);
  }
}

/**
 * One certification page per language, the court's first, then English: each page is read in
 * one direction, so an Arabic page is a right-to-left page for readers that guess a page's
 * direction from its letters (pdftotext does, and orders mixed lines by it).
 */
function drawCertificationPage(page: PDFPage, writer: ShapingTextWriter, facts: CertificationFacts, block: CertificationBlock): void {
  const [pageWidth, pageHeight] = A4;
  const width = pageWidth - 2 * MARGIN;
  const direction: TextDirection = block.language === 'ar' ? 'rtl' : 'ltr';
  let y = pageHeight - MARGIN - 16;
  const para = (text: string, size: number, bold = false) => {
    for (const line of writer.wrap(text, width, { size, bold, direction })) {
      writer.drawLine(page, line, { x: MARGIN, y, width, size, bold, direction });
      y -= size * 1.5;
    }
  };
  para(block.heading, 16, true);
  y -= 4;
  para(block.statement, 10.5);
  y -= 6;
  for (const fact of block.facts) {
    if (direction === 'ltr') {
      para(`${fact.label}: ${fact.value}`, 10);
      continue;
    }
    // An Arabic label on its own line, the value under it: a colon between an Arabic label and
    // a Latin value is a neutral that readers guessing the order (pdftotext) attach to the
    // wrong side, and the label in bold needs no colon.
    para(fact.label, 9.5, true);
    para(fact.value, 10);
    y -= 2;
  }
  y -= 4;
  para(block.verify, 9);
  // The QR code under the text, on the side where the lines start.
  const qrBox = 110;
  drawQrCode(page, qrModules(facts.verificationUrl), direction === 'rtl' ? pageWidth - MARGIN - qrBox : MARGIN, y - qrBox, qrBox);
}
