import { accessPrincipalOf } from './token.service';

describe('accessPrincipalOf: the claim rules of an access token', () => {
  const claims = { typ: 'access', sub: 'u-1', sid: 's-1', court: 'c-1', roles: ['clerk'], iss: 'ejustice', aud: 'ejustice-api' };

  it('names the user, session, court and roles of an access token', () => {
    expect(accessPrincipalOf(claims)).toEqual({ kind: 'user', userId: 'u-1', sessionId: 's-1', courtId: 'c-1', roles: ['clerk'] });
  });

  it.each([
    ['a hearing token', { typ: 'hearing', sub: 'p-1', hid: 'h-1', role: 'witness', lnk: 'l-1' }],
    ['no type', { ...claims, typ: undefined }],
    ['a role the platform does not know', { ...claims, roles: ['clerk', 'emperor'] }],
    ['roles that are not a list', { ...claims, roles: 'clerk' }],
    ['no session', { ...claims, sid: undefined }],
    ['no court', { ...claims, court: 42 }],
    ['nothing', null],
  ])('refuses %s', (_what, bad) => {
    expect(accessPrincipalOf(bad)).toBeUndefined();
  });
});
