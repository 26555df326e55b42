import type { HearingLinkView, ParticipantLinksView } from '@ejustice/hearings/links/hearing-link-views';
import { createElement } from 'react';
import { ApiError } from '../../api/problem';
import type { UserProfile as User } from '@ejustice/identity/contract/identity-contract';
import { pinBrowserZone, readable } from '../../i18n/browser-zone.testing';
import { formatCourtDateTime } from '../../i18n/court-time';
import en from '../../i18n/locales/en.json';
import { IssuedLink, linkActionError, ParticipantLinksList } from './ParticipantLinks';
import { testI18n } from '../../i18n/i18n.testing';
import { renderAs } from '../../auth/render.testing';

const CLERK = { userId: '11111111-1111-4111-8111-111111111111', displayName: 'Nadia Haddad' };
const OMAR = { userId: '22222222-2222-4222-8222-222222222222', displayName: 'Omar Farouk' };

function link(over: Partial<HearingLinkView>): HearingLinkView {
  return {
    id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
    status: 'unused',
    revocable: true,
    issuedAt: '2025-12-06T09:00:00.000Z',
    issuedBy: CLERK,
    expiresAt: '2025-12-09T09:00:00.000Z',
    used: null,
    revoked: null,
    ...over,
  };
}

const USED = link({
  id: 'used-link',
  status: 'used',
  used: {
    at: '2025-12-06T10:14:00.000Z',
    address: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36',
    browser: 'Chrome',
    system: 'Android',
  },
});
const REPLACED = link({
  id: 'replaced-link',
  status: 'replaced',
  revocable: false,
  used: { at: '2025-12-05T08:00:00.000Z', address: null, userAgent: null, browser: null, system: null },
  revoked: { at: '2025-12-06T09:00:00.000Z', cause: 'replaced', by: CLERK, replacedBy: 'used-link' },
});
const REVOKED = link({
  id: 'revoked-link',
  status: 'revoked',
  revocable: false,
  revoked: { at: '2025-12-04T12:00:00.000Z', cause: 'revoked', by: OMAR, replacedBy: null },
});
const EXPIRED = link({ id: 'expired-link', status: 'expired', revocable: false, expiresAt: '2025-12-03T09:00:00.000Z' });

/** The clerk reading the history works at a court in Cairo. */
const CAIRO_CLERK: User = {
  id: CLERK.userId,
  email: 'clerk@cairo.court.test',
  displayName: CLERK.displayName,
  courtId: 'c-cairo',
  courtName: 'Cairo Court',
  courtTimeZone: 'Africa/Cairo',
  roles: ['clerk'],
};

function render(view: ParticipantLinksView, lng: 'en' | 'fr' | 'ar' = 'en'): string {
  return renderAs(createElement(ParticipantLinksList, { view, busy: false, onRevoke: () => undefined }), CAIRO_CLERK, lng);
}

