import { type TextDirection, firstStrongDirection, isolate } from '@ejustice/platform/pdf/bidi-line';
import { ShapingTextWriter } from '@ejustice/platform/pdf/shaping-text-writer';
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';
import type { FilingReceiptView } from '../services/filing-views';
import type { CourtLanguage } from '@ejustice/vocabulary/court-language';

export interface ReceiptContext {
  readonly courtName: string;
  readonly courtCode: string;
  readonly filerName: string;
  /**
   * The court's language. An Arabic court's notice states its key lines in Arabic as well as in
   * English. Without it, a court whose name is written in Arabic is taken to be an Arabic court.
   */
  readonly courtLanguage?: CourtLanguage;
}

/*
 * The notice is written with the shaping text writer (@ejustice/platform/pdf): Arabic is shaped,
 * joined and ordered right to left, and extracts back as written. Names and titles in Latin,
 * Greek, Cyrillic or Arabic script print as given; text in a script the fonts do not cover is
 * replaced by a pointer to the receipt data. The SHA-256 of each document is what identifies it
 * legally.
 */
const UNPRINTABLE = '[text in a script this notice cannot print; see the receipt data]';

function courtLanguageOf(ctx: ReceiptContext): CourtLanguage {
  return ctx.courtLanguage ?? (firstStrongDirection(ctx.courtName) === 'rtl' ? 'ar' : 'en');
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1024 * 1024)).toFixed(2)} MB`;
}

function formatMoney(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}

/**
 * Renders the "notice of electronic filing" for a receipt, from the filing's rows, which never
 * change after receipt: the notice downloaded later states what the filer was told at once. Its
 * dates are the official time of receipt, and the document hashes are also in its metadata
 * (Keywords), so a program can check a notice without reading its pages.
 */
export async function renderReceiptPdf(receipt: FilingReceiptView, ctx: ReceiptContext): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const received = new Date(receipt.receivedAt);
  const writer = await ShapingTextWriter.embed(doc);
  const printable = (text: string) => (writer.canPrint(text) ? text : UNPRINTABLE);
  doc.setTitle(`Notice of electronic filing ${receipt.filingId}`);
  doc.setAuthor(printable(ctx.courtName));
  doc.setProducer('ejustice');
  doc.setCreator('ejustice');
  doc.setCreationDate(received);
  doc.setModificationDate(received);
  doc.setSubject(`Filing ${receipt.filingId} received ${receipt.receivedAt}`);
  doc.setKeywords(receipt.documents.map((d) => `sha256:${d.sha256}`));
  const mono = await doc.embedFont(StandardFonts.Courier);

  let page = doc.addPage([595.28, 841.89]);
  let y = 790;
  const left = 50;
  const nextLine = (size: number) => {
    if (y < 60) {
      page = doc.addPage([595.28, 841.89]);
      y = 790;
    }
    const at = y;
    y -= size + 4;
    return at;
  };
  const line = (text: string, style: { bold?: boolean; size?: number; indent?: number; direction?: TextDirection } = {}) => {
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    const width = 495 - indent;
    const options = { size, bold: style.bold, direction: style.direction ?? 'ltr' };
    for (const l of writer.wrap(printable(text), width, options)) {
      writer.drawLine(page, l, { ...options, x: left + indent, y: nextLine(size), width });
    }
  };
  // Identifiers and hashes in a fixed-width face, cut where they must be.
  const code = (text: string, size: number, indent = 0) =>
    drawWrapped(page, text, mono, size, left + indent, 495 - indent, () => nextLine(size));

  line('NOTICE OF ELECTRONIC FILING', { bold: true, size: 16 });
  y -= 4;
  if (firstStrongDirection(ctx.courtName) === 'rtl') {
    line(printable(ctx.courtName), { size: 11, direction: 'rtl' });
    line(`Court code: ${ctx.courtCode}`, { size: 9 });
  } else {
    line(`${printable(ctx.courtName)} (${ctx.courtCode})`, { size: 11 });
  }
  y -= 8;
  code(`Filing id: ${receipt.filingId}`, 9);
  line(`Received (official time, UTC): ${receipt.receivedAt}`);
  line(`Received (court time, ${receipt.receivedAtCourt.timeZone}): ${receipt.receivedAtCourt.localTime}`);
  line(`Filing type: ${receipt.filingType}${receipt.opensCase ? ' (opens a new case)' : ''}`);
  line(`Title: ${isolate(printable(receipt.title))}`);
  line(`Case: ${receipt.caseNumber ?? (receipt.opensCase ? 'a number is given when the court accepts the filing' : 'see the filing')}`);
  line(`Filed by: ${isolate(printable(ctx.filerName))}`);
  const fee = receipt.fee;
  line(
    `Fee: ${formatMoney(fee.amount, fee.currency)}${fee.waived ? ' - waived (victim)' : ''}; due: ${formatMoney(fee.due, fee.currency)}`,
  );
  y -= 8;
  line(`Documents (${receipt.documents.length})`, { bold: true, size: 12 });
  for (const d of receipt.documents) {
    y -= 2;
    line(`${d.position + 1}. ${d.role === 'lead' ? 'Lead document' : 'Attachment'}: ${isolate(printable(d.title))}`, { bold: true });
    line(`File: ${isolate(printable(d.fileName))}`, { size: 9, indent: 14 });
    line(`Pages: ${d.pageCount}; size: ${formatBytes(d.sizeBytes)} (${d.sizeBytes} bytes); confidentiality: ${d.confidentiality}`, {
      size: 9,
      indent: 14,
    });
    code(`SHA-256: ${d.sha256}`, 8, 14);
  }
  y -= 10;
  line('This notice confirms that the court received the documents above at the official time stated.', { size: 9 });
  line('It is not a decision: a clerk of the court reviews the filing and you will be notified of the outcome.', { size: 9 });
  line('Any copy of a document whose SHA-256 matches the one above is the document received.', { size: 9 });
  if (courtLanguageOf(ctx) === 'ar') {
    // The key lines again in Arabic, each label on its own line above its value: a colon between
    // an Arabic label and a Latin value is a neutral that readers put on the wrong side.
    const ar = (text: string, style: { bold?: boolean; size?: number } = {}) => line(text, { ...style, direction: 'rtl' });
    y -= 14;
    ar('إشعار بالإيداع الإلكتروني', { bold: true, size: 14 });
    ar(printable(ctx.courtName), { size: 11 });
    y -= 4;
    ar('وقت الاستلام بتوقيت المحكمة', { bold: true, size: 9.5 });
    ar(isolate(`${receipt.receivedAtCourt.localTime} ${receipt.receivedAtCourt.timeZone}`));
    ar('رقم الإيداع', { bold: true, size: 9.5 });
    ar(isolate(receipt.filingId));
    ar('عدد الوثائق', { bold: true, size: 9.5 });
    ar(isolate(String(receipt.documents.length)));
    y -= 6;
    // Notice lines without a closing full stop and without a colon or a Latin word inside: on a
    // page that is mostly English, readers that guess the order from the page (pdftotext) move a
    // neutral at either end of an Arabic line to the wrong side, and the line is no longer
    // extracted as written.
    ar('يؤكد هذا الإشعار أن المحكمة استلمت الوثائق المذكورة أعلاه في الوقت الرسمي المبين', { size: 9 });
    ar('هذا الإشعار ليس قرارا ويراجع كاتب الضبط الإيداع ثم يتم إعلامك بالنتيجة', { size: 9 });
    ar('كل نسخة من وثيقة تطابق بصمتها الرقمية البصمة المذكورة أعلاه هي الوثيقة المستلمة', { size: 9 });
  }
  return doc.save({ useObjectStreams: false });
}

function drawWrapped(page: PDFPage, text: string, font: PDFFont, size: number, x: number, width: number, nextY: () => number): void {
  const words = text.split(/(\s+)/);
  let current = '';
  const flush = () => {
    if (current.trim() === '') return;
    page.drawText(current.trimEnd(), { x, y: nextY(), size, font, color: rgb(0, 0, 0) });
    current = '';
  };
  for (const word of words) {
    if (font.widthOfTextAtSize(current + word, size) > width && current.trim() !== '') flush();
    // A single word wider than the line (a hash, a long name) is cut where it must be.
    let w = word;
    while (font.widthOfTextAtSize(w, size) > width) {
      let n = w.length - 1;
      while (n > 1 && font.widthOfTextAtSize(w.slice(0, n), size) > width) n -= 1;
      current = w.slice(0, n);
      flush();
      w = w.slice(n);
    }
    current += w;
  }
  flush();
}
