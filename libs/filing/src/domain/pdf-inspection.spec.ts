import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { INSPECTION_LIMITS, inspectPdf, inspectPdfFile } from './pdf-inspection';
import { pdfWithDefinitions, writeLargeScanPdf } from './pdf-fixtures.testing';

/**
 * Builds a PDF from raw object bodies with a correct cross-reference table, so a fixture can hold
 * exactly the bytes a hostile or broken file would (hex-escaped names, an /Encrypt entry...)
 * without any library tidying them up.
 */
function rawPdf(objects: string[], trailerExtra = '', header = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'): Buffer {
  let out = header;
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

/** An uncompressed object stream holding `objects` (number and body each). */
function objectStream(objects: readonly { n: number; body: string }[]): string {
  let header = '';
  let body = '';
  for (const o of objects) {
    header += `${o.n} ${body.length} `;
    body += `${o.body} `;
  }
  return stream(`/Type /ObjStm /N ${objects.length} /First ${header.length}`, Buffer.from(header + body, 'latin1'));
}

const PAGES = ['<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'];
const plainCatalog = (extra = '') => `<< /Type /Catalog /Pages 2 0 R ${extra} >>`;

/** A stream object's body, its data kept byte for byte (rawPdf writes latin1). */
const stream = (dict: string, data: Buffer, length = data.length) =>
  `<< ${dict} /Length ${length} >>\nstream\n${data.toString('latin1')}\nendstream`;

const MiB = 1024 * 1024;
/** A zlib stream of `zeros` zero bytes after `prefix`: a full-flushed 16 MB segment repeated, so gigabytes cost nothing to build. */
function deflatedZeros(zeros: number, prefix = Buffer.alloc(0)): Buffer {
  const flush = { level: 9, finishFlush: constants.Z_FULL_FLUSH };
  const segment = deflateRawSync(Buffer.alloc(16 * MiB), flush);
  const parts = [Buffer.from([0x78, 0xda])];
  if (prefix.length > 0) parts.push(deflateRawSync(prefix, flush));
  for (let i = 0; i < Math.floor(zeros / (16 * MiB)); i++) parts.push(segment);
  if (zeros % (16 * MiB)) parts.push(deflateRawSync(Buffer.alloc(zeros % (16 * MiB)), flush));
  parts.push(Buffer.from([0x03, 0x00]), Buffer.alloc(4));
  return Buffer.concat(parts);
}

const small = { ...INSPECTION_LIMITS, maxStreamBytes: MiB, maxExpandedBytes: 4 * MiB };
const tooComplex = { ok: false, problem: 'too_complex' };

describe('inspectPdf', () => {
  it('accepts a plain PDF and counts its pages', async () => {
    await expect(inspectPdf(rawPdf([plainCatalog(), ...PAGES]))).resolves.toEqual({ ok: true, pageCount: 1, version: '1.7' });
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let i = 0; i < 4; i++) doc.addPage().drawText(`Page ${i + 1}`, { x: 50, y: 700, size: 12, font });
    // As pdf-lib saves it (a Uint8Array, compressed content streams, object streams) and without them.
    await expect(inspectPdf(await doc.save({ useObjectStreams: true }))).resolves.toMatchObject({ ok: true, pageCount: 4 });
    await expect(inspectPdf(await doc.save({ useObjectStreams: false }))).resolves.toMatchObject({ ok: true, pageCount: 4 });
  });

  it('calls anything without a PDF header at its very start not a PDF, whatever else it holds', async () => {
    for (const bytes of [
      Buffer.from('GIF89a...'),
      Buffer.from('<html>%PDF-1.7</html>'.padStart(2000, ' ')),
      Buffer.alloc(0),
      Buffer.from('PK\x03\x04 a zip'),
      // A polyglot: HTML first, then a PDF that would parse, offsets and all.
      rawPdf([plainCatalog(), ...PAGES], '', '<html><script>alert(1)</script><!--\n%PDF-1.7\n'),
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

  it('accepts compressed streams, filter chains and images of an honest size', async () => {
    const text = Buffer.from('BT /F1 12 Tf 72 720 Td (Statement) Tj ET '.repeat(1000));
    const hex = Buffer.from(`${deflateSync(text).toString('hex')}>`);
    const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>';
    const bytes = rawPdf([
      plainCatalog(),
      PAGES[0],
      page,
      stream('/Filter [/ASCIIHexDecode /FlateDecode]', hex),
      stream(
        '/Type /XObject /Subtype /Image /Width 2000 /Height 3000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode',
        deflatedZeros(2000 * 3000 * 3),
      ),
    ]);
    await expect(inspectPdf(bytes)).resolves.toEqual({ ok: true, pageCount: 1, version: '1.7' });
  });

  it.each([
    [
      'a page content stream of 1 GB',
      [plainCatalog(), PAGES[0], PAGES[1].replace('>>', '/Contents 4 0 R >>'), stream('/Filter /FlateDecode', deflatedZeros(1024 * MiB))],
    ],
    [
      'a stream deflated twice, of 4 GB',
      [plainCatalog(), ...PAGES, stream('/Filter [/FlateDecode /FlateDecode]', deflateSync(deflatedZeros(4096 * MiB)))],
    ],
    [
      'an object stream of 1 GB',
      [
        plainCatalog(),
        ...PAGES,
        stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', deflatedZeros(1024 * MiB, Buffer.from('9 0 << >>'))),
      ],
    ],
    [
      'a run-length stream past the limit',
      [plainCatalog(), ...PAGES, stream('/Filter /RunLengthDecode', Buffer.from('\x81\x00'.repeat(600_000), 'latin1'))],
    ],
  ])('refuses %s as too complex before parsing it', async (_label, objects) => {
    // Bounded work, counted in CPU time (this process's, the check's threads included), which a
    // loaded machine does not inflate as it does wall time: stopped at the limit, not expanded in full.
    const cpuBefore = process.cpuUsage();
    await expect(inspectPdf(rawPdf(objects as string[]))).resolves.toMatchObject({
      ...tooComplex,
      limit: 'a part of it expands to more than 64 MB',
    });
    const cpu = process.cpuUsage(cpuBefore);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(5_000);
  });

  it('refuses streams that expand past the limit together', async () => {
    const parts = Array.from({ length: 6 }, () => stream('/Filter /FlateDecode', deflateSync(Buffer.alloc(MiB - 10))));
    await expect(inspectPdf(rawPdf([plainCatalog(), ...PAGES, ...parts]), small)).resolves.toEqual({
      ...tooComplex,
      limit: 'its parts expand to more than 4 MB together',
    });
  });

  it.each([
    [
      'an object stream declaring two million objects',
      stream('/Type /ObjStm /N 2000000 /First 4 /Filter /FlateDecode', deflateSync(Buffer.from('9 0 1'))),
    ],
    [
      'a cross-reference stream declaring a hundred million entries',
      stream('/Type /XRef /Size 100000000 /W [1 2 1] /Root 1 0 R', Buffer.from('x')),
    ],
  ])('refuses %s as too complex', async (_label, object) => {
    await expect(inspectPdf(rawPdf([plainCatalog(), ...PAGES, object]))).resolves.toEqual({
      ...tooComplex,
      limit: 'more than 500,000 objects',
    });
  });

  it.each([
    [
      'an object stream inside an object stream',
      (() => {
        const inner = Buffer.concat([
          Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length 9 >>\nstream\n`),
          deflateSync(Buffer.from('9 0 1')),
          Buffer.from('\nendstream'),
        ]);
        return stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', deflateSync(Buffer.concat([Buffer.from('8 0 '), inner])));
      })(),
    ],
    [
      'an object stream zlib cannot read',
      stream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', Buffer.from('x\x9c this is not deflate data')),
    ],
    ['a content stream zlib cannot read', stream('/Filter /FlateDecode', Buffer.from('x\x9c this is not deflate data'))],
    ['a stream whose /Length lies', stream('', Buffer.from('BT (a long enough line of content) Tj ET'), 5)],
    ['a filter named indirectly', stream('/Filter 9 0 R', Buffer.from('abc'))],
    ['cross-reference field widths that make a loop', stream('/Type /XRef /Size 2 /W [1 100000 1] /Root 1 0 R', Buffer.from('x'))],
  ])('calls %s damaged', async (_label, object) => {
    await expect(inspectPdf(rawPdf([plainCatalog(), ...PAGES, object]))).resolves.toEqual({ ok: false, problem: 'damaged' });
  });

  it('refuses an image of absurd dimensions', async () => {
    const image = stream(
      '/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB /BitsPerComponent 8',
      Buffer.from('x'),
    );
    await expect(inspectPdf(rawPdf([plainCatalog(), ...PAGES, image]))).resolves.toEqual({
      ...tooComplex,
      limit: 'an image larger than 150 megapixels',
    });
  });

  it('walks the page tree as a tree: cycles and shared nodes are damage, too many pages too complex', async () => {
    const page = '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>';
    const cycle = rawPdf([plainCatalog(), '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>', page]);
    const shared = rawPdf([plainCatalog(), '<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>', page]);
    await expect(inspectPdf(cycle)).resolves.toEqual({ ok: false, problem: 'damaged' });
    await expect(inspectPdf(shared)).resolves.toEqual({ ok: false, problem: 'damaged' });
    const declared = rawPdf([plainCatalog(), '<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>', page]);
    await expect(inspectPdf(declared)).resolves.toEqual({ ...tooComplex, limit: 'more than 20,000 pages' });
    const four = rawPdf([plainCatalog(), '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R] /Count 4 >>', page, page, page, page]);
    await expect(inspectPdf(four)).resolves.toMatchObject({ ok: true, pageCount: 4 });
    await expect(inspectPdf(four, { ...INSPECTION_LIMITS, maxPages: 3 })).resolves.toEqual({ ...tooComplex, limit: 'more than 3 pages' });
  });

  it.each([
    ['an /EmbeddedFiles name tree', [plainCatalog('/Names << /EmbeddedFiles << /Names [] >> >>'), ...PAGES]],
    [
      'a file attachment annotation',
      [
        plainCatalog(),
        PAGES[0],
        PAGES[1].replace('>>', '/Annots [<< /Subtype /FileAttachment /Rect [0 0 9 9] /FS << /F (a.exe) >> >>] >>'),
      ],
    ],
    [
      'a file specification carrying a file',
      [plainCatalog(), ...PAGES, '<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>', stream('', Buffer.from('MZ'))],
    ],
    ['an embedded file stream nothing refers to', [plainCatalog(), ...PAGES, stream('/Type /EmbeddedFile', Buffer.from('MZ\x90\x00'))]],
  ])('refuses %s: a court takes documents, not containers', async (_label, objects) => {
    await expect(inspectPdf(rawPdf(objects))).resolves.toEqual({ ok: false, problem: 'embedded_file' });
  });

  describe('an object number defined twice (one definition a reader opens, another one hidden)', () => {
    const scripted = { n: 1, body: plainCatalog('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>') };
    const launching = { n: 1, body: plainCatalog('/OpenAction << /S /Launch /F (cmd.exe) >>') };
    const harmless = { n: 1, body: plainCatalog() };
    const pages = [
      { n: 2, body: PAGES[0] },
      { n: 3, body: PAGES[1] },
    ];

    it.each([
      ['JavaScript first, the table pointing at it, a harmless twin after it', [scripted, ...pages, harmless], 'first', 'JavaScript'],
      ['JavaScript last, the table pointing at the harmless first one', [harmless, ...pages, scripted], 'first', 'JavaScript'],
      [
        'a launch action first, the table pointing at the harmless last one',
        [launching, ...pages, harmless],
        'last',
        'a launch action (it can start a program)',
      ],
      ['JavaScript last, the table pointing at it', [harmless, ...pages, scripted], 'last', 'JavaScript'],
    ] as const)('refuses %s', async (_label, definitions, pick, feature) => {
      await expect(inspectPdf(pdfWithDefinitions(definitions, pick))).resolves.toEqual({ ok: false, problem: 'active_content', feature });
    });

    it('refuses a launch action in a definition the table opens, shadowed by a harmless twin in an object stream', async () => {
      const annotation = (subtype: string) => `<< /Type /Annot /Subtype ${subtype} /Rect [0 0 9 9] /A << /S /Launch /F (cmd.exe) >> >>`;
      const definitions = [
        { n: 1, body: plainCatalog() },
        { n: 2, body: PAGES[0] },
        { n: 3, body: PAGES[1].replace('>>', '/Annots [5 0 R] >>') },
        { n: 5, body: annotation('/Link') },
        { n: 6, body: objectStream([{ n: 5, body: '<< /Type /Annot /Subtype /Text /Rect [0 0 9 9] >>' }]) },
      ];
      await expect(inspectPdf(pdfWithDefinitions(definitions, 'first'))).resolves.toEqual({
        ok: false,
        problem: 'active_content',
        feature: 'a launch action (it can start a program)',
      });
    });

    it('refuses a file attachment hidden in an object stream behind a harmless annotation of the same number', async () => {
      const definitions = [
        { n: 1, body: plainCatalog() },
        { n: 2, body: PAGES[0] },
        { n: 3, body: PAGES[1].replace('>>', '/Annots [5 0 R] >>') },
        { n: 6, body: objectStream([{ n: 5, body: '<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS (a.exe) >>' }]) },
        { n: 5, body: '<< /Type /Annot /Subtype /Text /Rect [0 0 9 9] >>' },
      ];
      await expect(inspectPdf(pdfWithDefinitions(definitions, 'last'))).resolves.toEqual({ ok: false, problem: 'embedded_file' });
    });

    it('accepts an honest incremental update that redefines a page', async () => {
      const original = pdfWithDefinitions([{ n: 1, body: plainCatalog() }, ...pages], 'last');
      const xref = original.lastIndexOf('xref');
      const offset = original.length;
      const update = '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] >>\nendobj\n';
      const next = offset + Buffer.byteLength(update, 'latin1');
      const tail = `xref\n3 1\n${String(offset).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 4 /Root 1 0 R /Prev ${xref} >>\nstartxref\n${next}\n%%EOF\n`;
      const updated = Buffer.concat([original, Buffer.from(update + tail, 'latin1')]);
      await expect(inspectPdf(updated)).resolves.toEqual({ ok: true, pageCount: 1, version: '1.7' });
    });
  });

  it('finds JavaScript however deeply it is nested', async () => {
    const deep = plainCatalog(`/X ${'<< /A '.repeat(500)}<< /S /JavaScript /JS (x) >>${' >>'.repeat(500)}`);
    await expect(inspectPdf(rawPdf([deep, ...PAGES]))).resolves.toEqual({ ok: false, problem: 'active_content', feature: 'JavaScript' });
  });
});

describe('inspectPdfFile', () => {
  /**
   * Inspects a file as the worker does, in a Node process of its own (loading the module from its
   * source as the worker does in tests), and tells the verdict and the most memory that process
   * ever held: the memory of one check, not of the test runner around it. Read as Linux's VmHWM,
   * the peak of the process's own image: getrusage's maxRSS keeps the peak of the process it was
   * forked from (this test runner, hundreds of megabytes) across the exec.
   */
  async function inspectInOwnProcess(path: string): Promise<{ verdict: unknown; maxRssBytes: number }> {
    const script = `
      const { readFileSync } = require('node:fs');
      const { inspectPdfFile } = require(process.argv[1]);
      inspectPdfFile(process.argv[2]).then((verdict) => {
        const peakKb = Number(/VmHWM:\\s*(\\d+) kB/.exec(readFileSync('/proc/self/status', 'latin1'))[1]);
        process.stdout.write(JSON.stringify({ verdict, maxRssBytes: peakKb * 1024 }));
      });
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, join(__dirname, 'pdf-inspection.ts'), path]);
    return JSON.parse(stdout) as { verdict: unknown; maxRssBytes: number };
  }

  it('reads the staged file through a bounded window: a 286 MB scan costs about what a small file costs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdf-inspection-'));
    try {
      const small = join(dir, 'small.pdf');
      const large = join(dir, 'large.pdf');
      writeLargeScanPdf(small, 100, 100);
      const size = writeLargeScanPdf(large, 10_000, 10_000);
      const baseline = await inspectInOwnProcess(small);
      const measured = await inspectInOwnProcess(large);
      expect(baseline.verdict).toEqual({ ok: true, pageCount: 1, version: '1.7' });
      expect(measured.verdict).toEqual({ ok: true, pageCount: 1, version: '1.7' });
      // Node with pdf-lib loaded holds 80 to 90 MB before it reads a byte (the baseline); reading
      // the file a mebibyte at a time into one buffer adds next to nothing (40 MB leaves room for
      // a collection that comes late), where reading it whole adds the file's 286 MB.
      expect(measured.maxRssBytes).toBeLessThan(baseline.maxRssBytes + 40 * MiB);
      expect(measured.maxRssBytes).toBeLessThan(size / 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading a file a window at a time', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pdf-windows-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The verdict on the bytes staged as a file, which must be the verdict on the same bytes in memory. */
  async function inspectStaged(bytes: Buffer, limits = INSPECTION_LIMITS): Promise<unknown> {
    const path = join(dir, 'staged.pdf');
    writeFileSync(path, bytes);
    const verdict = await inspectPdfFile(path, limits);
    await expect(inspectPdf(bytes, limits)).resolves.toEqual(verdict);
    return verdict;
  }

  it('finds an object whose header and keyword straddle two of the mebibytes the scan reads at a time', async () => {
    const hidden = '<< /S /JavaScript /JS (x) >>';
    const build = (fill: number) => rawPdf([plainCatalog(), ...PAGES, stream('', Buffer.alloc(fill, 0x20)), hidden]);
    const first = build(MiB - 4096);
    const keyword = (bytes: Buffer) => bytes.indexOf('5 0 obj') + '5 0 '.length;
    for (const shift of [-5, -3, -2, -1, 0, 1, 2, 3]) {
      const bytes = build(MiB - 4096 + (MiB + shift - keyword(first)));
      expect(keyword(bytes)).toBe(MiB + shift);
      await expect(inspectStaged(bytes)).resolves.toEqual({ ok: false, problem: 'active_content', feature: 'JavaScript' });
    }
  });

  it('parses an object larger than the window it is first read in', async () => {
    const numbers = Array.from({ length: 20_000 }, (_, i) => i).join(' ');
    const catalog = plainCatalog(`/Filler [${numbers}] /OpenAction << /S /Launch /F (cmd.exe) >>`);
    await expect(inspectStaged(rawPdf([catalog, ...PAGES]))).resolves.toEqual({
      ok: false,
      problem: 'active_content',
      feature: 'a launch action (it can start a program)',
    });
    // A page tree node of 200 KB (a long title), its kids after it: read whole, the tree walks.
    const node = `<< /Type /Pages /Title (${'A statement of the facts. '.repeat(8_000)}) /Kids [3 0 R 4 0 R] /Count 2 >>`;
    const tree = rawPdf([plainCatalog(), node, PAGES[1], PAGES[1]]);
    await expect(inspectStaged(tree)).resolves.toEqual({ ok: true, pageCount: 2, version: '1.7' });
  });

  it('finds where a stream of several mebibytes ends when its length is given by reference, and checks that length', async () => {
    const text = Buffer.from('BT /F1 12 Tf 72 720 Td (A long statement of the facts) Tj ET\n'.repeat(60_000));
    const page = PAGES[1].replace('>>', '/Contents 4 0 R >>');
    const withLength = (length: number) =>
      rawPdf([plainCatalog(), PAGES[0], page, `<< /Length 5 0 R >>\nstream\n${text.toString('latin1')}\nendstream`, String(length)]);
    await expect(inspectStaged(withLength(text.length))).resolves.toEqual({ ok: true, pageCount: 1, version: '1.7' });
    await expect(inspectStaged(withLength(text.length - 1000))).resolves.toEqual({ ok: false, problem: 'damaged' });
  });

  it('inflates a compressed stream of several mebibytes as it reads it: within its limit, past it, or unreadable', async () => {
    // Random bytes do not compress: three mebibytes of them stay as large deflated.
    const compressed = deflateSync(randomBytes(3 * MiB));
    const unreadable = Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.alloc(3 * MiB, 0xff)]);
    const page = PAGES[1].replace('>>', '/Contents 4 0 R >>');
    const withContents = (data: Buffer) => rawPdf([plainCatalog(), PAGES[0], page, stream('/Filter /FlateDecode', data)]);
    await expect(inspectStaged(withContents(compressed))).resolves.toEqual({ ok: true, pageCount: 1, version: '1.7' });
    await expect(inspectStaged(withContents(compressed), small)).resolves.toEqual({
      ...tooComplex,
      limit: 'a part of it expands to more than 1 MB',
    });
    await expect(inspectStaged(withContents(unreadable))).resolves.toEqual({ ok: false, problem: 'damaged' });
  });
});
