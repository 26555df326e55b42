import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { inspectPdf } from './pdf-inspection';

/**
 * Builds a PDF from raw object bodies with a correct cross-reference table, so a fixture can hold
 * exactly the bytes a hostile or broken file would (hex-escaped names, an /Encrypt entry...)
 * without any library tidying them up.
 */
function rawPdf(objects: string[], trailerExtra = ''): Buffer {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const PAGES = ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
const plainCatalog = (extra = '') => `<< /Type /Catalog /Pages 2 0 R ${extra} >>`;

describe('inspectPdf', () => {
  it('accepts a plain PDF and counts its pages', async () => {
    await expect(inspectPdf(rawPdf([plainCatalog(), ...PAGES]))).resolves.toEqual({ ok: true, pageCount: 1, version: '1.7' });
    const doc = await PDFDocument.create();
    for (let i = 0; i < 4; i++) doc.addPage();
    await expect(inspectPdf(await doc.save({ useObjectStreams: true }))).resolves.toMatchObject({ ok: true, pageCount: 4 });
  });

  it('calls anything without a PDF header not a PDF, whatever else it holds', async () => {
    for (const bytes of [
      Buffer.from('GIF89a...'),
      Buffer.from('<html>%PDF-1.7</html>'.padStart(2000, ' ')),
      Buffer.alloc(0),
      Buffer.from('PK\x03\x04 a zip'),
    ]) {
      await expect(inspectPdf(bytes)).resolves.toEqual({ ok: false, problem: 'not_pdf' });
    }
  });

  it('calls a truncated or broken file damaged', async () => {
    const good = rawPdf([plainCatalog(), ...PAGES]);
    for (const cut of [0.2, 0.5, 0.9]) {
      await expect(inspectPdf(good.subarray(0, Math.floor(good.length * cut)))).resolves.toEqual({ ok: false, problem: 'damaged' });
    }
    const wrongOffset = Buffer.from(good.toString('latin1').replace(/startxref\n\d+/, 'startxref\n12'), 'latin1');
    await expect(inspectPdf(wrongOffset)).resolves.toEqual({ ok: false, problem: 'damaged' });
    await expect(inspectPdf(rawPdf(['<< /Type /Catalog >>']))).resolves.toEqual({ ok: false, problem: 'damaged' });
  });

  it('refuses an encrypted PDF', async () => {
    const encrypted = rawPdf(
      [plainCatalog(), ...PAGES, '<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <00> /U <00> >>'],
      '/Encrypt 4 0 R',
    );
    await expect(inspectPdf(encrypted)).resolves.toEqual({ ok: false, problem: 'encrypted' });
  });

  it.each([
    ['an OpenAction running JavaScript', plainCatalog('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'), 'JavaScript'],
    ['a hex-escaped JavaScript name', plainCatalog('/OpenAction << /S /J#61vaScript /J#53 (x) >>'), 'JavaScript'],
    ['a named JavaScript tree', plainCatalog('/Names << /JavaScript << /Names [(a) << /S /JavaScript /JS (x) >>] >> >>'), 'JavaScript'],
    ['a launch action', plainCatalog('/OpenAction << /S /Launch /F (cmd.exe) >>'), 'a launch action (it can start a program)'],
    ['a link to a local file', plainCatalog('/OpenAction << /S /URI /URI (file:///etc/passwd) >>'), 'a link to a local file or program'],
    ['a form submission', plainCatalog('/AA << /WC << /S /SubmitForm /F (http://x) >> >>'), 'a form-submission action'],
    ['a remote go-to', plainCatalog('/OpenAction << /S /GoToR /F (other.pdf) /D [0 /Fit] >>'), 'a link that opens another file'],
    ['an XFA form', plainCatalog('/AcroForm << /Fields [] /XFA (<xdp/>) >>'), 'an XFA form (it can carry scripts)'],
    ['embedded files', plainCatalog('/Names << /EmbeddedFiles << /Names [] >> >>'), 'embedded files'],
  ])('refuses %s', async (_label, catalog, feature) => {
    await expect(inspectPdf(rawPdf([catalog, ...PAGES]))).resolves.toEqual({ ok: false, problem: 'active_content', feature });
  });

  it('finds active content in an object no page refers to, and inside object streams', async () => {
    const unreferenced = rawPdf([plainCatalog(), ...PAGES, '<< /S /JavaScript /JS (hidden) >>']);
    await expect(inspectPdf(unreferenced)).resolves.toMatchObject({ ok: false, feature: 'JavaScript' });
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'Launch', F: PDFString.of('calc.exe') }));
    await expect(inspectPdf(await doc.save({ useObjectStreams: true }))).resolves.toMatchObject({ ok: false, problem: 'active_content' });
  });

  it('accepts ordinary links and a go-to-page open action', async () => {
    const catalog = plainCatalog('/OpenAction << /S /GoTo /D [3 0 R /Fit] >>');
    const page =
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://court.example/rules) >> >>] >>';
    await expect(inspectPdf(rawPdf([catalog, PAGES[0], page]))).resolves.toEqual({ ok: true, pageCount: 1, version: '1.7' });
  });
});
