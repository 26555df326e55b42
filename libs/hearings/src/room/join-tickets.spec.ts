import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@ejustice/platform';
import { JoinTickets, type JoinTicketClaims } from './join-tickets';

const config = loadConfig({ MEDIA_TICKET_TTL_SECONDS: '60' });
const claims: JoinTicketClaims = {
  participantId: '6f1c2a4e-9b3d-4c5e-8f7a-1b2c3d4e5f60',
  hearingId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  hearingRole: 'witness',
  nodeId: 'media-1',
  linkId: '11111111-2222-4333-8444-555555555555',
  userId: null,
};

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
    const forged = new JoinTickets(loadConfig({ JWT_SECRET: 'another-secret-of-at-least-thirty-two-chars' })).sign(claims).ticket;
    expect(sut.verify(forged)).toEqual({ ok: false, code: 'auth.ticket_invalid' });
    const expired = new JwtService({}).sign(
      {
        typ: 'media-join',
        sub: claims.participantId,
        hid: claims.hearingId,
        role: 'witness',
        node: 'media-1',
        lnk: null,
        uid: null,
        exp: Math.floor(Date.now() / 1000) - 10,
      },
      { secret: config.auth.jwtSecret, issuer: 'ejustice', audience: 'ejustice-media', algorithm: 'HS256' },
    );
    expect(sut.verify(expired)).toEqual({ ok: false, code: 'auth.ticket_expired' });
  });

  it('is not an access token nor a hearing-session token, and they are not tickets', () => {
    const sessionToken = new JwtService({}).sign(
      { typ: 'hearing', sub: claims.participantId, hid: claims.hearingId, role: 'witness', lnk: claims.linkId },
      { secret: config.auth.jwtSecret, issuer: 'ejustice', audience: 'ejustice-hearing', algorithm: 'HS256', expiresIn: 60 },
    );
    expect(sut.verify(sessionToken)).toEqual({ ok: false, code: 'auth.ticket_invalid' });
    const wrongShape = new JwtService({}).sign(
      { typ: 'media-join', sub: 'not-a-uuid', hid: claims.hearingId, role: 'witness', node: 'media-1', lnk: null, uid: null },
      { secret: config.auth.jwtSecret, issuer: 'ejustice', audience: 'ejustice-media', algorithm: 'HS256', expiresIn: 60 },
    );
    expect(sut.verify(wrongShape)).toEqual({ ok: false, code: 'auth.ticket_invalid' });
  });
});
