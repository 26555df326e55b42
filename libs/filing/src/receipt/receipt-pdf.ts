import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';
import type { FilingReceiptView } from '../services/filing-views';

export interface ReceiptContext {
  readonly courtName: string;
  readonly courtCode: string;
  readonly filerName: string;
}

/*
 * The notice is written with the PDF standard fonts, which cover Latin scripts only (WinAnsi).
 * pdf-lib can embed an Arabic font but does not shape or reorder Arabic text, which would print
 * it as disconnected letters in the wrong order, so the notice's fixed text is in English and
 * any filer-supplied text in another script is replaced by a pointer to the receipt data; the
 * SHA-256 of each document is what identifies it legally.
 */
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);

export function latinOnly(text: string): string {
  const chars = [...text.normalize('NFC')];
  const ok = chars.every((c) => {
    const code = c.codePointAt(0) as number;
    return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c);
  });
  return ok ? text : '[text in a script this notice cannot print; see the receipt data]';
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
  doc.setTitle(`Notice of electronic filing ${receipt.filingId}`);
  doc.setAuthor(latinOnly(ctx.courtName));
  doc.setProducer('ejustice');
  doc.setCreator('ejustice');
  doc.setCreationDate(received);
  doc.setModificationDate(received);
  doc.setSubject(`Filing ${receipt.filingId} received ${receipt.receivedAt}`);
  doc.setKeywords(receipt.documents.map((d) => `sha256:${d.sha256}`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);

  let page = doc.addPage([595.28, 841.89]);
  let y = 790;
  const left = 50;
  const line = (text: string, f: PDFFont = font, size = 10, indent = 0) => {
    if (y < 60) {
      page = doc.addPage([595.28, 841.89]);
      y = 790;
    }
    drawWrapped(page, latinOnly(text), f, size, left + indent, 495 - indent, () => {
      const at = y;
      y -= size + 4;
      return at;
    });
  };

  line('NOTICE OF ELECTRONIC FILING', bold, 16);
  y -= 4;
  line(`${ctx.courtName} (${ctx.courtCode})`, font, 11);
  y -= 8;
  line(`Filing id: ${receipt.filingId}`, mono, 9);
  line(`Received (official time, UTC): ${receipt.receivedAt}`);
  line(`Received (court time, ${receipt.receivedAtCourt.timeZone}): ${receipt.receivedAtCourt.localTime}`);
  line(`Filing type: ${receipt.filingType}${receipt.opensCase ? ' (opens a new case)' : ''}`);
  line(`Title: ${receipt.title}`);
  line(`Case: ${receipt.caseNumber ?? (receipt.opensCase ? 'a number is given when the court accepts the filing' : 'see the filing')}`);
  line(`Filed by: ${ctx.filerName}`);
  const fee = receipt.fee;
  line(
    `Fee: ${formatMoney(fee.amount, fee.currency)}${fee.waived ? ' - waived (victim)' : ''}; due: ${formatMoney(fee.due, fee.currency)}`,
  );
  y -= 8;
  line(`Documents (${receipt.documents.length})`, bold, 12);
  for (const d of receipt.documents) {
    y -= 2;
    line(`${d.position + 1}. ${d.role === 'lead' ? 'Lead document' : 'Attachment'}: ${d.title}`, bold, 10);
    line(`File: ${d.fileName}`, font, 9, 14);
    line(
      `Pages: ${d.pageCount}; size: ${formatBytes(d.sizeBytes)} (${d.sizeBytes} bytes); confidentiality: ${d.confidentiality}`,
      font,
      9,
      14,
    );
    line(`SHA-256: ${d.sha256}`, mono, 8, 14);
  }
  y -= 10;
  line('This notice confirms that the court received the documents above at the official time stated.', font, 9);
  line('It is not a decision: a clerk of the court reviews the filing and you will be notified of the outcome.', font, 9);
  line('Any copy of a document whose SHA-256 matches the one above is the document received.', font, 9);
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
