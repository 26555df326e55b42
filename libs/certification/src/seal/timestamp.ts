import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SealErrors } from './seal-errors';
import { OID } from './seal-oids';
import type { TimestampFetcher } from './cades-signature';

/** Builds a DER RFC 3161 TimeStampReq for the SHA-256 of `data`, asking for the TSA's certificate. */
export function timestampRequest(data: Uint8Array, nonce: Uint8Array = randomBytes(8)): Buffer {
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: createHash('sha256').update(data).digest() }),
    }),
    nonce: new asn1js.Integer({ valueHex: positive(nonce) }),
    certReq: true,
  });
  return Buffer.from(request.toSchema().toBER(false));
}

/**
 * Reads a TimeStampResp and returns its token (a DER ContentInfo), after checking that it was
 * granted and that it stamps exactly our request: same imprint, same nonce. A token for another
 * imprint would make the seal claim a time it never had.
 */
export function tokenFromResponse(responseDer: Uint8Array, requestDer: Uint8Array): Buffer {
  let response: pkijs.TimeStampResp;
  let request: pkijs.TimeStampReq;
  try {
    response = pkijs.TimeStampResp.fromBER(responseDer);
    request = pkijs.TimeStampReq.fromBER(requestDer);
  } catch (error) {
    throw SealErrors.timestampUnavailable(`unreadable reply: ${error instanceof Error ? error.message : String(error)}`);
  }
  const status = response.status.status;
  if (status !== 0 && status !== 1) throw SealErrors.timestampUnavailable(`status ${status}`);
  if (!response.timeStampToken) throw SealErrors.timestampUnavailable('the reply carries no token');
  const tstInfo = tstInfoOf(response.timeStampToken);
  const sameImprint = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView).equals(
    Buffer.from(request.messageImprint.hashedMessage.valueBlock.valueHexView),
  );
  if (!sameImprint) throw SealErrors.timestampUnavailable('the token stamps another message');
  const sameNonce =
    request.nonce === undefined ||
    (tstInfo.nonce !== undefined &&
      Buffer.from(tstInfo.nonce.valueBlock.valueHexView).equals(Buffer.from(request.nonce.valueBlock.valueHexView)));
  if (!sameNonce) throw SealErrors.timestampUnavailable('the token answers another request (nonce differs)');
  return Buffer.from(response.timeStampToken.toSchema().toBER(false));
}

/** A TimestampFetcher that POSTs to an RFC 3161 TSA over HTTP(S) (RFC 3161 §3.4). */
export function httpTimestampFetcher(url: string, timeoutMs = 10_000): TimestampFetcher {
  return async (signatureValue) => {
    const request = timestampRequest(signatureValue);
    let reply: Response;
    try {
      reply = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
        body: request,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw SealErrors.timestampUnavailable(error instanceof Error ? error.message : String(error));
    }
    if (!reply.ok) throw SealErrors.timestampUnavailable(`HTTP ${reply.status}`);
    return tokenFromResponse(new Uint8Array(await reply.arrayBuffer()), request);
  };
}

/** The TSTInfo inside a timestamp token (a ContentInfo of SignedData with eContent TSTInfo). */
export function tstInfoOf(token: pkijs.ContentInfo): pkijs.TSTInfo {
  const signedData = new pkijs.SignedData({ schema: token.content });
  const eContent = signedData.encapContentInfo.eContent;
  if (signedData.encapContentInfo.eContentType !== OID.tstInfo || !eContent) {
    throw SealErrors.timestampUnavailable('the token holds no TSTInfo');
  }
  return pkijs.TSTInfo.fromBER(eContent.getValue());
}

/**
 * A DER INTEGER's content octets for the unsigned number in `bytes`: leading zero octets dropped
 * (DER allows none, and OpenSSL's TSA rejects a padded nonce), one 0x00 put back when the top bit
 * is set so that it reads positive, and a single 0x00 for zero.
 */
function positive(bytes: Uint8Array): Uint8Array {
  let first = 0;
  while (first < bytes.length - 1 && bytes[first] === 0) first++;
  const octets = bytes.length > 0 ? bytes.subarray(first) : Buffer.from([0]);
  return octets[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), octets]) : octets;
}
