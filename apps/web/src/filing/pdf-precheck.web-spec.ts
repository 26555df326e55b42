import { formatBytes, hasPdfHeader, precheckPdf } from './pdf-precheck';

const file = (parts: BlobPart[], name: string, type = 'application/pdf') => new File(parts, name, { type });

describe('precheckPdf', () => {
  it('lets a PDF through whatever content type the browser guessed', async () => {
    await expect(precheckPdf(file(['%PDF-1.7\n...'], 'petition.pdf', ''), 1000)).resolves.toBeNull();
  });

  it('finds a header after a few bytes of junk, as PDF readers do', async () => {
    await expect(precheckPdf(file(['\r\n  %PDF-1.4\n'], 'scan.pdf'), 1000)).resolves.toBeNull();
  });

  it('refuses a file named .pdf that is not one', async () => {
    await expect(precheckPdf(file(['\x89PNG\r\n'], 'exhibit-3.pdf'), 1000)).resolves.toBe('not_pdf');
  });

  it('refuses an empty file and one over the court limit before reading it', async () => {
    await expect(precheckPdf(file([], 'empty.pdf'), 1000)).resolves.toBe('empty');
    await expect(precheckPdf(file(['%PDF-' + 'x'.repeat(2000)], 'big.pdf'), 1000)).resolves.toBe('too_large');
  });

  it('needs the whole signature', () => {
    expect(hasPdfHeader(new TextEncoder().encode('%PDF'))).toBe(false);
    expect(hasPdfHeader(new TextEncoder().encode('%PDF-'))).toBe(true);
  });
});

describe('formatBytes', () => {
  it('writes sizes in the reader language', () => {
    expect(formatBytes(50 * 1024 * 1024, 'en')).toBe('50 MB');
    expect(formatBytes(1.4 * 1024 * 1024, 'fr')).toMatch(/^1,4\s?Mo$/);
    expect(formatBytes(512, 'en')).toBe('512 bytes');
  });
});
