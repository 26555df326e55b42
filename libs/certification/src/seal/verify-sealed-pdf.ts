import { createHash, verify as nodeVerify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { DIGEST_BY_OID, OID } from './seal-oids';
import { tstInfoOf } from './timestamp';

/** What our own verification found; a field is true only when it was positively established. */
export interface SealVerification {
  /** The CMS signature is sound: digest, signed attributes, signature and timestamp all check out. */
  readonly valid: boolean;
  /** The signature covers the whole file except its own /Contents, and the file is unchanged since. */
  readonly unmodified: boolean;
  /** The signer's certificate chains to one of the CAs given to the verifier, valid at signing time. */
  readonly trusted: boolean;
  readonly signedBy?: string;
  /**
   * The signature-time-stamp (B-T): `valid` when it stamps this signature and its token verifies;
   * `trusted` when the TSA's certificate is for time-stamping and chains to a CA (or TSA) given.
   */
  readonly timestamp?: { readonly time: string; readonly valid: boolean; readonly trusted: boolean; readonly authority: string };
  /** The first thing found wrong, with a stable code. */
  readonly problem?: { readonly code: string; readonly detail: string };
}

type Problem = NonNullable<SealVerification['problem']>;
type Trusted = readonly (Uint8Array | string)[];

export interface VerifyOptions {
  /** Certificates of time-stamping authorities (or their CAs) to trust besides `trustedCaCerts`. */
  readonly trustedTsaCerts?: Trusted;
}

/** RFC 3161 §2.3: a TSA's certificate is for time-stamping only (extendedKeyUsage id-kp-timeStamping). */
const TIME_STAMPING_EKU = '1.3.6.1.5.5.7.3.8';

const BYTE_RANGE = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;

/**
 * Verifies the last signature of a sealed PDF without any PDF library: the byte range must cover
 * the whole file but the /Contents hex string, the CMS message-digest must equal the SHA-256 of
 * those ranges, the signer must be the certificate named by signing-certificate-v2, the signature
 * must verify, a timestamp (if any) must stamp this signature, and the chain must end at one of
 * `trustedCaCerts` (DER or PEM) for `trusted`.
 */
export function verifySealedPdf(bytes: Uint8Array, trustedCaCerts: Trusted = [], options: VerifyOptions = {}): SealVerification {
  const pdf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The last signature is the one that covers the most; find it without decoding the whole file.
  const at = pdf.lastIndexOf('/ByteRange', undefined, 'latin1');
  const last = at < 0 ? undefined : BYTE_RANGE.exec(pdf.toString('latin1', at, at + 120));
  if (!last) return refused('certification.no_signature', 'The file carries no PDF signature.');
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) {
    return refused('certification.byte_range_malformed', 'The signature byte range does not frame its /Contents.');
  }
  const hex = pdf.toString('latin1', b + 1, c - 1);
  if (!/^[0-9A-Fa-f]*$/.test(hex)) return refused('certification.byte_range_malformed', 'The signature /Contents is not hex.');
  const coversWholeFile = c + d === pdf.length;
  const documentDigest = createHash('sha256')
    .update(pdf.subarray(0, b))
    .update(pdf.subarray(c, c + d))
    .digest();

  let signedData: pkijs.SignedData;
  try {
    const der = Buffer.from(hex, 'hex');
    const parsed = asn1js.fromBER(der);
    if (parsed.offset === -1) throw new Error(parsed.result.error);
    const contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
    if (contentInfo.contentType !== OID.signedData) throw new Error('not a SignedData');
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (error) {
    return refused('certification.cms_unreadable', `The signature is not a readable CMS SignedData (${message(error)}).`);
  }

  const signer = checkSignerInfo(signedData, documentDigest);
  const problems: Problem[] = [];
  if (signer.problem) problems.push(signer.problem);
  if (!coversWholeFile) {
    problems.push({ code: 'certification.not_whole_document', detail: 'Bytes were added to the file after it was sealed.' });
  }

  const trustedTsas = [...trustedCaCerts, ...(options.trustedTsaCerts ?? [])].map(toX509);
  const timestamp = signer.signerInfo ? checkSignatureTimestamp(signer.signerInfo, trustedTsas) : undefined;
  if (timestamp && !timestamp.valid) problems.push(timestamp.problem!);

  const signingTime = timestamp?.valid ? new Date(timestamp.time) : new Date();
  const trust = signer.certificate
    ? chainsToTrustedCa(signer.certificate, certificatesOf(signedData), trustedCaCerts.map(toX509), signingTime)
    : { trusted: false };
  if (!trust.trusted && trust.problem && trustedCaCerts.length > 0) problems.push(trust.problem);

  const valid = signer.signatureValid && signer.digestMatches && (!timestamp || timestamp.valid);
  return {
    valid,
    unmodified: coversWholeFile && signer.digestMatches,
    trusted: valid && trust.trusted,
    signedBy: signer.certificate ? commonName(signer.certificate.subject) : undefined,
    timestamp: timestamp && { time: timestamp.time, valid: timestamp.valid, trusted: timestamp.trusted, authority: timestamp.authority },
    problem: problems[0],
  };
}

interface SignerCheck {
  readonly signerInfo?: pkijs.SignerInfo;
  readonly certificate?: X509Certificate;
  readonly digestMatches: boolean;
  readonly signatureValid: boolean;
  readonly problem?: Problem;
}

/**
 * Checks the (single) SignerInfo of a SignedData against the digest of its detached content:
 * message-digest, the signature over the signed attributes, and, where asked, signing-certificate-v2.
 */
function checkSignerInfo(signedData: pkijs.SignedData, contentDigest: Buffer, requireCades = true): SignerCheck {
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo || signedData.signerInfos.length !== 1) {
    return fail('certification.cms_signers', 'The CMS must carry exactly one signer.');
  }
  const certificate = signerCertificate(signedData, signerInfo);
  if (!certificate) return fail('certification.signer_certificate_missing', "The CMS does not carry its signer's certificate.", signerInfo);
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  if (!signerInfo.signedAttrs)
    return fail('certification.signed_attributes_missing', 'The CMS has no signed attributes.', signerInfo, certificate);

  const digestName = DIGEST_BY_OID[signerInfo.digestAlgorithm.algorithmId];
  if (!digestName)
    return fail('certification.digest_unsupported', 'The CMS uses a digest algorithm we do not check.', signerInfo, certificate);
  const messageDigest = attributeValue(attributes, OID.messageDigest);
  const digestMatches =
    messageDigest instanceof asn1js.OctetString && Buffer.from(messageDigest.valueBlock.valueHexView).equals(contentDigest);

  const signedAttributesDer = Buffer.from(signerInfo.signedAttrs.encodedValue); // already re-tagged as SET OF
  const signatureValid = verifySignature(signerInfo, certificate, signedAttributesDer, digestName);

  // A seal that breaks the PAdES baseline rules is not one of ours, however sound its mathematics.
  const baselineProblem = requireCades ? cadesBaselineProblem(attributes, certificate) : undefined;
  let problem: Problem | undefined = baselineProblem;
  if (!digestMatches) problem = { code: 'certification.digest_mismatch', detail: 'The document was changed after it was sealed.' };
  else if (!signatureValid) problem = { code: 'certification.signature_invalid', detail: 'The seal signature does not verify.' };
  return { signerInfo, certificate, digestMatches, signatureValid: signatureValid && !baselineProblem, problem };

  function fail(code: string, detail: string, info?: pkijs.SignerInfo, cert?: X509Certificate): SignerCheck {
    return { signerInfo: info, certificate: cert, digestMatches: false, signatureValid: false, problem: { code, detail } };
  }
}

