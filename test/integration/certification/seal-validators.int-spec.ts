import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import * as pkijs from 'pkijs';
import {
  generateDevelopmentSeal,
  httpTimestampFetcher,
  loadSealIdentity,
  sealPdf,
  timestampRequest,
  tokenFromResponse,
  verifySealedPdf,
  type DevelopmentSeal,
} from '@ejustice/certification/seal';

/**
 * The seal judged by validators that are not ours (issue 10, point 5): poppler's pdfsig, with and
 * without the court CA in its NSS store, and OpenSSL's cms; and the B-T path against a TSA run here
 * by `openssl ts -reply`. pdfsig exits 0 even on a digest mismatch, so every check reads its output.
 */
const run = promisify(execFile);

async function pdfsig(file: string, nssDir?: string): Promise<string> {
  const { stdout } = await run('pdfsig', [...(nssDir ? ['-nssdir', `sql:${nssDir}`] : []), file]);
  return stdout;
}

async function smallPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595, 842]).drawText('Judgment of 6 December 2026', { x: 50, y: 780, size: 12, font });
  pdf.addPage([595, 842]).drawText('Page two', { x: 50, y: 780, size: 12, font });
  return pdf.save();
}

/** The signed bytes and the DER CMS of the (only) signature, cut out by its /ByteRange. */
function splitSignature(sealed: Buffer): { signedBytes: Buffer; cms: Buffer } {
  const [, a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+) *\]/.exec(sealed.toString('latin1'))!.map(Number);
  const hex = sealed.toString('latin1', b! + 1, c! - 1);
  return { signedBytes: Buffer.concat([sealed.subarray(a!, b!), sealed.subarray(c!, c! + d!)]), cms: Buffer.from(hex, 'hex') };
}

/** Turns the year of the first date string ("(D:2026...", the seal's /M) into 3026: one signed byte, the PDF still readable. */
function flipOneSignedByte(sealed: Buffer): Buffer {
  const tampered = Buffer.from(sealed);
  const at = tampered.indexOf('(D:2', 0, 'latin1') + 3;
  expect(at).toBeGreaterThan(3);
  const [, , contentsStart, contentsEnd] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+) *\]/.exec(sealed.toString('latin1'))!.map(Number);
  expect(at < contentsStart! || at >= contentsEnd!).toBe(true);
  tampered[at] = tampered[at]! ^ 0x01;
  return tampered;
}

