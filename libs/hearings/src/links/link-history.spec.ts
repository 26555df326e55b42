import { type LinkHistoryRow, linkStatus, toLinkView } from './link-history';

const NOW = new Date('2025-12-06T10:14:00Z');
const CLERK = '11111111-1111-4111-8111-111111111111';
const OMAR = '22222222-2222-4222-8222-222222222222';

function row(over: Partial<LinkHistoryRow> = {}): LinkHistoryRow {
  return {
    id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    created_at: new Date('2025-12-06T09:00:00Z'),
    created_by: CLERK,
    created_by_name: 'Nadia Clerk',
    expires_at: new Date('2025-12-09T09:00:00Z'),
    used_at: null,
    used_from_address: null,
    used_user_agent: null,
    revoked_at: null,
    revoked_by: null,
    revoked_by_name: null,
    revoke_cause: null,
    replaced_by: null,
    ...over,
  };
}

describe('linkStatus', () => {
  it('is unused until used or expired, and used once exchanged, however late', () => {
    expect(linkStatus(row(), NOW)).toBe('unused');
    expect(linkStatus(row({ expires_at: NOW }), NOW)).toBe('expired');
    expect(linkStatus(row({ expires_at: new Date('2025-12-06T09:30:00Z'), used_at: new Date('2025-12-06T09:10:00Z') }), NOW)).toBe('used');
  });

  it('is revoked or replaced once ended, used or not, expired or not', () => {
    const ended = { revoked_at: new Date('2025-12-06T10:00:00Z'), revoked_by: OMAR };
    for (const base of [{}, { used_at: new Date('2025-12-06T09:10:00Z') }, { expires_at: new Date('2025-12-06T09:30:00Z') }]) {
      expect(linkStatus(row({ ...base, ...ended, revoke_cause: 'revoked' }), NOW)).toBe('revoked');
      expect(linkStatus(row({ ...base, ...ended, revoke_cause: 'replaced' }), NOW)).toBe('replaced');
    }
  });
});

describe('toLinkView', () => {
  it('says when the link was used, from where and on what, and that revoking it still ends its session', () => {
    const view = toLinkView(
      row({
        used_at: new Date('2025-12-06T10:14:00Z'),
        used_from_address: '203.0.113.7',
        used_user_agent:
          'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
      }),
      NOW,
    );
    expect(view).toEqual({
      id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      status: 'used',
      revocable: true,
      issuedAt: '2025-12-06T09:00:00.000Z',
      issuedBy: { userId: CLERK, displayName: 'Nadia Clerk' },
      expiresAt: '2025-12-09T09:00:00.000Z',
      used: {
        at: '2025-12-06T10:14:00.000Z',
        address: '203.0.113.7',
        userAgent: expect.stringContaining('Android 14'),
        browser: 'Chrome',
        system: 'Android',
      },
      revoked: null,
    });
  });

  it('names who ended it and why, and offers nothing more to revoke', () => {
    const replaced = toLinkView(
      row({
        revoked_at: NOW,
        revoked_by: OMAR,
        revoked_by_name: 'Omar Farouk',
        revoke_cause: 'replaced',
        replaced_by: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      }),
      NOW,
    );
    expect(replaced).toMatchObject({
      status: 'replaced',
      revocable: false,
      revoked: {
        at: NOW.toISOString(),
        cause: 'replaced',
        by: { userId: OMAR, displayName: 'Omar Farouk' },
        replacedBy: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
      },
    });
    // Ended before anyone was recorded as its author.
    expect(toLinkView(row({ revoked_at: NOW, revoke_cause: 'revoked' }), NOW).revoked).toEqual({
      at: NOW.toISOString(),
      cause: 'revoked',
      by: null,
      replacedBy: null,
    });
  });

  it('offers no revocation for an expired link nobody used', () => {
    expect(toLinkView(row({ expires_at: new Date('2025-12-06T10:00:00Z') }), NOW)).toMatchObject({ status: 'expired', revocable: false });
    expect(toLinkView(row(), NOW)).toMatchObject({ status: 'unused', revocable: true, used: null });
  });
});
