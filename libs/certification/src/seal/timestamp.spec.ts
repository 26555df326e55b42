import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './seal-oids';
import { timestampRequest, tokenFromResponse } from './timestamp';

describe('timestampRequest', () => {
  it('asks for a SHA-256 imprint of the signature value, with a nonce and the TSA certificate', () => {
    const sut = pkijs.TimeStampReq.fromBER(timestampRequest(Buffer.from('signature value'), Buffer.from([0x80, 1, 2, 3])));
    expect(sut.version).toBe(1);
    expect(sut.messageImprint.hashAlgorithm.algorithmId).toBe(OID.sha256);
    expect(Buffer.from(sut.messageImprint.hashedMessage.valueBlock.valueHexView)).toEqual(
      createHash('sha256').update('signature value').digest(),
    );
    expect(sut.certReq).toBe(true);
    // 0x80... would read as negative: the INTEGER gets a leading zero octet.
    expect(Buffer.from(sut.nonce!.valueBlock.valueHexView)).toEqual(Buffer.from([0, 0x80, 1, 2, 3]));
  });

  // DER wants an INTEGER in its fewest octets, and OpenSSL's TSA refuses a request whose nonce
  // is padded (status 2, rejection): one random nonce in 512 begins with a zero octet before one
  // below 0x80.
  it.each([
    [
      [0, 1, 2, 3],
      [1, 2, 3],
    ],
    [
      [0, 0, 0x7f, 1],
      [0x7f, 1],
    ],
    [
      [0, 0, 0x80, 1],
      [0, 0x80, 1],
    ],
    [[0, 0, 0, 0], [0]],
  ])('encodes the nonce %j in its fewest octets, %j', (nonce, octets) => {
    const sut = pkijs.TimeStampReq.fromBER(timestampRequest(Buffer.from('signature value'), Buffer.from(nonce)));
    expect(Buffer.from(sut.nonce!.valueBlock.valueHexView)).toEqual(Buffer.from(octets));
  });
});

describe('tokenFromResponse', () => {
  const request = timestampRequest(Buffer.from('signature value'));

  it.each([
    [2, 'rejection'],
    [3, 'waiting'],
    [5, 'revocationNotification'],
  ])('refuses a reply with status %i (%s)', (status) => {
    const response = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status }) });
    expect(() => tokenFromResponse(Buffer.from(response.toSchema().toBER(false)), request)).toThrow(
      expect.objectContaining({ code: 'certification.timestamp_unavailable' }),
    );
  });

  it('refuses a granted reply without a token', () => {
    const response = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 0 }) });
    expect(() => tokenFromResponse(Buffer.from(response.toSchema().toBER(false)), request)).toThrow(/carries no token/);
  });

  it('refuses bytes that are not a reply', () => {
    expect(() => tokenFromResponse(Buffer.from(new asn1js.Null().toBER(false)), request)).toThrow(
      expect.objectContaining({ code: 'certification.timestamp_unavailable' }),
    );
  });
});
