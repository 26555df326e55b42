import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { type RunningApi, type TestUser, closeTestDb, createCourt, createUser, login, startApiServer, testDb } from '@ejustice/testing';
import { filesUnder, freshStorageDir, makePdf, openingMetadata } from './filing-support';
import { pdfSlowToCheck, pdfWithDefinitions } from '@ejustice/filing/domain/pdf-fixtures.testing';

/**
 * Proof R5 of the security review, its file half: hostile files posted as filing documents.
 * Lying files (other formats named .pdf, broken and truncated PDFs, polyglots), decompression
 * bombs (streams that inflate to gigabytes, object-count and page-tree explosions, images of
 * absurd dimensions) and hidden content (embedded files, scripts, launch actions). Every one
 * must be answered with a clean 4xx problem (status, code, sentence) within a bounded time,
 * without the api's memory blowing up, and must leave nothing behind: no row, no stored or staged
 * file, no audit event carrying its request id. Every file is generated here; none is committed.
 */

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
/**
 * The work one hostile file may cost this process (the api and the test's own sending), in CPU
 * time: the bound on the filer's wait, asserted as the work the api did rather than as wall time,
 * which on a loaded shared machine measures the neighbours. A file that made the api parse or
 * expand without limit costs CPU whatever the load; the wall times are printed after the run.
 */
const WORK_WITHIN_CPU_MS = 10_000;
/** What one hostile file may add to the api's resident memory (the api runs in this process). */
const MEMORY_GROWTH_LIMIT_MB = 500;
const REQUEST_ID_PREFIX = 'hostile-file-';

type Category = 'lying file' | 'decompression bomb' | 'hidden content';

interface Upload {
  readonly name: string;
  readonly bytes: Buffer;
  readonly type?: string;
}

interface HostileCase {
  readonly category: Category;
  readonly label: string;
  /** The answer the court gives: status and code. */
  readonly status: number;
  readonly code: string;
  readonly files: () => Promise<Upload[]>;
  /** The court's limits while this file is sent. */
  readonly policy?: { readonly maxDocumentBytes?: number; readonly maxDocuments?: number };
}

// ---------------------------------------------------------------------------------------------
// Generators

type PdfObject = string | { readonly dict: string; readonly data: Buffer; readonly length?: number };

/**
 * A PDF from raw object bodies, numbered from 1, with a correct cross-reference table (unless the
 * case breaks it on purpose), so that each file holds exactly the bytes a hostile one would.
 */
function rawPdf(objects: readonly PdfObject[], options: { trailer?: string; header?: string } = {}): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    size += b.length;
  };
  push(Buffer.from(options.header ?? '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(size);
    if (typeof o === 'string') return push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
    push(Buffer.from(`${i + 1} 0 obj\n<< ${o.dict} /Length ${o.length ?? o.data.length} >>\nstream\n`, 'latin1'));
    push(o.data);
    push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  });
  const xref = size;
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) tail += `${String(o).padStart(10, '0')} 00000 n \n`;
  tail += options.trailer ?? `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\n`;
  tail += `startxref\n${xref}\n%%EOF\n`;
  push(Buffer.from(tail, 'latin1'));
  return Buffer.concat(parts);
}

