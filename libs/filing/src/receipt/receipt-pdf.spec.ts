import { PDFArray, PDFDocument, PDFRawStream, type PDFStream, decodePDFRawStream } from 'pdf-lib';
import { type FilingReceiptView, localTime } from '../services/filing-views';
import { renderReceiptPdf } from './receipt-pdf';

function receiptAt(receivedAt: string, timeZone: string): FilingReceiptView {
  return {
    filingId: '7b0c7d3e-4a4e-4b0e-9f55-0a9f3c0d2e11',
    status: 'submitted',
    filingType: 'petition',
    title: 'Petition for protection',
    opensCase: true,
    courtId: 'c-1',
    caseId: null,
    caseNumber: null,
    receivedAt,
    receivedAtCourt: { timeZone, localTime: localTime(new Date(receivedAt), timeZone) },
    documents: [],
    fee: { filingType: 'petition', amount: 5000, currency: 'EGP', waived: false, waiverReason: null, due: 5000 },
    receiptPdfUrl: '/api/filings/x/receipt.pdf',
  };
}

/** The lines the notice prints (standard fonts write each line as one hex string shown with Tj). */
async function printedLines(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const lines: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      const data = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : (stream as PDFStream).getContents();
      const operators = Buffer.from(data).toString('latin1');
      for (const shown of operators.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) lines.push(Buffer.from(shown[1], 'hex').toString('latin1'));
    }
  }
  return lines;
}

const CONTEXT = { courtName: 'Cairo Court of First Instance', courtCode: 'CAI', filerName: 'Leila Mansour' };

describe('the notice of electronic filing states the time of receipt on both clocks, naming the zone', () => {
  it("prints the court's wall time with its offset and its IANA zone, beside the official UTC time", async () => {
    const lines = await printedLines(await renderReceiptPdf(receiptAt('2026-11-28T10:15:02.123Z', 'Africa/Cairo'), CONTEXT));
    expect(lines).toContain('Received (official time, UTC): 2026-11-28T10:15:02.123Z');
    expect(lines).toContain('Received (court time, Africa/Cairo): 2026-11-28T12:15:02.123+02:00');
  });

  it("follows the court's summer time: the same court in July is three hours ahead of UTC", async () => {
    const lines = await printedLines(await renderReceiptPdf(receiptAt('2026-07-10T10:15:00.000Z', 'Africa/Cairo'), CONTEXT));
    expect(lines).toContain('Received (court time, Africa/Cairo): 2026-07-10T13:15:00.000+03:00');
  });

  it('names UTC for a court that keeps it', async () => {
    const lines = await printedLines(await renderReceiptPdf(receiptAt('2026-11-28T10:15:02.123Z', 'UTC'), CONTEXT));
    expect(lines).toContain('Received (court time, UTC): 2026-11-28T10:15:02.123+00:00');
  });
});