describe('the seal, judged by pdfsig and OpenSSL', () => {
  let dir: string;
  let nssDir: string;
  let seal: DevelopmentSeal;
  let sealed: Buffer;
  const path = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ej-seal-'));
    seal = generateDevelopmentSeal('Court of First Instance');
    await writeFile(path('ca.pem'), seal.caCertificatePem);
    sealed = await sealPdf(await smallPdf(), seal.identity, { reason: 'Certified copy' });
    await writeFile(path('sealed.pdf'), sealed);
    nssDir = path('nss');
    await run('mkdir', [nssDir]);
    await run('certutil', ['-N', '-d', `sql:${nssDir}`, '--empty-password']);
    await run('certutil', ['-A', '-n', 'court-ca', '-t', 'CT,C,C', '-i', path('ca.pem'), '-d', `sql:${nssDir}`]);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('pdfsig: valid, whole document signed, as ETSI.CAdES.detached with SHA-256', async () => {
    const out = await pdfsig(path('sealed.pdf'));
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('  - Total document signed');
    expect(out).not.toContain('Not total document signed');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
    expect(out).toContain('Signer Certificate Common Name: Court of First Instance Development Seal (NOT FOR PRODUCTION)');
    // Without the court CA in its store, NSS cannot trust the seal.
    expect(out).not.toContain('Certificate is Trusted.');
  });

  it('pdfsig: trusted once the court CA is in its NSS store', async () => {
    const out = await pdfsig(path('sealed.pdf'), nssDir);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Certificate Validation: Certificate is Trusted.');
  });

  it('openssl cms -verify accepts the CMS over the signed byte ranges, chained to the court CA', async () => {
    const { signedBytes, cms } = splitSignature(sealed);
    await writeFile(path('signed.bin'), signedBytes);
    await writeFile(path('cms.der'), cms);
    const args = ['cms', '-verify', '-inform', 'DER', '-in', path('cms.der'), '-binary', '-content', path('signed.bin')];
    const { stderr } = await run('openssl', [...args, '-CAfile', path('ca.pem'), '-purpose', 'any', '-out', '/dev/null']);
    expect(stderr).toContain('CMS Verification successful');
    // and refuses the same CMS over one changed byte
    const changed = Buffer.from(signedBytes);
    changed[10] = changed[10]! ^ 0x01;
    await writeFile(path('changed.bin'), changed);
    await expect(
      run('openssl', [...args.slice(0, -1), path('changed.bin'), '-CAfile', path('ca.pem'), '-purpose', 'any', '-out', '/dev/null']),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('Verification failure') });
  });

  it('openssl cms -print: signing-certificate-v2 is signed, signing-time is absent', async () => {
    await writeFile(path('cms.der'), splitSignature(sealed).cms);
    const { stdout } = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path('cms.der')]);
    const signedAttrs = stdout.slice(stdout.indexOf('signedAttrs:'), stdout.indexOf('signatureAlgorithm:', stdout.indexOf('signedAttrs:')));
    expect(signedAttrs).toContain('id-smime-aa-signingCertificateV2 (1.2.840.113549.1.9.16.2.47)');
    expect(signedAttrs).toContain('messageDigest (1.2.840.113549.1.9.4)');
    expect(signedAttrs).toContain('contentType (1.2.840.113549.1.9.3)');
    expect(stdout).not.toContain('signingTime');
    expect(stdout).toMatch(/unsignedAttrs:\s*<ABSENT>/);
  });

  it('one changed byte: pdfsig reports a digest mismatch, and so does our verification', async () => {
    const tampered = flipOneSignedByte(sealed);
    await writeFile(path('tampered.pdf'), tampered);
    const out = await pdfsig(path('tampered.pdf'), nssDir);
    expect(out).toContain('Signature Validation: Digest Mismatch.');
    expect(out).not.toContain('Signature is Valid.');
    expect(verifySealedPdf(tampered, [seal.caCertificatePem])).toMatchObject({ valid: false, unmodified: false, trusted: false });
  });

  it('bytes appended after sealing: pdfsig says not the total document, and so does our verification', async () => {
    const appended = Buffer.concat([sealed, Buffer.from('\n% appended after sealing\n', 'latin1')]);
    await writeFile(path('appended.pdf'), appended);
    const out = await pdfsig(path('appended.pdf'), nssDir);
    expect(out).toContain('Not total document signed');
    expect(verifySealedPdf(appended, [seal.caCertificatePem])).toMatchObject({ unmodified: false });
  });

  it.each([
    ['a classic cross-reference table', { useObjectStreams: false }],
    ['object streams and a cross-reference stream', { useObjectStreams: true }],
  ])('pdfsig accepts the seal of a PDF with %s, and pdftotext still reads its pages', async (_shape, saveOptions) => {
    const input = await PDFDocument.load(await smallPdf());
    const sealedShape = await sealPdf(await input.save(saveOptions), seal.identity);
    await writeFile(path('shape.pdf'), sealedShape);
    const out = await pdfsig(path('shape.pdf'), nssDir);
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Certificate is Trusted.');
    const { stdout: text } = await run('pdftotext', [path('shape.pdf'), '-']);
    expect(text).toContain('Judgment of 6 December 2026');
    expect(text).toContain('Page two');
  });

  it('a second seal on a sealed PDF: pdfsig sees two valid signatures, only the last covering the whole file', async () => {
    const twice = await sealPdf(sealed, seal.identity);
    await writeFile(path('twice.pdf'), twice);
    const out = await pdfsig(path('twice.pdf'), nssDir);
    expect(out.match(/Signature is Valid\./g)).toHaveLength(2);
    expect(out).toContain('Signature Field Name: CourtSeal2');
    expect(out.indexOf('Not total document signed')).toBeLessThan(out.indexOf('Signature #2'));
    expect(out.slice(out.indexOf('Signature #2'))).toContain('Total document signed');
    expect(verifySealedPdf(twice, [seal.caCertificatePem])).toMatchObject({ valid: true, unmodified: true, trusted: true });
  });

  it('a PKCS#12 written by OpenSSL 3 (AES-256, SHA-256 MAC) seals, and pdfsig trusts it', async () => {
    await writeFile(path('seal.pem'), seal.sealCertificatePem);
    await writeFile(path('seal.p12'), seal.p12);
    await run('openssl', ['pkcs12', '-in', path('seal.p12'), '-passin', `pass:${seal.p12Password}`, '-nodes', '-out', path('all.pem')]);
    await run('openssl', ['pkcs12', '-export', '-in', path('all.pem'), '-passout', 'pass:court-secret', '-out', path('openssl.p12')]);
    const identity = loadSealIdentity(await readFile(path('openssl.p12')), 'court-secret');
    const resealed = await sealPdf(await smallPdf(), identity);
    await writeFile(path('resealed.pdf'), resealed);
    const out = await pdfsig(path('resealed.pdf'), nssDir);
    expect(out).toContain('Signature is Valid.');
    expect(out).toContain('Certificate is Trusted.');
  });
});