const TWIN_PAGES = [
  { n: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
  { n: 3, body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [5 0 R] >>' },
];

const PLAIN_CONTENT: PdfObject = { dict: '', data: Buffer.from('BT /F1 12 Tf 72 720 Td (Statement of claim) Tj ET') };

/** A one-page document: catalog 1, page tree 2, page 3, content 4; extra objects from 5. */
function onePage(o: { catalog?: string; page?: string; content?: PdfObject; extra?: PdfObject[]; header?: string } = {}): Buffer {
  return rawPdf(
    [
      `<< /Type /Catalog /Pages 2 0 R ${o.catalog ?? ''} >>`,
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R ${o.page ?? ''} >>`,
      o.content ?? PLAIN_CONTENT,
      ...(o.extra ?? []),
    ],
    { header: o.header },
  );
}

const SEGMENT = 16 * MiB;
let zeroSegment: Buffer | undefined;

/**
 * A zlib stream that inflates to `prefix` then `zeros` zero bytes, built without ever holding the
 * zeros: one compressed 16 MB segment, ended by a full flush so it stands alone, is repeated,
 * then comes a final empty block and the Adler-32 of the whole (so strict inflaters accept it).
 */
function deflatedZeros(zeros: number, prefix: Buffer = Buffer.alloc(0)): Buffer {
  const flush = { level: 9, finishFlush: constants.Z_FULL_FLUSH };
  zeroSegment ??= deflateRawSync(Buffer.alloc(SEGMENT), flush);
  const parts: Buffer[] = [Buffer.from([0x78, 0xda])];
  if (prefix.length > 0) parts.push(deflateRawSync(prefix, flush));
  for (let i = 0; i < Math.floor(zeros / SEGMENT); i++) parts.push(zeroSegment);
  if (zeros % SEGMENT) parts.push(deflateRawSync(Buffer.alloc(zeros % SEGMENT), flush));
  parts.push(Buffer.from([0x03, 0x00]));
  let a = 1;
  let b = 0;
  for (const byte of prefix) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  b = (b + ((a * (zeros % 65521)) % 65521)) % 65521;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

/** An object stream holding one small annotation dictionary, object 9, then `zeros` of padding. */
function objectStreamBomb(zeros: number, chained: boolean): PdfObject {
  const objects = Buffer.from('9 0 << /Type /Annot /Subtype /Text /Rect [0 0 1 1] >>', 'latin1');
  const once = deflatedZeros(zeros, objects);
  return chained
    ? { dict: '/Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode]', data: deflateSync(once, { level: 9 }) }
    : { dict: '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', data: once };
}

/** An object stream inside an object stream, the inner one a bomb. */
function nestedObjectStreams(): PdfObject {
  const bomb = deflatedZeros(GiB, Buffer.from('10 0 << /Type /Annot >>', 'latin1'));
  const inner = Buffer.concat([
    Buffer.from(`<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`, 'latin1'),
    bomb,
    Buffer.from('\nendstream', 'latin1'),
  ]);
  return { dict: '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', data: deflateSync(Buffer.concat([Buffer.from('9 0 '), inner])) };
}

/** An object stream that declares and holds a million tiny objects. */
function objectCountBomb(): PdfObject {
  const count = 1_000_000;
  const header: string[] = [];
  for (let i = 0; i < count; i++) header.push(`${100 + i} ${2 * i}`);
  const head = `${header.join(' ')} `;
  const body = '0 '.repeat(count);
  return {
    dict: `/Type /ObjStm /N ${count} /First ${head.length} /Filter /FlateDecode`,
    data: deflateSync(Buffer.from(head + body, 'latin1'), { level: 9 }),
  };
}

/** A page tree six levels deep whose every node names the next one ten times: a million pages from a few hundred bytes. */
function millionPageTree(): Buffer {
  const levels = 6;
  const objects: PdfObject[] = ['<< /Type /Catalog /Pages 2 0 R >>'];
  for (let level = 0; level < levels; level++) {
    const node = 2 + level;
    const kid = `${node + 1} 0 R `.repeat(10);
    const parent = level === 0 ? '' : `/Parent ${node - 1} 0 R`;
    objects.push(`<< /Type /Pages ${parent} /Kids [${kid}] /Count ${10 ** (levels - level)} >>`);
  }
  objects.push(`<< /Type /Page /Parent ${levels + 1} 0 R /MediaBox [0 0 595 842] /Contents ${levels + 3} 0 R >>`);
  objects.push(PLAIN_CONTENT);
  return rawPdf(objects);
}

const EXE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
  Buffer.alloc(48),
  Buffer.from('\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21This program cannot be run in DOS mode.\r\r\n$', 'latin1'),
  Buffer.from('PE\x00\x00', 'latin1'),
  randomBytes(2000),
]);

/** Printable bytes without a digit: every one of them is a place a lenient parser may try an object header. */
function printableGarbage(size: number): Buffer {
  const alphabet = Buffer.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ !"#&\'*+,-.:;=?@^_`|~', 'latin1');
  const out = Buffer.alloc(size);
  const noise = randomBytes(size);
  for (let i = 0; i < size; i++) out[i] = alphabet[noise[i] % alphabet.length];
  return out;
}

/**
 * A PDF header, 8 MB of printable garbage and a plausible tail: pdf-lib's lenient parser tried an
 * object header at every byte of it, seconds of CPU per megabyte; the inspection reads it as the
 * damaged file it is, in one pass.
 */
function garbagePdf(): Buffer {
  const head = Buffer.concat([Buffer.from('%PDF-1.7\n'), printableGarbage(8 * MiB), Buffer.from('\n')]);
  const object = Buffer.from('1 0 obj\n<< /Type /Catalog >>\nendobj\n');
  return Buffer.concat([head, object, Buffer.from(`startxref\n${head.length}\n%%EOF\n`)]);
}

async function encryptedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 2, R: 3, Length: 128, P: -3904 }));
  return Buffer.from(await doc.save());
}

