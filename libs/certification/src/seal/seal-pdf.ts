import { createHash } from 'node:crypto';
import { buildCadesSignature, type TimestampFetcher } from './cades-signature';
import { fillContents, prepareSignature } from './pdf-signature-placeholder';
import type { SealIdentity } from './seal-identity';
import { httpTimestampFetcher } from './timestamp';

export interface SealOptions {
  /** The claimed signing time, written to /M (PAdES keeps it out of the CMS). Defaults to now. */
  readonly signingTime?: Date;
  readonly reason?: string;
  readonly location?: string;
  /** An RFC 3161 TSA to timestamp the signature (PAdES B-T); without it the seal is B-B. */
  readonly timestampUrl?: string;
  /** Or a fetcher of one's own (tests, a TSA behind a client certificate). Wins over timestampUrl. */
  readonly fetchTimestamp?: TimestampFetcher;
  /** Bytes reserved for the CMS; by default enough for the chain, the signature and a timestamp token. */
  readonly reservedBytes?: number;
}

/** Room for a timestamp token: the TSA's signed TSTInfo plus its certificate chain, generously. */
export const TIMESTAMP_RESERVE_BYTES = 12_288;

/**
 * The bytes reserved for the signature: every certificate of the chain, the signature value and
 * the CMS structure around them, and a timestamp token, whether one is asked for today or not, so a
 * court that configures a TSA later needs no other change.
 */
export function reservedSignatureBytes(identity: SealIdentity): number {
  const certificates = [identity.certificate, ...identity.chain].reduce((sum, der) => sum + der.length, 0);
  const signatureValue = 1_024; // RSA 8192 at most, or any ECDSA
  const structure = 2_048; // SignedData, SignerInfo and its signed attributes
  return certificates + signatureValue + structure + TIMESTAMP_RESERVE_BYTES;
}

/**
 * Seals a finished PDF with the court's seal: a PAdES signature (ETSI.CAdES.detached, B-B, or
 * B-T when a TSA is given) over the whole file but the signature itself. Sealing is the last
 * step: any later save of the returned bytes invalidates the signature.
 */
export async function sealPdf(pdfBytes: Uint8Array, identity: SealIdentity, options: SealOptions = {}): Promise<Buffer> {
  const reservedBytes = options.reservedBytes ?? reservedSignatureBytes(identity);
  const { pdf, slot } = await prepareSignature(
    pdfBytes,
    {
      signerName: identity.signerName,
      signingTime: options.signingTime ?? new Date(),
      reason: options.reason,
      location: options.location,
    },
    reservedBytes,
  );
  const digest = createHash('sha256').update(pdf.subarray(0, slot.contentsStart)).update(pdf.subarray(slot.contentsEnd)).digest();
  const fetchTimestamp = options.fetchTimestamp ?? (options.timestampUrl ? httpTimestampFetcher(options.timestampUrl) : undefined);
  const signature = await buildCadesSignature(digest, identity, fetchTimestamp);
  fillContents(pdf, slot, signature);
  return pdf;
}
