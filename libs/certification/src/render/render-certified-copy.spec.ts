import { extractPdfText } from '@ejustice/platform/pdf/pdf-text.testing';
import { execFileSync } from 'node:child_process';
import { PDFArray, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { renderCertifiedCopy } from './render-certified-copy';
import { newFacts } from './certification-facts.testing';

/** A plain original of `pages` pages, each saying which page it is, written as any word processor would. */
async function newOriginal(pages = 3): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i += 1) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText(`Judgment of the court, page ${i} of ${pages}.`, { x: 72, y: 760, size: 12, font });
    page.drawText('The appeal is dismissed.', { x: 72, y: 740, size: 12, font });
  }
  return doc.save();
}

/** Where pdftotext finds each word on each page, in points from the top left of the page's visible box (CropBox). */
function wordBoxes(
  pdf: Uint8Array,
): { width: number; height: number; words: { text: string; xMin: number; xMax: number; yMax: number }[] }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-cropbox', '-', '-'], { input: pdf, encoding: 'utf8', timeout: 30_000 });
  return html
    .split('<page ')
    .slice(1)
    .map((page) => {
      const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/u.exec(page) ?? [];
      const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/gu)].map(
        (m) => ({
          text: m[4],
          xMin: Number(m[1]),
          xMax: Number(m[2]),
          yMax: Number(m[3]),
        }),
      );
      return { width: Number(width), height: Number(height), words };
    });
}

/** pdftotext's text of some pages, with the wrapping of lines undone: a wrapped sentence is one sentence. */
function textOf(pdf: Uint8Array, first: number, last = first): string {
  return extractPdfText(pdf, { first, last }).replace(/\s+/gu, ' ');
}

describe('renderCertifiedCopy (text extracted with poppler pdftotext)', () => {
  it('appends a certification page stating every fact in Arabic and in English', async () => {
    const copy = await renderCertifiedCopy({ original: await newOriginal(), facts: newFacts() });
    expect((await PDFDocument.load(copy)).getPageCount()).toBe(5);
    const page = textOf(copy, 4);
    expect(page).toContain('نسخة مصدقة');
    expect(page).toContain(
      'يشهد كاتب الضبط الموقع أدناه أن هذه الوثيقة نسخة مطابقة للأصل المودع لدى محكمة الاستئناف بتونس في القضية رقم CA-2026-000123',
    );
    expect(page).toContain('المحكمة محكمة الاستئناف بتونس');
    expect(page).toContain('رقم القضية CA-2026-000123');
    expect(page).toContain('رمز التحقق K7Q2-9XWD-3MHP');
    expect(page).toContain('يمكن لأي شخص التحقق من صحة هذه النسخة برمز التحقق أو بمسح رمز الاستجابة السريعة.');
    expect(page).toContain('كاتب الضبط المصدق عبد الله بن علي');
    expect(page).toContain('تاريخ ووقت الإصدار 2026-12-06 14:05 (UTC+01:00) Africa/Tunis');
    expect(page).toContain('عدد الصفحات 3');
    const english = textOf(copy, 5);
    expect(english).toContain('Certified copy');
    expect(english).toContain(
      'The undersigned clerk certifies that this document is a true copy of the original filed with the Court of Appeal of Tunis in case CA-2026-000123.',
    );
    expect(english).toContain('Case number: CA-2026-000123');
    expect(english).toContain('Docket entry: 7');
    expect(english).toContain('Document title: Judgment');
    expect(english).toContain('Number of pages: 3');
    expect(english).toContain('Issued: 2026-12-06 14:05 (UTC+01:00) Africa/Tunis');
    expect(english).toContain('Certifying clerk: عبد الله بن علي');
    expect(english).toContain('Verification code: K7Q2-9XWD-3MHP');
    expect(english).toContain('Verification URL: https://ejustice.example/verify/K7Q2-9XWD-3MHP');
  });

  it('states the facts in French for a French-speaking court', async () => {
    const copy = await renderCertifiedCopy({
      original: await newOriginal(1),
      facts: newFacts({
        courtLanguage: 'fr',
        courtName: 'Tribunal de première instance de Tunis',
        courtNameEnglish: 'Court of First Instance of Tunis',
        pageCount: 1,
        timeZone: 'Africa/Tunis',
      }),
    });
    const page = textOf(copy, 2);
    expect(page).toContain('Copie certifiée conforme');
    expect(page).toContain(
      "Le greffier soussigné certifie que ce document est une copie conforme de l'original déposé auprès du Tribunal de première instance de Tunis dans l'affaire n° CA-2026-000123.",
    );
    expect(page).toContain("Date et heure d'émission: 2026-12-06 14:05 (UTC+01:00) Africa/Tunis");
    expect(textOf(copy, 3)).toContain('The undersigned clerk certifies');
  });

  it('leaves the text of the original pages as it was and stamps every page', async () => {
    const original = await newOriginal(3);
    const copy = await renderCertifiedCopy({ original, facts: newFacts() });
    for (let p = 1; p <= 3; p += 1) {
      const before = extractPdfText(original, { first: p, last: p }).trim();
      const after = extractPdfText(copy, { first: p, last: p });
      expect(after.startsWith(before)).toBe(true);
      expect(after).toContain(before);
    }
    for (let p = 1; p <= 5; p += 1) {
      const page = textOf(copy, p);
      expect(page).toContain('Certified copy');
      expect(page).toContain('نسخة مصدقة');
      expect(page).toContain('Court of Appeal of Tunis');
      expect(page).toContain('CA-2026-000123');
      expect(page).toContain('K7Q2-9XWD-3MHP');
    }
  });

  it('stamps pages of other sizes and cropped pages in the bottom margin of their visible box, one stamp stream per box', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([595.28, 841.89]).drawText('Portrait page', { x: 72, y: 760, size: 12, font });
    doc.addPage([841.89, 595.28]).drawText('Landscape page', { x: 72, y: 500, size: 12, font });
    const cropped = doc.addPage([595.28, 841.89]);
    cropped.drawText('Cropped page', { x: 120, y: 500, size: 12, font });
    cropped.setCropBox(100, 200, 360, 400);
    const copy = await renderCertifiedCopy({ original: await doc.save(), facts: newFacts({ pageCount: 3 }) });

    const pages = wordBoxes(copy);
    expect(pages.map((p) => [p.width, p.height])).toEqual([
      [595.28, 841.89],
      [841.89, 595.28],
      [360, 400],
      [595.28, 841.89],
      [595.28, 841.89],
    ]);
    for (const page of pages) {
      const stamped = page.words.filter((w) => w.text === 'K7Q2-9XWD-3MHP' && w.yMax > page.height - 20);
      expect(stamped).toHaveLength(1);
      expect(stamped[0].xMin).toBeGreaterThan(0);
      expect(stamped[0].xMax).toBeLessThan(page.width);
    }
    // The portrait pages (the certification pages too) share one stamp stream; the other two have their own.
    const parsed = await PDFDocument.load(copy);
    const lastStreams = parsed.getPages().map((p) => {
      const contents = p.node.lookup(PDFName.of('Contents'), PDFArray);
      return contents.get(contents.size() - 1).toString();
    });
    expect(new Set(lastStreams).size).toBe(3);
    expect(lastStreams[0]).toBe(lastStreams[3]);
    expect(lastStreams[0]).toBe(lastStreams[4]);
  });
});
