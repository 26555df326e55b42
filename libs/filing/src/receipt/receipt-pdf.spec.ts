import { extractPdfText } from '@ejustice/platform/pdf/pdf-text.testing';
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

/** The lines of the notice as poppler's pdftotext reads them, spaces collapsed. */
async function printedLines(bytes: Uint8Array): Promise<string[]> {
  return extractPdfText(bytes)
    .split('\n')
    .map((l) => l.replace(/\s+/gu, ' ').trim())
    .filter((l) => l !== '');
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

describe("an Arabic court's notice states its key lines in Arabic and in English", () => {
  const ARABIC = { courtName: 'محكمة القاهرة الابتدائية', courtCode: 'CAI', filerName: 'ليلى منصور', courtLanguage: 'ar' as const };

  it('prints the Arabic lines shaped and in logical order, as pdftotext reads them back', async () => {
    const receipt = { ...receiptAt('2026-11-28T10:15:02.123Z', 'Africa/Cairo'), title: 'عريضة طلب حماية' };
    const lines = await printedLines(await renderReceiptPdf(receipt, ARABIC));
    expect(lines).toContain('NOTICE OF ELECTRONIC FILING');
    expect(lines).toContain('إشعار بالإيداع الإلكتروني');
    expect(lines).toContain('محكمة القاهرة الابتدائية');
    expect(lines).toContain('وقت الاستلام بتوقيت المحكمة');
    expect(lines).toContain('2026-11-28T12:15:02.123+02:00 Africa/Cairo');
    expect(lines).toContain('يؤكد هذا الإشعار أن المحكمة استلمت الوثائق المذكورة أعلاه في الوقت الرسمي المبين');
    expect(lines).toContain('هذا الإشعار ليس قرارا ويراجع كاتب الضبط الإيداع ثم يتم إعلامك بالنتيجة');
    expect(lines).toContain('كل نسخة من وثيقة تطابق بصمتها الرقمية البصمة المذكورة أعلاه هي الوثيقة المستلمة');
    expect(lines).toContain('رقم الإيداع');
    expect(lines).toContain(receipt.filingId);
    expect(lines).toContain('Court code: CAI');
    expect(lines).toContain('Received (court time, Africa/Cairo): 2026-11-28T12:15:02.123+02:00');
    expect(lines).toContain('Title: عريضة طلب حماية');
    expect(lines).toContain('Filed by: ليلى منصور');
  });

  it('takes a court whose name is written in Arabic for an Arabic court, and keeps an English court English', async () => {
    const arabic = await printedLines(
      await renderReceiptPdf(receiptAt('2026-11-28T10:15:02.123Z', 'Africa/Cairo'), { ...ARABIC, courtLanguage: undefined }),
    );
    expect(arabic).toContain('إشعار بالإيداع الإلكتروني');
    const english = await printedLines(await renderReceiptPdf(receiptAt('2026-11-28T10:15:02.123Z', 'Africa/Cairo'), CONTEXT));
    expect(english.join('\n')).not.toMatch(/[\u0600-\u06ff]/u);
  });

  it('replaces text in a script the fonts cannot print by a pointer to the receipt data', async () => {
    const receipt = { ...receiptAt('2026-11-28T10:15:02.123Z', 'Africa/Cairo'), title: '保护令申请' };
    const lines = await printedLines(await renderReceiptPdf(receipt, CONTEXT));
    expect(lines).toContain('Title: [text in a script this notice cannot print; see the receipt data]');
  });
});
