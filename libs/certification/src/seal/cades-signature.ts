import { createHash, sign as nodeSign } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './seal-oids';
import type { SealIdentity } from './seal-identity';

/**
 * Asks a time-stamping authority for an RFC 3161 token over `signatureValue` and returns the
 * token (a DER ContentInfo). Given by the caller so the CMS stays a pure function of its inputs.
 */
export type TimestampFetcher = (signatureValue: Uint8Array) => Promise<Uint8Array>;

/**
 * Builds the detached CMS SignedData of a PAdES B-B signature (ETSI EN 319 142-1, CAdES
 * baseline): signed attributes content-type, message-digest and signing-certificate-v2, and no
 * signing-time, which PAdES forbids (the claimed time lives in the signature dictionary's /M).
 * With `fetchTimestamp`, the signature value is timestamped and the token goes in as the unsigned
 * attribute signature-time-stamp (B-T).
 */
export async function buildCadesSignature(
  documentDigest: Uint8Array,
  identity: SealIdentity,
  fetchTimestamp?: TimestampFetcher,
): Promise<Buffer> {
  const signerCertificate = pkijs.Certificate.fromBER(identity.certificate);
  const attributes = sortForDer([
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: documentDigest })),
    attribute(OID.signingCertificateV2, signingCertificateV2(identity.certificate)),
  ]);
  // The signature covers the DER of the attributes as a SET OF (RFC 5652 §5.4), not the [0] field.
  const signedAttributesDer = new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER(false);
  const { algorithm, signatureValue } = signDigestInput(Buffer.from(signedAttributesDer), identity);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: signerCertificate.issuer, serialNumber: signerCertificate.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm: algorithm,
    signature: new asn1js.OctetString({ valueHex: signatureValue }),
  });
  if (fetchTimestamp) {
    const token = await fetchTimestamp(signatureValue);
    const parsed = asn1js.fromBER(token);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.signatureTimeStampToken, values: [parsed.result] })],
    });
  }

  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [identity.certificate, ...identity.chain].map((der) => pkijs.Certificate.fromBER(der)),
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

/**
 * signing-certificate-v2 (RFC 5035): one ESSCertIDv2 with the SHA-256 of the signer's certificate.
 * hashAlgorithm is left out because SHA-256 is its DEFAULT (DER omits defaults); issuerSerial is
 * left out as ETSI EN 319 122-1 recommends, since the SignerInfo's sid already names the certificate.
 */
export function signingCertificateV2(certificateDer: Uint8Array): asn1js.Sequence {
  const certHash = createHash('sha256').update(certificateDer).digest();
  const essCertIdV2 = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** DER encodes a SET OF in the order of its members' encodings (X.690 §11.6). */
function sortForDer(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER(false)) }));
  return encoded.sort((x, y) => Buffer.compare(x.der, y.der)).map((e) => e.a);
}

function signDigestInput(data: Buffer, identity: SealIdentity): { algorithm: pkijs.AlgorithmIdentifier; signatureValue: Buffer } {
  const keyType = identity.privateKey.asymmetricKeyType;
  if (keyType === 'ec') {
    return {
      algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
      signatureValue: nodeSign('sha256', data, { key: identity.privateKey, dsaEncoding: 'der' }),
    };
  }
  return {
    algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() }),
    signatureValue: nodeSign('sha256', data, identity.privateKey),
  };
}
