import { createHash, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { generateDevelopmentSeal, loadSealIdentity, type DevelopmentSeal } from './seal-identity';
import { reservedSignatureBytes, sealPdf } from './seal-pdf';
import { OID } from './seal-oids';
import { verifySealedPdf } from './verify-sealed-pdf';

async function smallPdf(pages = 2): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) pdf.addPage([595, 842]).drawText(`Order of the court, page ${i}`, { x: 50, y: 780, size: 12, font });
  return pdf.save();
}

function cmsOf(sealed: Buffer): pkijs.SignedData {
  const match = /\/ByteRange\s*\[\s*0\s+(\d+)\s+(\d+)\s+\d+\s*\]/.exec(sealed.toString('latin1'))!;
  const hex = sealed.toString('latin1', Number(match[1]) + 1, Number(match[2]) - 1);
  const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(Buffer.from(hex, 'hex')).result });
  return new pkijs.SignedData({ schema: contentInfo.content });
}

describe('sealPdf and verifySealedPdf', () => {
  let seal: DevelopmentSeal;
  let sut: Buffer;

  beforeAll(async () => {
    seal = generateDevelopmentSeal('Court of First Instance');
    sut = await sealPdf(await smallPdf(), seal.identity, { signingTime: new Date('2026-12-06T10:00:00Z'), reason: 'Certified copy' });
  });

  it('writes a PAdES signature dictionary with a byte range around the contents', () => {
    const text = sut.toString('latin1');
    expect(text).toContain('/Filter /Adobe.PPKLite');
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    const [, b, c, d] = /\/ByteRange \[0 (\d+) (\d+) (\d+) *\]/.exec(text)!.map(Number);
    expect(c! + d!).toBe(sut.length);
    expect(text[b!]).toBe('<');
    expect(text[c! - 1]).toBe('>');
  });

  it('is valid, unmodified and trusted by its own CA', () => {
    expect(verifySealedPdf(sut, [seal.caCertificatePem])).toEqual({
      valid: true,
      unmodified: true,
      trusted: true,
      signedBy: 'Court of First Instance Development Seal (NOT FOR PRODUCTION)',
      timestamp: undefined,
      problem: undefined,
    });
  });

  it('is valid but not trusted without the CA', () => {
    const result = verifySealedPdf(sut);
    expect(result).toMatchObject({ valid: true, unmodified: true, trusted: false });
  });

  it('is not trusted by another CA', () => {
    const other = generateDevelopmentSeal('Another Court');
    expect(verifySealedPdf(sut, [other.caCertificatePem])).toMatchObject({
      valid: true,
      trusted: false,
      problem: { code: 'certification.untrusted' },
    });
  });

  it('carries signing-certificate-v2 of the signer, the digest, and no signing-time', () => {
    const signerInfo = cmsOf(sut).signerInfos[0]!;
    const types = signerInfo.signedAttrs!.attributes.map((a) => a.type);
    expect(types.sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(types).not.toContain(OID.signingTime);
    const v2 = signerInfo.signedAttrs!.attributes.find((a) => a.type === OID.signingCertificateV2)!.values[0] as asn1js.Sequence;
    const essCertId = (v2.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const certHash = essCertId.valueBlock.value[0] as asn1js.OctetString;
    expect(Buffer.from(certHash.valueBlock.valueHexView)).toEqual(createHash('sha256').update(seal.identity.certificate).digest());
  });

  it('carries the seal certificate and the CA', () => {
    const certs = (cmsOf(sut).certificates ?? []).map((c) => new X509Certificate(Buffer.from((c as pkijs.Certificate).toSchema().toBER())));
    expect(certs.map((c) => c.ca)).toEqual([false, true]);
  });

  it('reports one changed byte in the signed range as modified and invalid', () => {
    const tampered = Buffer.from(sut);
    const at = tampered.indexOf('Order of the court', 0, 'latin1');
    // The page text may be compressed; change a byte early in the file, which is always signed.
    const position = at > 0 ? at : 20;
    tampered[position] = tampered[position]! ^ 0x01;
    expect(verifySealedPdf(tampered, [seal.caCertificatePem])).toMatchObject({
      valid: false,
      unmodified: false,
      trusted: false,
      problem: { code: 'certification.digest_mismatch' },
    });
  });

  it('reports bytes appended after sealing as a modification', () => {
    const appended = Buffer.concat([sut, Buffer.from('\n% appended\n', 'latin1')]);
    expect(verifySealedPdf(appended, [seal.caCertificatePem])).toMatchObject({
      unmodified: false,
      problem: { code: 'certification.not_whole_document' },
    });
  });

  it('appends the signature as an incremental update: the original bytes come first, unchanged', async () => {
    const original = await smallPdf();
    const sealed = await sealPdf(original, seal.identity);
    expect(Buffer.compare(sealed.subarray(0, original.length), original)).toBe(0);
    const reloaded = await PDFDocument.load(sealed);
    expect(reloaded.getPageCount()).toBe(2);
    expect(
      reloaded
        .getForm()
        .getFields()
        .map((f) => f.getName()),
    ).toEqual(['CourtSeal']);
  });

  it('keeps the fields of a PDF that has a form, and names its own field apart', async () => {
    const pdf = await PDFDocument.load(await smallPdf());
    pdf.getForm().createTextField('CourtSeal').addToPage(pdf.getPage(0), { x: 50, y: 50, width: 100, height: 20 });
    const sealed = await sealPdf(await pdf.save(), seal.identity);
    const reloaded = await PDFDocument.load(sealed);
    expect(
      reloaded
        .getForm()
        .getFields()
        .map((f) => f.getName()),
    ).toEqual(['CourtSeal', 'CourtSeal2']);
    expect(reloaded.getPage(0).node.Annots()!.size()).toBe(2);
    expect(verifySealedPdf(sealed, [seal.caCertificatePem])).toMatchObject({ valid: true, unmodified: true, trusted: true });
  });

  it('reports a file without a signature', async () => {
    expect(verifySealedPdf(await smallPdf())).toMatchObject({ valid: false, problem: { code: 'certification.no_signature' } });
  });

  it('reserves room for the chain and a timestamp', () => {
    const chainBytes = seal.identity.certificate.length + seal.identity.chain[0]!.length;
    expect(reservedSignatureBytes(seal.identity)).toBeGreaterThan(chainBytes + 10_000);
  });

  it('refuses a signature larger than the reserved room', async () => {
    await expect(sealPdf(await smallPdf(), seal.identity, { reservedBytes: 200 })).rejects.toMatchObject({
      code: 'certification.seal_placeholder_too_small',
    });
  });

  it('refuses bytes that are not a PDF', async () => {
    await expect(sealPdf(Buffer.from('not a pdf'), seal.identity)).rejects.toMatchObject({ code: 'certification.seal_pdf_unreadable' });
  });
});

describe('loadSealIdentity', () => {
  it('opens the PKCS#12 of a development seal', () => {
    const seal = generateDevelopmentSeal('Court of Appeal');
    const sut = loadSealIdentity(seal.p12, seal.p12Password);
    expect(sut.certificate).toEqual(seal.identity.certificate);
    expect(sut.chain).toEqual(seal.identity.chain);
    expect(sut.signerName).toBe('Court of Appeal Development Seal (NOT FOR PRODUCTION)');
  });

  it('refuses a wrong password with a sentence', () => {
    const seal = generateDevelopmentSeal('Court of Appeal');
    expect(() => loadSealIdentity(seal.p12, 'wrong')).toThrow(expect.objectContaining({ code: 'certification.seal_identity_unreadable' }));
  });

  it('issues a seal certificate for signing and a CA that may issue', () => {
    const seal = generateDevelopmentSeal('Court of Appeal');
    const sealCert = new X509Certificate(seal.sealCertificatePem);
    const ca = new X509Certificate(seal.caCertificatePem);
    expect(ca.ca).toBe(true);
    expect(sealCert.ca).toBe(false);
    expect(sealCert.checkIssued(ca)).toBe(true);
    expect(sealCert.verify(ca.publicKey)).toBe(true);
  });
});
