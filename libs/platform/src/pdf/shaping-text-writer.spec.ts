import { PDFDocument } from 'pdf-lib';
import { extractPdfText } from './pdf-text.testing';
import { isolate } from './bidi-line';
import { ShapingTextWriter, splitByFace } from './shaping-text-writer';

async function pdfWithLines(lines: readonly string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const writer = await ShapingTextWriter.embed(doc);
  const page = doc.addPage([595, 842]);
  let y = 800;
  for (const line of lines) {
    writer.drawLine(page, line, { x: 40, y, size: 12, width: 515 });
    y -= 24;
  }
  return doc.save();
}

describe('ShapingTextWriter', () => {
  it('writes Arabic that poppler extracts in logical order, letter for letter', async () => {
    const lines = [
      'نسخة مصدقة',
      'محكمة الاستئناف بالرباط',
      'المحكمة الإدارية',
      'عبد الله بن علي',
      'Tribunal de première instance de Casablanca',
    ];
    const text = extractPdfText(await pdfWithLines(lines));
    for (const line of lines) expect(text).toContain(line);
  });

  it('orders Latin words and numbers inside an Arabic sentence', async () => {
    const text = extractPdfText(
      await pdfWithLines([`في القضية رقم ${isolate('CA-2026-000123')}`, `رمز التحقق: ${isolate('K7Q2-9XWD-3MHP')}`]),
    );
    expect(text).toContain('في القضية رقم CA-2026-000123');
    expect(text).toContain('K7Q2-9XWD-3MHP');
  });

  it('keeps an isolated date and a bracketed zone in their own order inside Arabic', async () => {
    const doc = await PDFDocument.create();
    const writer = await ShapingTextWriter.embed(doc);
    const segments = writer.segments(`صدرت في ${isolate('2026-12-06 14:05 (Africa/Casablanca)')}`, { size: 12 });
    // Left to right on the page: the isolated value as written, then the Arabic words, handed to
    // pdf-lib in logical order because fontkit reverses Arabic itself.
    expect(segments.map((s) => [s.face, s.text])).toEqual([
      ['latin', '2026-12-06 14:05 (Africa/Casablanca)'],
      ['arabic', 'صدرت في '],
    ]);
  });
});

describe('ShapingTextWriter across documents', () => {
  it('extracts the letters each document was written with, whatever the process wrote before', async () => {
    // Noto Naskh draws alef (U+0627) and its presentation form (U+FE8D) with one glyph; the font
    // is parsed once per process, so a glyph must not keep the letters of the first text it met.
    const presentationForm = '\ufe8dلمحكمة';
    expect(extractPdfText(await pdfWithLines([presentationForm]))).toContain(presentationForm);
    expect(extractPdfText(await pdfWithLines(['المحكمة الإدارية']))).toContain('المحكمة الإدارية');
    expect(extractPdfText(await pdfWithLines([presentationForm]))).toContain(presentationForm);
  });
});

describe('splitByFace', () => {
  const arabicHas = (c: string) => c !== '(';
  it('keeps an Arabic phrase with its spaces in one piece, and Latin apart', () => {
    expect(splitByFace('نسخة مصدقة CA-1', arabicHas)).toEqual([
      { text: 'نسخة مصدقة ', face: 'arabic' },
      { text: 'CA-1', face: 'latin' },
    ]);
  });
});

describe('ShapingTextWriter.wrap', () => {
  it('breaks at spaces within the width and cuts only a word wider than the line', async () => {
    const writer = await ShapingTextWriter.embed(await PDFDocument.create());
    const style = { size: 10 };
    const lines = writer.wrap('يشهد كاتب الضبط الموقع أدناه أن هذه الوثيقة نسخة مطابقة للأصل', 120, style);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(writer.widthOf(line, style)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe('يشهد كاتب الضبط الموقع أدناه أن هذه الوثيقة نسخة مطابقة للأصل');
    const cut = writer.wrap('x'.repeat(80), 100, style);
    expect(cut.join('')).toBe('x'.repeat(80));
    for (const line of cut) expect(writer.widthOf(line, style)).toBeLessThanOrEqual(100);
  });
});