/** PAdES baseline rules for the signed attributes: signing-certificate-v2 names the signer; no signing-time. */
function cadesBaselineProblem(attributes: readonly pkijs.Attribute[], certificate: X509Certificate): Problem | undefined {
  const value = attributeValue(attributes, OID.signingCertificateV2);
  if (!(value instanceof asn1js.Sequence)) {
    return { code: 'certification.signing_certificate_mismatch', detail: 'The seal lacks the signing-certificate-v2 attribute.' };
  }
  const certs = value.valueBlock.value[0];
  const first = certs instanceof asn1js.Sequence ? certs.valueBlock.value[0] : undefined;
  const parts = first instanceof asn1js.Sequence ? first.valueBlock.value : [];
  const hasAlgorithm = parts[0] instanceof asn1js.Sequence;
  const algorithm = hasAlgorithm ? new pkijs.AlgorithmIdentifier({ schema: parts[0] }).algorithmId : OID.sha256;
  const certHash = parts[hasAlgorithm ? 1 : 0];
  const digestName = DIGEST_BY_OID[algorithm];
  const matches =
    digestName !== undefined &&
    certHash instanceof asn1js.OctetString &&
    Buffer.from(certHash.valueBlock.valueHexView).equals(createHash(digestName).update(certificate.raw).digest());
  if (!matches) {
    return {
      code: 'certification.signing_certificate_mismatch',
      detail: 'signing-certificate-v2 does not name the certificate that signed.',
    };
  }
  if (attributeValue(attributes, OID.signingTime) !== undefined) {
    return { code: 'certification.signing_time_present', detail: 'A PAdES seal must not carry a signing-time attribute.' };
  }
  return undefined;
}

