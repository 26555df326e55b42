import { PDFDocument, PDFRef } from 'pdf-lib';
import { readPdfStructure } from './pdf-structure';

async function pdfWithPages(pages: number, useObjectStreams: boolean): Promise<{ bytes: Uint8Array; pdf: PDFDocument }> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++) pdf.addPage([300, 300]).drawText(`page ${i + 1}`);
  const bytes = await pdf.save({ useObjectStreams });
  return { bytes, pdf: await PDFDocument.load(bytes) };
}

describe('readPdfStructure', () => {
  it.each([
    ['a cross-reference table', false],
    ['a cross-reference stream and object streams', true],
  ])('reads the trailer and page 1 of a PDF with %s through its cross-references', async (_kind, useObjectStreams) => {
    const { bytes, pdf } = await pdfWithPages(3, useObjectStreams);
    const sut = await readPdfStructure(bytes);
    expect(sut.readVia).toBe('cross-references');
    expect(sut.firstPage).toBe(pdf.getPage(0).ref);
    expect(sut.root).toBe(pdf.context.trailerInfo.Root);
    expect(sut.previousXrefIsStream).toBe(useObjectStreams);
    expect(sut.size).toBeGreaterThan(pdf.context.largestObjectNumber);
    const catalog = sut.resolve(sut.root);
    expect(catalog?.toString()).toContain('/Type /Catalog');
  });

  it('falls back to reading the whole file when a cross-reference entry points elsewhere', async () => {
    const { bytes, pdf } = await pdfWithPages(2, false);
    const text = Buffer.from(bytes).toString('latin1');
    const root = pdf.context.trailerInfo.Root as PDFRef;
    // Point the catalog's entry at offset 9 (inside the header).
    const table = text.lastIndexOf('\nxref\n') + 1;
    const entryAt = table + text.slice(table).indexOf('\n', 5) + 1 + root.objectNumber * 20;
    const broken = Buffer.from(bytes);
    broken.write('0000000009', entryAt, 'latin1');
    const sut = await readPdfStructure(broken);
    expect(sut.readVia).toBe('whole-file');
    expect(sut.firstPage).toBe(pdf.getPage(0).ref);
  });

  it('refuses an encrypted file', async () => {
    const { bytes } = await pdfWithPages(1, false);
    const text = Buffer.from(bytes).toString('latin1');
    const encrypted = Buffer.from(text.replace(/trailer\n<<\n/, 'trailer\n<<\n/Encrypt 99 0 R\n'), 'latin1');
    await expect(readPdfStructure(encrypted)).rejects.toMatchObject({ code: 'certification.seal_pdf_unreadable' });
  });

  it('refuses a PDF without pages', async () => {
    const pdf = await PDFDocument.create();
    const bytes = await pdf.save({ addDefaultPage: false });
    await expect(readPdfStructure(bytes)).rejects.toMatchObject({ code: 'certification.seal_pdf_unreadable' });
  });
});