describe('the seal with a timestamp (PAdES B-T), against a TSA run here', () => {
  let dir: string;
  let tsa: Server;
  let tsaUrl: string;
  let seal: DevelopmentSeal;
  let requests = 0;
  let lastReply: Buffer | undefined;
  const path = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ej-tsa-'));
    seal = generateDevelopmentSeal('Court of First Instance');
    await writeFile(path('ca.pem'), seal.caCertificatePem);
    // A TSA certificate as RFC 3161 §2.3 wants it: extendedKeyUsage timeStamping, critical.
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      path('tsa.key'),
      '-out',
      path('tsa.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=Test Time-Stamping Authority',
      '-addext',
      'extendedKeyUsage=critical,timeStamping',
      '-addext',
      'keyUsage=critical,digitalSignature',
    ]);
    await writeFile(path('tsaserial'), '01\n');
    await writeFile(
      path('ts.cnf'),
      [
        '[ tsa ]',
        'default_tsa = test_tsa',
        '[ test_tsa ]',
        `serial = ${path('tsaserial')}`,
        `signer_cert = ${path('tsa.pem')}`,
        `signer_key = ${path('tsa.key')}`,
        'signer_digest = sha256',
        'default_policy = 1.3.6.1.4.1.99999.1',
        'digests = sha256, sha384, sha512',
        'accuracy = secs:1',
        'ordering = no',
        'tsa_name = yes',
        'ess_cert_id_alg = sha256',
        '',
      ].join('\n'),
    );
    tsa = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.url === '/down') return void res.writeHead(503).end();
        // A replayed reply: a genuine token, but for an earlier request.
        if (req.url === '/replay') return void res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(lastReply);
        requests++;
        const n = requests;
        void (async () => {
          try {
            await writeFile(path(`q${n}.tsq`), Buffer.concat(chunks));
            await run('openssl', ['ts', '-reply', '-config', path('ts.cnf'), '-queryfile', path(`q${n}.tsq`), '-out', path(`r${n}.tsr`)]);
            lastReply = await readFile(path(`r${n}.tsr`));
            res.writeHead(200, { 'content-type': 'application/timestamp-reply' }).end(lastReply);
          } catch (error) {
            res.writeHead(500).end(String(error));
          }
        })();
      });
    });
    await new Promise<void>((resolve) => tsa.listen(0, '127.0.0.1', resolve));
    tsaUrl = `http://127.0.0.1:${(tsa.address() as AddressInfo).port}/tsa`;
  });

  afterAll(async () => {
    await new Promise((resolve) => tsa.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('adds the token as signature-time-stamp, our verifier checks it, pdfsig and OpenSSL still accept the seal', async () => {
    const sealed = await sealPdf(await smallPdf(), seal.identity, { timestampUrl: tsaUrl });
    expect(requests).toBe(1);
    await writeFile(path('sealed.pdf'), sealed);

    const ours = verifySealedPdf(sealed, [seal.caCertificatePem]);
    expect(ours).toMatchObject({
      valid: true,
      unmodified: true,
      trusted: true,
      timestamp: { valid: true, trusted: false, authority: 'Test Time-Stamping Authority' },
    });
    const tsaCert = await readFile(path('tsa.pem'), 'utf8');
    expect(verifySealedPdf(sealed, [seal.caCertificatePem], { trustedTsaCerts: [tsaCert] }).timestamp).toMatchObject({
      valid: true,
      trusted: true,
    });
    expect(Math.abs(Date.parse(ours.timestamp!.time) - Date.now())).toBeLessThan(10 * 60_000);

    const { signedBytes, cms } = splitSignature(sealed);
    await writeFile(path('cms.der'), cms);
    await writeFile(path('signed.bin'), signedBytes);
    const { stdout } = await run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', path('cms.der')]);
    const unsignedAttrs = stdout.slice(stdout.lastIndexOf('unsignedAttrs:'));
    expect(unsignedAttrs).toContain('id-smime-aa-timeStampToken (1.2.840.113549.1.9.16.2.14)');
    const { stderr } = await run('openssl', [
      'cms',
      '-verify',
      '-inform',
      'DER',
      '-in',
      path('cms.der'),
      '-binary',
      '-content',
      path('signed.bin'),
      '-CAfile',
      path('ca.pem'),
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]);
    expect(stderr).toContain('CMS Verification successful');

    const out = await pdfsig(path('sealed.pdf'));
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
  });

  it('OpenSSL verifies the embedded token against the signature value it stamps', async () => {
    const sealed = await sealPdf(await smallPdf(), seal.identity, { timestampUrl: tsaUrl });
    const { cms } = splitSignature(sealed);
    await writeFile(path('cms2.der'), cms);
    // Cut the token out with OpenSSL itself: the last signature-time-stamp attribute's value.
    const { stdout } = await run('openssl', ['asn1parse', '-inform', 'DER', '-in', path('cms2.der')]);
    const lines = stdout.split('\n');
    const oidLine = lines.findIndex((l) => l.includes('id-smime-aa-timeStampToken'));
    const tokenLine = lines.slice(oidLine + 1).find((l) => / cons: SEQUENCE/.test(l))!;
    const offset = Number(/^\s*(\d+):/.exec(tokenLine)![1]);
    await run('openssl', [
      'asn1parse',
      '-inform',
      'DER',
      '-in',
      path('cms2.der'),
      '-strparse',
      String(offset),
      '-noout',
      '-out',
      path('token.der'),
    ]);
    const signatureValue = signatureValueOf(sealed);
    await writeFile(path('signature.bin'), signatureValue);
    const { stdout: verified } = await run('openssl', [
      'ts',
      '-verify',
      '-data',
      path('signature.bin'),
      '-in',
      path('token.der'),
      '-token_in',
      '-CAfile',
      path('tsa.pem'),
    ]);
    expect(verified).toContain('Verification: OK');
  });

  it('refuses a reply that stamps another request (a replayed token)', async () => {
    await sealPdf(await smallPdf(), seal.identity, { timestampUrl: tsaUrl });
    expect(lastReply).toBeDefined();
    await expect(sealPdf(await smallPdf(), seal.identity, { timestampUrl: tsaUrl.replace(/\/tsa$/, '/replay') })).rejects.toMatchObject({
      code: 'certification.timestamp_unavailable',
    });
  });

  it('OpenSSL grants a request whose random nonce begins with a zero octet', async () => {
    // The nonce 0x00 0x01 ... padded as it came would be a non-DER INTEGER, which OpenSSL rejects.
    const request = timestampRequest(Buffer.from('signature value'), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7]));
    const reply = await fetch(tsaUrl, { method: 'POST', headers: { 'content-type': 'application/timestamp-query' }, body: request });
    expect(reply.status).toBe(200);
    const token = tokenFromResponse(new Uint8Array(await reply.arrayBuffer()), request);
    expect(token.length).toBeGreaterThan(0);
  });

  it('our verifier refuses a genuine token that stamps something other than this signature', async () => {
    const stampOther = httpTimestampFetcher(tsaUrl);
    const sealed = await sealPdf(await smallPdf(), seal.identity, {
      fetchTimestamp: () => stampOther(Buffer.from('another signature value')),
    });
    expect(verifySealedPdf(sealed, [seal.caCertificatePem])).toMatchObject({
      valid: false,
      trusted: false,
      timestamp: { valid: false },
      problem: { code: 'certification.timestamp_invalid' },
    });
  });

  it('refuses to seal when the TSA answers with an error, rather than seal without the asked-for timestamp', async () => {
    await expect(sealPdf(await smallPdf(), seal.identity, { timestampUrl: tsaUrl.replace(/\/tsa$/, '/down') })).rejects.toMatchObject({
      code: 'certification.timestamp_unavailable',
    });
  });
});

/** The signer's signature value inside the sealed PDF's CMS (what the timestamp must stamp). */
function signatureValueOf(sealed: Buffer): Buffer {
  const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(splitSignature(sealed).cms).result });
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  return Buffer.from(signedData.signerInfos[0]!.signature.valueBlock.valueHexView);
}