/** The timestamp token in the unsigned attributes, if any, checked against this signature value. */
function checkSignatureTimestamp(
  signerInfo: pkijs.SignerInfo,
  trustedTsas: readonly X509Certificate[],
): { time: string; valid: boolean; trusted: boolean; authority: string; problem?: Problem } | undefined {
  const token = attributeValue(signerInfo.unsignedAttrs?.attributes ?? [], OID.signatureTimeStampToken);
  if (!token) return undefined;
  const invalid = (detail: string) => ({
    time: '',
    valid: false,
    trusted: false,
    authority: '',
    problem: { code: 'certification.timestamp_invalid', detail },
  });
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: token });
    const tstInfo = tstInfoOf(contentInfo);
    const tokenData = new pkijs.SignedData({ schema: contentInfo.content });
    const imprintDigest = DIGEST_BY_OID[tstInfo.messageImprint.hashAlgorithm.algorithmId];
    if (!imprintDigest) return invalid('The timestamp uses a digest algorithm we do not check.');
    const signatureValue = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
    const stampsThisSignature = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView).equals(
      createHash(imprintDigest).update(signatureValue).digest(),
    );
    if (!stampsThisSignature) return invalid('The timestamp stamps another signature.');
    const tokenSigner = tokenData.signerInfos[0];
    const eContent = Buffer.from(tokenData.encapContentInfo.eContent!.getValue());
    const tokenDigestName = tokenSigner ? DIGEST_BY_OID[tokenSigner.digestAlgorithm.algorithmId] : undefined;
    if (!tokenDigestName) return invalid('The timestamp token has no signer we can check.');
    const check = checkSignerInfo(tokenData, createHash(tokenDigestName).update(eContent).digest(), false);
    if (check.problem || !check.signatureValid || !check.digestMatches) {
      return invalid(`The timestamp token does not verify (${check.problem?.detail ?? 'bad signature'}).`);
    }
    const tsaCertificate = check.certificate!;
    const trusted =
      (tsaCertificate.keyUsage ?? []).includes(TIME_STAMPING_EKU) &&
      chainsToTrustedCa(tsaCertificate, certificatesOf(tokenData), trustedTsas, tstInfo.genTime).trusted;
    return { time: tstInfo.genTime.toISOString(), valid: true, trusted, authority: commonName(tsaCertificate.subject) };
  } catch (error) {
    return invalid(`The timestamp token is unreadable (${message(error)}).`);
  }
}

function verifySignature(signerInfo: pkijs.SignerInfo, certificate: X509Certificate, data: Buffer, digestName: string): boolean {
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  try {
    return nodeVerify(digestName, data, certificate.publicKey, signature);
  } catch {
    return false;
  }
}

/** Walks issuer links from the signer up to a trusted CA, checking each signature and validity. */
function chainsToTrustedCa(
  signer: X509Certificate,
  carried: readonly X509Certificate[],
  trusted: readonly X509Certificate[],
  at: Date,
): { trusted: boolean; problem?: Problem } {
  const untrusted = (detail: string) => ({ trusted: false, problem: { code: 'certification.untrusted', detail } });
  let current = signer;
  for (let depth = 0; depth < 8; depth++) {
    if (!validAt(current, at)) return untrusted(`The certificate of ${commonName(current.subject)} was not valid at signing time.`);
    if (trusted.some((t) => t.fingerprint256 === current.fingerprint256)) return { trusted: true };
    const anchor = trusted.find((ca) => current.checkIssued(ca) && current.verify(ca.publicKey));
    if (anchor) {
      if (!anchor.ca) return untrusted(`${commonName(anchor.subject)} is not a CA certificate.`);
      return validAt(anchor, at) ? { trusted: true } : untrusted('The trusted CA was not valid at signing time.');
    }
    const issuer = carried.find(
      (ca) => ca.fingerprint256 !== current.fingerprint256 && current.checkIssued(ca) && current.verify(ca.publicKey),
    );
    if (!issuer || !issuer.ca) return untrusted('The seal certificate does not chain to a trusted court CA.');
    current = issuer;
  }
  return untrusted('The certificate chain is too long.');
}

function validAt(certificate: X509Certificate, at: Date): boolean {
  return new Date(certificate.validFrom) <= at && at <= new Date(certificate.validTo);
}

function signerCertificate(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo): X509Certificate | undefined {
  const sid = signerInfo.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return undefined;
  const match = (signedData.certificates ?? []).find(
    (cert): cert is pkijs.Certificate =>
      cert instanceof pkijs.Certificate && cert.issuer.isEqual(sid.issuer) && cert.serialNumber.isEqual(sid.serialNumber),
  );
  return match ? new X509Certificate(Buffer.from(match.toSchema().toBER(false))) : undefined;
}

function certificatesOf(signedData: pkijs.SignedData): X509Certificate[] {
  return (signedData.certificates ?? [])
    .filter((cert): cert is pkijs.Certificate => cert instanceof pkijs.Certificate)
    .map((cert) => new X509Certificate(Buffer.from(cert.toSchema().toBER(false))));
}

function attributeValue(attributes: readonly pkijs.Attribute[], type: string): asn1js.AsnType | undefined {
  return attributes.find((a) => a.type === type)?.values[0];
}

function toX509(certificate: Uint8Array | string): X509Certificate {
  return new X509Certificate(typeof certificate === 'string' ? certificate : Buffer.from(certificate));
}

function refused(code: string, detail: string): SealVerification {
  return { valid: false, unmodified: false, trusted: false, problem: { code, detail } };
}

function commonName(subject: string): string {
  const line = subject.split('\n').find((part) => part.startsWith('CN='));
  return line ? line.slice(3) : subject;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