/** The text a person reads, tags removed and spaces folded. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const VIEW: ParticipantLinksView = { participantId: 'p', joinsByLink: true, links: [USED, REPLACED, REVOKED, EXPIRED] };

describe('ParticipantLinksList', () => {
  it('says in plain words when and from where each link was used, and how each one ended', () => {
    const shown = text(render(VIEW));
    const at = (iso: string) => formatCourtDateTime(iso, 'en', 'Africa/Cairo');
    expect(shown).toContain(`Used on ${at(USED.used!.at)} from 203.0.113.7 (Chrome on Android)`);
    expect(shown).toContain(`Issued on ${at(USED.issuedAt)} by Nadia Haddad`);
    expect(shown).toContain(`Used on ${at(REPLACED.used!.at)} from an unknown address`);
    expect(shown).toContain(`Replaced by a newer link on ${at(REPLACED.revoked!.at)}`);
    expect(shown).toContain(`Revoked by Omar Farouk on ${at(REVOKED.revoked!.at)}`);
    expect(shown).toContain(`Expired on ${at(EXPIRED.expiresAt)} without being used`);
    // Newest first, as the server sends them.
    expect(shown.indexOf('Chrome on Android')).toBeLessThan(shown.indexOf('Replaced by a newer link'));
  });

  it("states each time on the court's clock with the zone named, whatever the browser's zone", () => {
    const unpin = pinBrowserZone('Asia/Tokyo');
    try {
      const used = 'Used on Dec 6, 2025, 12:14 PM GMT+2 (Africa/Cairo) from 203.0.113.7 (Chrome on Android)';
      expect(readable(text(render(VIEW)))).toContain(used);
      expect(readable(text(render(VIEW, 'fr')))).toContain('6 déc. 2025, 12:14 UTC+2 (Africa/Cairo)');
      expect(readable(text(render(VIEW, 'ar')))).toContain('6 ديسمبر 2025، 12:14 م غرينتش+2 (Africa/Cairo)');
    } finally {
      unpin();
    }
  });

  it('offers Revoke on live links only, naming the link in its accessible name', () => {
    const html = render({ participantId: 'p', joinsByLink: true, links: [link({ id: 'live' }), USED, REPLACED, REVOKED, EXPIRED] });
    const buttons = [...html.matchAll(/<button[^>]*aria-label="([^"]+)"[^>]*>Revoke<\/button>/g)].map((m) => m[1]);
    expect(buttons).toHaveLength(2);
    expect(buttons.every((label) => label.startsWith('Revoke the link issued on'))).toBe(true);
    expect(text(html)).toContain('revoking it ends that session');
  });

  it('keeps an address and a name in their own direction inside an Arabic sentence', () => {
    const html = render(VIEW, 'ar');
    expect(html).toMatch(/<bdi dir="ltr"[^>]*>203\.0\.113\.7<\/bdi>/);
    expect(html).toContain('<bdi>Omar Farouk</bdi>');
    expect(text(html)).not.toMatch(/participantLinks\./);
    expect(text(render(VIEW, 'fr'))).not.toMatch(/participantLinks\./);
  });

  it('offers a link to issue: at once when none is live, asking first when a new one would cut off a live one; none for an account holder', () => {
    const withIssue = (view: ParticipantLinksView) =>
      renderAs(
        createElement(ParticipantLinksList, {
          view,
          busy: false,
          participantName: 'Mona Aziz',
          onRevoke: () => undefined,
          onIssue: () => undefined,
        }),
        CAIRO_CLERK,
      );
    const first = withIssue({ participantId: 'p', joinsByLink: true, links: [] });
    expect(first).toMatch(/<button type="button" class="button button--secondary">Issue a link<\/button>/);
    expect(first).not.toContain('<dialog');
    expect(withIssue({ participantId: 'p', joinsByLink: true, links: [REPLACED, EXPIRED] })).toContain('>Issue a link</button>');
    const again = withIssue({ participantId: 'p', joinsByLink: true, links: [USED, REPLACED] });
    expect(again).toContain('>Issue a new link</button>');
    expect(text(again)).toContain('Issue a new link for Mona Aziz? Their earlier link stops working at once');
    expect(withIssue({ participantId: 'p', joinsByLink: false, links: [] })).not.toContain('Issue');
  });

  it('shows the link just issued once, to copy, with its expiry on the court’s clock, in any language', () => {
    const issued = { linkId: 'l-1', token: 't0k3n', url: 'https://court.example/join/t0k3n', expiresAt: '2025-12-09T09:00:00.000Z' };
    const html = renderAs(createElement(IssuedLink, { issued, participantName: 'Mona Aziz' }), CAIRO_CLERK);
    expect(html).toContain('role="status"');
    expect(html).toContain('<input readOnly="" dir="ltr" aria-label="The link for Mona Aziz" value="https://court.example/join/t0k3n"/>');
    expect(readable(text(html))).toContain(
      'A link for Mona Aziz, which works once, until Dec 9, 2025, 11:00 AM GMT+2 (Africa/Cairo). It is shown only now',
    );
    const ar = text(renderAs(createElement(IssuedLink, { issued, participantName: 'Mona Aziz' }), CAIRO_CLERK, 'ar'));
    expect(ar).toContain('لا يُعرض إلا الآن');
    expect(ar).not.toMatch(/participantLinks\./);
  });

  it('says plainly when no link was issued yet, and when the person needs none', () => {
    expect(text(render({ participantId: 'p', joinsByLink: true, links: [] }))).toContain('No link issued yet');
    expect(text(render({ participantId: 'p', joinsByLink: false, links: [] }))).toContain('own account');
  });
});

describe('linkActionError', () => {
  const i18n = testI18n('en');

  it('tells the clerk what to do when a revocation is refused', () => {
    const problem = (status: number, code: string) => new ApiError({ status, code, title: 'x', detail: 'server sentence' });
    expect(linkActionError(problem(404, 'hearing_link.not_found'), i18n)).toMatch(/Reload the list/);
    expect(linkActionError(problem(403, 'auth.forbidden'), i18n)).toMatch(/judges and clerks/);
    expect(linkActionError(problem(404, 'hearing.not_found'), i18n)).toMatch(/court/);
    expect(linkActionError(new TypeError('fetch failed'), i18n)).toBe(en.errors.unknown);
  });
});
