import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { SealErrors } from './seal-errors';

/**
 * The court's seal: the private key, its certificate and the chain above it (DER), ready to sign.
 * Signing uses Node's own crypto with `privateKey`, so a seal costs one native RSA or ECDSA operation.
 */
export interface SealIdentity {
  readonly privateKey: KeyObject;
  readonly certificate: Buffer;
  /** The certificates above the seal certificate, nearest issuer first (may include the root). */
  readonly chain: readonly Buffer[];
  /** The seal certificate's subject common name, for the signature dictionary's /Name. */
  readonly signerName: string;
}

/** A generated development seal: the identity, its CA, and a PKCS#12 the app can keep on disk. */
export interface DevelopmentSeal {
  readonly identity: SealIdentity;
  readonly caCertificatePem: string;
  readonly sealCertificatePem: string;
  readonly p12: Buffer;
  readonly p12Password: string;
}

/** What the app logs, loudly, when it generated a development seal instead of loading the court's. */
export const DEVELOPMENT_SEAL_WARNING =
  'DEVELOPMENT SEAL: no court seal certificate (PKCS#12) is configured, so a development court CA and seal certificate were generated. ' +
  'Copies sealed with it are for development and testing only and prove nothing to anyone outside this installation. ' +
  "Configure the court's real seal certificate before issuing certified copies.";

/**
 * Opens the court's PKCS#12 seal file. node-forge reads the PKCS#12 container (PBES2/AES and
 * legacy 3DES bags, SHA-1 or SHA-2 MACs), which Node's crypto cannot; the key then moves into a
 * Node KeyObject. Forge parses RSA keys only, so the court's seal must be an RSA key.
 */
export function loadSealIdentity(p12Bytes: Uint8Array, password: string): SealIdentity {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.util.createBuffer(Buffer.from(p12Bytes).toString('binary'));
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), false, password);
  } catch (error) {
    throw SealErrors.unreadableIdentity(error instanceof Error ? error.message : String(error));
  }
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const forgeKey = keyBags.find((bag) => bag.key)?.key;
  if (!forgeKey) throw SealErrors.incompleteIdentity('it holds no private key (or not an RSA key)');
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(forgeKey as forge.pki.rsa.PrivateKey));

  const certificates = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
    .map((bag) => bag.cert)
    .filter((cert): cert is forge.pki.Certificate => cert !== undefined)
    .map((cert) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
  return identityFrom(privateKey, certificates);
}

/** Picks the certificate of `privateKey` among `certificates` and orders the rest as its chain. */
export function identityFrom(privateKey: KeyObject, certificates: readonly Buffer[]): SealIdentity {
  const publicKeyDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const parsed = certificates.map((der) => ({ der, x509: new X509Certificate(der) }));
  const own = parsed.find((c) => c.x509.publicKey.export({ type: 'spki', format: 'der' }).equals(publicKeyDer));
  if (!own) throw SealErrors.incompleteIdentity('none of its certificates belongs to its private key');

  const chain: Buffer[] = [];
  let current = own.x509;
  for (;;) {
    const issuer = parsed.find((c) => !chain.includes(c.der) && c.der !== own.der && current.checkIssued(c.x509));
    if (!issuer || issuer.x509 === current) break;
    chain.push(issuer.der);
    if (issuer.x509.checkIssued(issuer.x509)) break;
    current = issuer.x509;
  }
  return { privateKey, certificate: own.der, chain, signerName: commonName(own.x509.subject) };
}

/**
 * Generates a development court CA and a seal certificate issued by it (RSA 3072, SHA-256), and a
 * PKCS#12 of both. Keys come from Node's crypto (fast, native); forge builds the certificates and
 * the PKCS#12. The seal certificate carries keyUsage digitalSignature + nonRepudiation, which NSS
 * (and so poppler's pdfsig) asks of a document signer; the CA carries basicConstraints cA:TRUE.
 */
export function generateDevelopmentSeal(courtName: string, now: Date = new Date()): DevelopmentSeal {
  const caKeys = rsaKeyPair();
  const sealKeys = rsaKeyPair();
  const caSubject = [
    { name: 'commonName', value: `${courtName} Development Court CA (NOT FOR PRODUCTION)` },
    { name: 'organizationName', value: courtName },
  ];
  const sealSubject = [
    { name: 'commonName', value: `${courtName} Development Seal (NOT FOR PRODUCTION)` },
    { name: 'organizationName', value: courtName },
  ];

  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serialNumber();
  ca.validity.notBefore = new Date(now.getTime() - 60_000);
  ca.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const seal = forge.pki.createCertificate();
  seal.publicKey = sealKeys.publicKey;
  seal.serialNumber = serialNumber();
  seal.validity.notBefore = new Date(now.getTime() - 60_000);
  seal.validity.notAfter = new Date(now.getTime() + 3 * 365 * 86_400_000);
  seal.setSubject(sealSubject);
  seal.setIssuer(caSubject);
  seal.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  seal.sign(caKeys.privateKey, forge.md.sha256.create());

  const p12Password = randomBytes(18).toString('base64url');
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(sealKeys.privateKey, [seal, ca], p12Password, {
    algorithm: 'aes256',
    friendlyName: 'court-seal',
    generateLocalKeyId: true,
  });
  const p12 = Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary');

  const der = (cert: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  return {
    identity: identityFrom(createPrivateKey(forge.pki.privateKeyToPem(sealKeys.privateKey)), [der(seal), der(ca)]),
    caCertificatePem: forge.pki.certificateToPem(ca),
    sealCertificatePem: forge.pki.certificateToPem(seal),
    p12,
    p12Password,
  };
}

function rsaKeyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 3072,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey),
  };
}

/** A positive 16-byte serial (RFC 5280 asks for at most 20 octets, and unpredictability helps). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x10;
  return bytes.toString('hex');
}

function commonName(subject: string): string {
  const line = subject.split('\n').find((part) => part.startsWith('CN='));
  return line ? line.slice(3) : subject;
}
