import { generateKeyPairSync } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@ejustice/platform';
import { TokenService } from '@ejustice/identity/tokens/token.service';
import { JoinTickets, type JoinTicketClaims } from './join-tickets';

/** The api's configuration outside production: the development key pair and JWT secret. */
const config = loadConfig({ MEDIA_TICKET_TTL_SECONDS: '60' });
const claims: JoinTicketClaims = {
  participantId: '6f1c2a4e-9b3d-4c5e-8f7a-1b2c3d4e5f60',
  hearingId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  hearingRole: 'witness',
  nodeId: 'media-1',
  linkId: '11111111-2222-4333-8444-555555555555',
  userId: null,
};
const wire = {
  typ: 'media-join',
  sub: claims.participantId,
  hid: claims.hearingId,
  role: 'witness',
  node: 'media-1',
  lnk: null,
  uid: null,
};

function p256KeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

describe('join tickets', () => {
  const sut = new JoinTickets(config);

  it('round-trips its claims', () => {
    const { ticket, expiresAt } = sut.sign(claims);
    expect(sut.verify(ticket)).toEqual({ ok: true, claims });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('refuses a missing, forged or expired ticket with distinct codes', () => {
    expect(sut.verify(undefined)).toEqual({ ok: false, code: 'auth.ticket_missing' });
    expect(sut.verify('not.a.jwt')).toEqual({ ok: false, code: 'auth.ticket_invalid' });
    const forged = new JoinTickets(loadConfig({ MEDIA_TICKET_PRIVATE_KEY: p256KeyPair().privateKey })).sign(claims).ticket;
    expect(sut.verify(forged)).toEqual({ ok: false, code: 'auth.ticket_invalid' });
    const expired = new JwtService({}).sign(
      { ...wire, exp: Math.floor(Date.now() / 1000) - 10 },
      { privateKey: config.media.ticketPrivateKey, issuer: 'ejustice', audience: 'ejustice-media', algorithm: 'ES256' },
    );
    expect(sut.verify(expired)).toEqual({ ok: false, code: 'auth.ticket_expired' });
  });

  it("refuses a ticket signed with the api's JWT secret, which a media node must not be able to check or make", () => {
    const withSecret = new JwtService({}).sign(wire, {
      secret: config.auth.jwtSecret,
      issuer: 'ejustice',
      audience: 'ejustice-media',
      algorithm: 'HS256',
      expiresIn: 60,
    });
    expect(sut.verify(withSecret)).toEqual({ ok: false, code: 'auth.ticket_invalid' });
    // Nor with the public key taken for an HMAC secret (the classic algorithm confusion).
    const withPublicKey = new JwtService({}).sign(wire, {
      secret: config.media.ticketPublicKey,
      issuer: 'ejustice',
      audience: 'ejustice-media',
      algorithm: 'HS256',
      expiresIn: 60,
    });
    expect(sut.verify(withPublicKey)).toEqual({ ok: false, code: 'auth.ticket_invalid' });
  });

  it('checks tickets with the public key alone, and cannot make one with it', () => {
    const keys = p256KeyPair();
    const api = new JoinTickets(loadConfig({ MEDIA_TICKET_PRIVATE_KEY: keys.privateKey }));
    const mediaNode = new JoinTickets(
      loadConfig({ MEDIA_TICKET_PUBLIC_KEY: keys.publicKey, JWT_SECRET: 'a-secret-the-media-node-does-not-share-with-the-api' }),
    );
    const { ticket } = api.sign(claims);
    expect(mediaNode.verify(ticket)).toEqual({ ok: true, claims });
    expect(() => mediaNode.sign(claims)).toThrow(/MEDIA_TICKET_PRIVATE_KEY/);
    // A node given another key (here the development one) refuses it.
    expect(sut.verify(ticket)).toEqual({ ok: false, code: 'auth.ticket_invalid' });
  });

  it('is not an access token nor a hearing-session token, and they are not tickets', () => {
    const tokens = new TokenService(new JwtService({}), config);
    const accessToken = tokens.signAccessToken({
      userId: claims.participantId,
      sessionId: claims.hearingId,
      courtId: claims.hearingId,
      roles: ['judge'],
    }).token;
    expect(sut.verify(accessToken)).toEqual({ ok: false, code: 'auth.ticket_invalid' });
    const sessionToken = tokens.signHearingToken({
      participantId: claims.participantId,
      hearingId: claims.hearingId,
      hearingRole: 'witness',
      linkId: claims.linkId!,
    }).token;
    expect(sut.verify(sessionToken)).toEqual({ ok: false, code: 'auth.ticket_invalid' });

    const { ticket } = sut.sign(claims);
    expect(tokens.verifyAccessToken(ticket)).toBeUndefined();
    expect(tokens.verifyHearingToken(ticket)).toBeUndefined();

    const wrongShape = new JwtService({}).sign(
      { ...wire, sub: 'not-a-uuid' },
      { privateKey: config.media.ticketPrivateKey, issuer: 'ejustice', audience: 'ejustice-media', algorithm: 'ES256', expiresIn: 60 },
    );
    expect(sut.verify(wrongShape)).toEqual({ ok: false, code: 'auth.ticket_invalid' });
  });
});