async function scriptInObjectStream(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.launchURL("https://x.test")') }));
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

const pdf = (name: string, bytes: Buffer, type = 'application/pdf'): Upload[] => [{ name, bytes, type }];

// ---------------------------------------------------------------------------------------------
// The hostile files

const NOT_PDF = { status: 415, code: 'filing.document_not_pdf' } as const;
const DAMAGED = { status: 400, code: 'filing.document_damaged' } as const;
const TOO_COMPLEX = { status: 400, code: 'filing.document_too_complex' } as const;
const ACTIVE = { status: 400, code: 'filing.document_active_content' } as const;
const EMBEDDED = { status: 400, code: 'filing.document_embedded_file' } as const;

const CASES: HostileCase[] = [
  // Lying files: something else named .pdf and sent as application/pdf, or a PDF that is not whole.
  {
    category: 'lying file',
    label: 'PNG image named .pdf',
    ...NOT_PDF,
    files: async () => pdf('scan.pdf', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'latin1'), randomBytes(4000)])),
  },
  {
    category: 'lying file',
    label: 'JPEG image named .pdf',
    ...NOT_PDF,
    files: async () => pdf('photo.pdf', Buffer.concat([Buffer.from('\xff\xd8\xff\xe0\x00\x10JFIF\x00', 'latin1'), randomBytes(4000)])),
  },
  {
    category: 'lying file',
    label: 'ZIP archive named .pdf',
    ...NOT_PDF,
    files: async () => pdf('bundle.pdf', Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), randomBytes(4000)])),
  },
  {
    category: 'lying file',
    label: 'HTML page named .pdf',
    ...NOT_PDF,
    files: async () => pdf('page.pdf', Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api/cases")</script></body></html>')),
  },
  { category: 'lying file', label: 'Windows executable (MZ) named .pdf', ...NOT_PDF, files: async () => pdf('setup.pdf', EXE) },
  {
    category: 'lying file',
    label: 'plain text named .pdf',
    ...NOT_PDF,
    files: async () => pdf('letter.pdf', Buffer.from('Dear court, I attach my statement below.\n'.repeat(50))),
  },
  {
    category: 'lying file',
    label: 'HTML polyglot with %PDF in its first 1024 bytes',
    ...NOT_PDF,
    // A whole PDF, offsets and all, behind an HTML page: what the court stores must be one thing.
    files: async () => pdf('polyglot.pdf', onePage({ header: '<html><body><script>alert(document.cookie)</script><!--\n%PDF-1.7\n' })),
  },
  {
    category: 'lying file',
    label: 'a PDF sent as text/html',
    status: 415,
    code: 'filing.document_type_not_accepted',
    files: async () => pdf('statement.pdf', await makePdf(), 'text/html'),
  },
  {
    category: 'lying file',
    label: 'a PDF sent as an executable',
    status: 415,
    code: 'filing.document_type_not_accepted',
    files: async () => pdf('statement.pdf', await makePdf(), 'application/x-msdownload'),
  },
  {
    category: 'lying file',
    label: 'zero bytes',
    status: 400,
    code: 'filing.document_empty',
    files: async () => pdf('empty.pdf', Buffer.alloc(0)),
  },
  {
    category: 'lying file',
    label: 'a PDF header and nothing else',
    ...DAMAGED,
    files: async () => pdf('header.pdf', Buffer.from('%PDF-1.7\n')),
  },
  {
    category: 'lying file',
    label: '%PDF followed by random bytes',
    ...DAMAGED,
    files: async () => pdf('noise.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024)])),
  },
  {
    category: 'lying file',
    // pdf-lib's lenient parser tried an object header at every byte of it, seconds per megabyte:
    // damaged it is, and the answer must not cost what parsing it that way did (the CPU bound).
    label: '%PDF, 8 MB of printable garbage, then a plausible tail',
    ...DAMAGED,
    files: async () => pdf('garbage.pdf', garbagePdf()),
  },
  ...[0.2, 0.5, 0.9].map((cut): HostileCase => ({
    category: 'lying file',
    label: `a PDF truncated at ${cut * 100}%`,
    ...DAMAGED,
    files: async () => {
      const whole = await makePdf({ pages: 3 });
      return pdf('cut.pdf', whole.subarray(0, Math.floor(whole.length * cut)));
    },
  })),
  {
    category: 'lying file',
    label: 'a PDF cut just before %%EOF',
    ...DAMAGED,
    files: async () => {
      const whole = await makePdf({ pages: 2 });
      return pdf('cut.pdf', whole.subarray(0, whole.lastIndexOf('%%EOF')));
    },
  },
  {
    category: 'lying file',
    label: 'startxref pointing past the end',
    ...DAMAGED,
    files: async () => {
      const good = onePage();
      return pdf('xref.pdf', Buffer.from(good.toString('latin1').replace(/startxref\n\d+/, `startxref\n${good.length + 5000}`), 'latin1'));
    },
  },
  {
    category: 'lying file',
    label: 'a trailer dictionary that never ends',
    ...DAMAGED,
    files: async () => pdf('trailer.pdf', brokenTrailer()),
  },
  {
    category: 'lying file',
    label: 'a stream whose /Length lies',
    ...DAMAGED,
    files: async () => pdf('length.pdf', onePage({ content: { ...(PLAIN_CONTENT as { dict: string; data: Buffer }), length: 7 } })),
  },
  {
    category: 'lying file',
    label: 'an encrypted PDF',
    status: 400,
    code: 'filing.document_encrypted',
    files: async () => pdf('locked.pdf', await encryptedPdf()),
  },
  {
    category: 'lying file',
    label: 'a PDF over the court’s size limit',
    status: 413,
    code: 'filing.document_too_large',
    policy: { maxDocumentBytes: 2 * MiB },
    files: async () => pdf('big.pdf', await makePdf({ padTo: 3 * MiB })),
  },
  {
    category: 'lying file',
    label: 'more documents than the court accepts',
    status: 413,
    code: 'filing.too_many_documents',
    policy: { maxDocuments: 3 },
    files: async () => {
      const one = await makePdf();
      return [1, 2, 3, 4].map((i) => ({ name: `exhibit-${i}.pdf`, bytes: one, type: 'application/pdf' }));
    },
  },

  // Decompression bombs: little on the wire, gigabytes or millions of things once expanded.
  {
    category: 'decompression bomb',
    label: 'a page content stream inflating to 1 GB',
    ...TOO_COMPLEX,
    files: async () => pdf('bomb.pdf', onePage({ content: { dict: '/Filter /FlateDecode', data: deflatedZeros(GiB) } })),
  },
  {
    category: 'decompression bomb',
    label: 'a content stream deflated twice, inflating to 4 GB',
    ...TOO_COMPLEX,
    files: async () =>
      pdf(
        'bomb2.pdf',
        onePage({ content: { dict: '/Filter [/FlateDecode /FlateDecode]', data: deflateSync(deflatedZeros(4 * GiB), { level: 9 }) } }),
      ),
  },
  {
    category: 'decompression bomb',
    label: 'an unreferenced stream inflating to 4 GB',
    ...TOO_COMPLEX,
    files: async () => pdf('orphan-bomb.pdf', onePage({ extra: [{ dict: '/Filter /FlateDecode', data: deflatedZeros(4 * GiB) }] })),
  },
  {
    category: 'decompression bomb',
    label: 'an object stream inflating to 1 GB',
    ...TOO_COMPLEX,
    files: async () => pdf('objstm.pdf', onePage({ extra: [objectStreamBomb(GiB, false)] })),
  },
  {
    category: 'decompression bomb',
    label: 'an object stream deflated twice, inflating to 4 GB',
    ...TOO_COMPLEX,
    files: async () => pdf('objstm2.pdf', onePage({ extra: [objectStreamBomb(4 * GiB, true)] })),
  },
  {
    category: 'decompression bomb',
    label: 'an object stream nested in an object stream',
    ...DAMAGED,
    files: async () => pdf('nested.pdf', onePage({ extra: [nestedObjectStreams()] })),
  },
  {
    category: 'decompression bomb',
    label: 'an object stream of a million objects',
    ...TOO_COMPLEX,
    files: async () => pdf('objects.pdf', onePage({ extra: [objectCountBomb()] })),
  },
  {
    category: 'decompression bomb',
    label: 'a cross-reference stream declaring a hundred million entries',
    ...TOO_COMPLEX,
    files: async () =>
      pdf(
        'xref-stream.pdf',
        onePage({
          extra: [{ dict: '/Type /XRef /Size 100000000 /W [1 2 1] /Root 1 0 R', data: Buffer.from('\x01\x00\x0f\x00', 'latin1') }],
        }),
      ),
  },
  {
    category: 'decompression bomb',
    label: 'an image of 100,000 × 100,000 pixels',
    ...TOO_COMPLEX,
    files: async () =>
      pdf(
        'image.pdf',
        onePage({
          page: '/Resources << /XObject << /Im1 5 0 R >> >>',
          content: { dict: '', data: Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q') },
          extra: [
            {
              dict: '/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode',
              data: deflatedZeros(MiB),
            },
          ],
        }),
      ),
  },
  {
    category: 'decompression bomb',
    label: 'a page tree that contains itself',
    ...DAMAGED,
    files: async () =>
      pdf(
        'cycle.pdf',
        rawPdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
          PLAIN_CONTENT,
        ]),
      ),
  },
  {
    category: 'decompression bomb',
    label: 'a page tree declaring a million pages',
    ...TOO_COMPLEX,
    files: async () =>
      pdf(
        'count.pdf',
        rawPdf([
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>',
          '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
          PLAIN_CONTENT,
        ]),
      ),
  },
  {
    category: 'decompression bomb',
    label: 'a page tree reaching a million pages',
    ...TOO_COMPLEX,
    files: async () => pdf('pages.pdf', millionPageTree()),
  },

  // Hidden content: a court takes documents, not containers or programs.
  {
    category: 'hidden content',
    label: 'an executable in the /EmbeddedFiles name tree',
    ...EMBEDDED,
    files: async () =>
      pdf(
        'attached.pdf',
        onePage({
          catalog: '/Names << /EmbeddedFiles << /Names [(invoice.exe) 5 0 R] >> >>',
          extra: [
            '<< /Type /Filespec /F (invoice.exe) /UF (invoice.exe) /EF << /F 6 0 R >> >>',
            { dict: '/Type /EmbeddedFile', data: EXE },
          ],
        }),
      ),
  },
  {
    category: 'hidden content',
    label: 'a file attachment annotation',
    ...EMBEDDED,
    files: async () =>
      pdf(
        'annotated.pdf',
        onePage({
          page: '/Annots [5 0 R]',
          extra: [
            '<< /Type /Annot /Subtype /FileAttachment /Rect [10 10 30 30] /FS 6 0 R /Name /PushPin >>',
            '<< /Type /Filespec /F (payload.exe) /EF << /F 7 0 R >> >>',
            { dict: '/Type /EmbeddedFile', data: EXE },
          ],
        }),
      ),
  },
  {
    category: 'hidden content',
    label: 'an embedded file nothing refers to',
    ...EMBEDDED,
    files: async () =>
      pdf('orphan.pdf', onePage({ extra: [{ dict: '/Type /EmbeddedFile /Subtype /application#2Fx-msdownload', data: EXE }] })),
  },
  {
    category: 'hidden content',
    label: 'JavaScript run on opening (/OpenAction /JS)',
    ...ACTIVE,
    files: async () => pdf('script.pdf', onePage({ catalog: '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>' })),
  },
  {
    category: 'hidden content',
    label: 'a /Launch action',
    ...ACTIVE,
    files: async () => pdf('launch.pdf', onePage({ catalog: '/OpenAction << /S /Launch /Win << /F (cmd.exe) /P (/c calc) >> >>' })),
  },
  {
    category: 'hidden content',
    label: 'JavaScript in an object stream',
    ...ACTIVE,
    files: async () => pdf('packed.pdf', await scriptInObjectStream()),
  },
  {
    category: 'hidden content',
    label: 'JavaScript nested 100 dictionaries deep',
    ...ACTIVE,
    files: async () =>
      pdf('deep.pdf', onePage({ catalog: `/Extra ${'<< /A '.repeat(100)}<< /S /JavaScript /JS (app.alert(1)) >>${' >>'.repeat(100)}` })),
  },
  {
    category: 'hidden content',
    label: 'JavaScript in the catalog the cross-reference opens, a harmless twin of it after',
    ...ACTIVE,
    files: async () =>
      pdf(
        'twins.pdf',
        pdfWithDefinitions(
          [
            { n: 1, body: '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>' },
            ...TWIN_PAGES,
            { n: 5, body: '<< /Type /Annot /Subtype /Text /Rect [0 0 9 9] >>' },
            { n: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
          ],
          'first',
        ),
      ),
  },
  {
    category: 'hidden content',
    label: 'a launch action in an annotation, shadowed by a harmless twin in an object stream',
    ...ACTIVE,
    files: async () => {
      const twin = '5 0 << /Type /Annot /Subtype /Text /Rect [0 0 9 9] >>';
      return pdf(
        'shadowed.pdf',
        pdfWithDefinitions(
          [
            { n: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
            ...TWIN_PAGES,
            { n: 5, body: '<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (cmd.exe) >> >>' },
            { n: 6, body: `<< /Type /ObjStm /N 1 /First 4 /Length ${twin.length} >>\nstream\n${twin}\nendstream` },
          ],
          'first',
        ),
      );
    },
  },
  {
    category: 'hidden content',
    label: 'a file attachment in an object stream, behind a harmless annotation of the same number',
    ...EMBEDDED,
    files: async () => {
      const hidden = '5 0 << /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS (payload.exe) >>';
      return pdf(
        'attachment-twin.pdf',
        pdfWithDefinitions(
          [
            { n: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
            ...TWIN_PAGES,
            { n: 6, body: `<< /Type /ObjStm /N 1 /First 4 /Length ${hidden.length} >>\nstream\n${hidden}\nendstream` },
            { n: 5, body: '<< /Type /Annot /Subtype /Text /Rect [0 0 9 9] >>' },
          ],
          'last',
        ),
      );
    },
  },
  {
    category: 'hidden content',
    label: 'JavaScript at the end of an array of a million elements',
    ...ACTIVE,
    // A walk that spread an array's elements as arguments overflowed the stack on it: the check
    // failed, and the filer got a 500 instead of the reason.
    files: async () => pdf('long.pdf', onePage({ catalog: `/Extra [${' 0'.repeat(1_000_000)} << /S /JavaScript /JS (app.alert(1)) >> ]` })),
  },
  {
    category: 'hidden content',
    label: 'a link to a javascript: URI',
    ...ACTIVE,
    files: async () =>
      pdf(
        'link.pdf',
        onePage({ page: '/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 99 99] /A << /S /URI /URI (javascript:alert(1)) >> >>]' }),
      ),
  },
];

function brokenTrailer(): Buffer {
  return Buffer.from(
    onePage()
      .toString('latin1')
      .replace(/trailer\n<<([^>]*)>>/, 'trailer\n<<$1 /Info << /Title (never closed)'),
    'latin1',
  );
}

// ---------------------------------------------------------------------------------------------

interface Outcome {
  readonly category: Category;
  readonly label: string;
  readonly answer: string;
  readonly ms: number;
  readonly cpuMs: number;
  readonly growthMb: number;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('hostile files posted as filing documents (e2e, proof R5)', () => {
  let api: RunningApi;
  let storageDir: string;
  let courtId: string;
  let filer: TestUser;
  let token: string;
  const outcomes: Outcome[] = [];

  /** Everything a refused filing might have left: rows scoped to this test's court and filer. */
  async function written(requestId: string, hashes: string[]): Promise<Record<string, number>> {
    const one = async (sql: string, params: unknown[]) => Number((await testDb().query<{ n: string }>(sql, params)).rows[0].n);
    return {
      filings: await one('SELECT count(*) AS n FROM filings WHERE court_id = $1 OR filer_user_id = $2', [courtId, filer.id]),
      filing_documents: await one(
        'SELECT count(*) AS n FROM filing_documents d JOIN filings f ON f.id = d.filing_id WHERE f.filer_user_id = $1',
        [filer.id],
      ),
      document_blobs: await one('SELECT count(*) AS n FROM document_blobs WHERE sha256 = ANY($1::text[])', [hashes]),
      cases: await one('SELECT count(*) AS n FROM cases WHERE court_id = $1', [courtId]),
      audit_events: await one('SELECT count(*) AS n FROM audit_events WHERE request_id = $1 OR actor_id = $2 OR court_id = $3', [
        requestId,
        filer.id,
        courtId,
      ]),
    };
  }

  async function setPolicy(policy: HostileCase['policy']): Promise<void> {
    await testDb().query('DELETE FROM court_filing_policies WHERE court_id = $1', [courtId]);
    if (!policy) return;
    await testDb().query('INSERT INTO court_filing_policies (court_id, max_document_bytes, max_documents) VALUES ($1, $2, $3)', [
      courtId,
      policy.maxDocumentBytes ?? null,
      policy.maxDocuments ?? null,
    ]);
  }

  /** Posts one filing the way a client does, with a request id that the audit chain would record. */
  async function post(files: readonly Upload[], requestId: string): Promise<{ status: number; text: string }> {
    try {
      return await send(files, requestId);
    } catch (error) {
      // No answer at all (a hung or crashed api): status 0, shown as such in the table.
      return { status: 0, text: `no answer: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  async function send(files: readonly Upload[], requestId: string): Promise<{ status: number; text: string }> {
    const form = new FormData();
    form.append('metadata', JSON.stringify(openingMetadata({}, files.length)));
    for (const f of files) form.append('documents', new Blob([f.bytes], { type: f.type ?? 'application/pdf' }), f.name);
    const res = await fetch(`${api.baseUrl}/api/filings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'x-request-id': requestId },
      body: form,
      signal: AbortSignal.timeout(120_000),
    });
    return { status: res.status, text: await res.text() };
  }

  beforeAll(async () => {
    storageDir = freshStorageDir('hostile');
    api = await startApiServer({ env: { STORAGE_DIR: storageDir } });
    courtId = (await createCourt()).id;
    filer = await createUser({ roles: ['party'], courtId });
    token = (await login(api.baseUrl, filer.email, filer.password)).accessToken;
  });

  afterAll(async () => {
    await setPolicy(undefined).catch(() => undefined);
    const rows = new Map<Category, { files: number; answers: Map<string, number>; slowest: number; growth: number }>();
    for (const o of outcomes) {
      const row = rows.get(o.category) ?? { files: 0, answers: new Map(), slowest: 0, growth: 0 };
      row.files += 1;
      row.answers.set(o.answer, (row.answers.get(o.answer) ?? 0) + 1);
      row.slowest = Math.max(row.slowest, o.ms);
      row.growth = Math.max(row.growth, o.growthMb);
      rows.set(o.category, row);
    }
    const lines = ['category | files | answers by code | slowest | most memory added', '--- | --- | --- | --- | ---'];
    for (const [category, row] of rows) {
      const answers = [...row.answers].map(([answer, n]) => `${answer} ×${n}`).join(', ');
      lines.push(`${category} | ${row.files} | ${answers} | ${row.slowest} ms | ${row.growth} MB`);
    }
    lines.push('', 'file | answer | ms | CPU ms | MB added', '--- | --- | --- | --- | ---');
    for (const o of outcomes) lines.push(`${o.label} | ${o.answer} | ${o.ms} | ${o.cpuMs} | ${o.growthMb}`);
    console.log(`hostile files: ${outcomes.length} sent\n${lines.join('\n')}`);
    await api.close();
    await closeTestDb();
  });

  it('has at least thirty hostile files across the three categories', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.category)).size).toBe(3);
  });

  it.each(CASES.map((c) => [`${c.category}: ${c.label}`, c] as const))(
    'answers %s with a clean 4xx problem, in bounded time and memory, and writes nothing',
    async (_label, hostile) => {
      const files = await hostile.files();
      await setPolicy(hostile.policy);
      const requestId = `${REQUEST_ID_PREFIX}${randomUUID()}`;
      const hashes = files.map((f) => sha256(f.bytes));
      const before = await written(requestId, hashes);
      const storedBefore = filesUnder(storageDir);

      // The api runs in this process: its resident memory is ours. maxRSS is the high-water mark,
      // which catches a peak even while a blocked event loop keeps the sampler from running.
      global.gc?.();
      const rssBefore = process.memoryUsage().rss;
      const peakBefore = process.resourceUsage().maxRSS * 1024;
      let sampled = rssBefore;
      const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 20);
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      let res: { status: number; text: string };
      try {
        res = await post(files, requestId);
      } finally {
        clearInterval(sampler);
      }
      const ms = Math.round(performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
      const peakAfter = process.resourceUsage().maxRSS * 1024;
      const peak = Math.max(sampled, process.memoryUsage().rss, peakAfter > peakBefore ? peakAfter : 0);
      const growthMb = Math.round((peak - rssBefore) / MiB);
      await setPolicy(undefined);

      let problem: { status?: unknown; code?: unknown; detail?: unknown } = {};
      try {
        problem = JSON.parse(res.text) as typeof problem;
      } catch {
        // not JSON: reported below
      }
      outcomes.push({
        category: hostile.category,
        label: hostile.label,
        answer: res.status === 0 ? 'no answer within 120 s' : `${res.status} ${String(problem.code ?? '-')}`,
        ms,
        cpuMs,
        growthMb,
      });

      expect({ status: res.status, code: problem.code }).toEqual({ status: hostile.status, code: hostile.code });
      expect(problem.status).toBe(res.status);
      expect(typeof problem.detail === 'string' && problem.detail.length >= 10).toBe(true);
      expect(res.text).not.toMatch(/at \w+ \(|node_modules|Error:|QueryFailedError/);
      expect(cpuMs).toBeLessThanOrEqual(WORK_WITHIN_CPU_MS);
      expect(growthMb).toBeLessThan(MEMORY_GROWTH_LIMIT_MB);
      expect(await written(requestId, hashes)).toEqual(before);
      expect(filesUnder(storageDir)).toEqual(storedBefore);
    },
    180_000,
  );

  it('answers everyone else promptly while a file is being checked to its limit, and still refuses the file', async () => {
    const neighbour = await createUser({ roles: ['party'], courtId });
    const neighbourToken = (await login(api.baseUrl, neighbour.email, neighbour.password)).accessToken;
    const probes: { what: string; status: number; ms: number }[] = [];
    const probe = async (what: string, url: string, headers: Record<string, string> = {}) => {
      const started = performance.now();
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      probes.push({ what, status: res.status, ms: Math.round(performance.now() - started) });
    };

    // A valid 0.7 MB document that takes about a minute of CPU to check to its end (see
    // pdfSlowToCheck), where the api gives it about five seconds: its check runs to the time limit.
    const slow = pdfSlowToCheck(1_000, 200);
    let answered = false;
    const checkStarted = performance.now();
    const bomb = post(pdf('slow.pdf', slow), `${REQUEST_ID_PREFIX}${randomUUID()}`).finally(() => (answered = true));
    while (!answered) {
      await probe('health', `${api.baseUrl}/health`);
      await probe("another filer's list", `${api.baseUrl}/api/filings`, { authorization: `Bearer ${neighbourToken}` });
      await new Promise((r) => setTimeout(r, 100));
    }
    const res = await bomb;
    const checkMs = performance.now() - checkStarted;
    console.log(
      `while a file was checked to its limit (${Math.round(checkMs)} ms): ${probes.length} other requests answered, slowest ${Math.max(...probes.map((p) => p.ms))} ms`,
    );

    const problem = JSON.parse(res.text) as { code?: string; detail?: string };
    expect({ status: res.status, code: problem.code }).toEqual(TOO_COMPLEX);
    // Refused by the time limit, the one this test is about, not by another of the checks.
    expect(problem.detail).toMatch(/could not be checked within \d+ seconds/);
    // The check ran for seconds (to its time limit, a wall-clock one); every request meanwhile was
    // answered, none waited for it. A check on the api's own thread would have held the probes,
    // which run in this same process, for about the whole check: a handful of probes, one of them
    // as long as the check. Against that, not against a stopwatch the load can break.
    expect(probes.length).toBeGreaterThanOrEqual(10);
    expect(probes.filter((p) => p.status !== 200)).toEqual([]);
    expect(probes.filter((p) => p.ms > checkMs / 2)).toEqual([]);
  }, 60_000);

  it('still files an honest document afterwards, and the checks above see what a filing writes', async () => {
    const bytes = await makePdf({ pages: 2 });
    const requestId = `${REQUEST_ID_PREFIX}${randomUUID()}`;
    const before = await written(requestId, [sha256(bytes)]);
    const res = await post([{ name: 'honest.pdf', bytes }], requestId);
    expect(res.status).toBe(201);
    const after = await written(requestId, [sha256(bytes)]);
    expect(after.filings).toBe(before.filings + 1);
    expect(after.document_blobs).toBe(before.document_blobs + 1);
    expect(after.audit_events).toBeGreaterThan(before.audit_events);
    expect(filesUnder(storageDir)).toContain(`documents/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`);
  });
});
