export * from './seal-identity';
export * from './seal-pdf';
export * from './verify-sealed-pdf';
export { SealErrors } from './seal-errors';
export { buildCadesSignature, signingCertificateV2, type TimestampFetcher } from './cades-signature';
export { httpTimestampFetcher, timestampRequest, tokenFromResponse } from './timestamp';
