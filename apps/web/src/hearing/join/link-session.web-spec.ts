import { ApiError } from '../../api/problem';
import type { HearingSessionGrant as HearingLinkExchange } from '@ejustice/hearings/links/hearing-link-views';
import { classifyLinkError, createLinkSessionStore, exchangeOnce, isFinalLinkProblem } from './link-session';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  };
}

const grant = (expiresAt: string): HearingLinkExchange => ({
  sessionToken: 'hearing-token',
  expiresAt,
  hearing: { id: 'h-1', title: 'State v. X', scheduledStart: '2026-11-28T10:00:00Z', courtTimeZone: 'Africa/Cairo' },
  participant: { id: 'p-1', hearingRole: 'witness', displayName: 'W' },
});

describe('the hearing session of a link', () => {
  it('survives a reload of the tab, in session storage only', () => {
    const storage = memoryStorage();
    createLinkSessionStore(() => storage).save(grant('2026-11-28T18:00:00Z'));

    const reloaded = createLinkSessionStore(() => storage);

    expect(reloaded.load(new Date('2026-11-28T12:00:00Z'))).toEqual(grant('2026-11-28T18:00:00Z'));
    expect(storage.key(0)).toBe('ejustice.hearingSession');
  });

  it('forgets an expired session, and a corrupt one', () => {
    const storage = memoryStorage();
    const sut = createLinkSessionStore(() => storage);
    sut.save(grant('2026-11-28T11:00:00Z'));

    expect(createLinkSessionStore(() => storage).load(new Date('2026-11-28T12:00:00Z'))).toBeNull();
    expect(storage.length).toBe(0);

    storage.setItem('ejustice.hearingSession', '{"sessionToken": 42');
    expect(createLinkSessionStore(() => storage).load()).toBeNull();
  });

  it('keeps working in memory when storage refuses', () => {
    const sut = createLinkSessionStore(() => {
      throw new Error('SecurityError');
    });
    sut.save(grant('2999-01-01T00:00:00Z'));
    expect(sut.load()?.sessionToken).toBe('hearing-token');
    sut.clear();
    expect(sut.load()).toBeNull();
  });
});

describe('link problems', () => {
  it.each([
    ['hearing_link.used', 410, 'used'],
    ['hearing_link.expired', 410, 'expired'],
    ['hearing_link.revoked', 410, 'revoked'],
    ['hearing_link.not_found', 404, 'unknown'],
    ['hearing.closed', 410, 'closed'],
    ['hearing.participant_removed', 403, 'removed'],
    ['network_error', 0, 'unreachable'],
    ['internal_error', 500, 'unreachable'],
    ['rate_limited', 429, 'other'],
  ])('reads %s (%i) as %s', (code, status, expected) => {
    expect(classifyLinkError(new ApiError({ status, code }))).toBe(expected);
  });

  it('offers to try again only when trying again can help', () => {
    expect(isFinalLinkProblem('used')).toBe(true);
    expect(isFinalLinkProblem('unknown')).toBe(true);
    expect(isFinalLinkProblem('unreachable')).toBe(false);
  });
});

describe('exchangeOnce', () => {
  it('spends a link once however often it is asked, because a second exchange would find it used', async () => {
    const exchange = jest.fn(async () => grant('2999-01-01T00:00:00Z'));

    const [first, second] = await Promise.all([exchangeOnce('tok-a', exchange), exchangeOnce('tok-a', exchange)]);

    expect(exchange).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
  });

  it('lets a network failure be tried again, but not a refusal', async () => {
    const offline = jest
      .fn()
      .mockRejectedValueOnce(new ApiError({ status: 0, code: 'network_error' }))
      .mockResolvedValue(grant('2999-01-01T00:00:00Z'));
    await expect(exchangeOnce('tok-b', offline)).rejects.toMatchObject({ code: 'network_error' });
    await expect(exchangeOnce('tok-b', offline)).resolves.toMatchObject({ sessionToken: 'hearing-token' });
    expect(offline).toHaveBeenCalledTimes(2);

    const refused = jest.fn().mockRejectedValue(new ApiError({ status: 410, code: 'hearing_link.used' }));
    await expect(exchangeOnce('tok-c', refused)).rejects.toMatchObject({ code: 'hearing_link.used' });
    await expect(exchangeOnce('tok-c', refused)).rejects.toMatchObject({ code: 'hearing_link.used' });
    expect(refused).toHaveBeenCalledTimes(1);
  });
});
