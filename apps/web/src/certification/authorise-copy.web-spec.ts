import { createElement } from 'react';
import type { CaseDetailView } from '@ejustice/cases/contract/case-contract';
import type { DocketView } from '@ejustice/filing/contract/filing-contract';
import type { UserProfile as User } from '@ejustice/identity/contract/identity-contract';
import { ApiClient } from '../api/client';
import { createTokenStore } from '../auth/token-store';
import { readable } from '../i18n/browser-zone.testing';
import { Docket } from '../docket/CaseDocketPage';
import { AuthoriseOutcomeNotice, authorisableAccounts, authoriseCopy } from './AuthoriseCopyForm';
import { CertificationApi } from './certification-api';
import { CAIRO_CLERK, CAIRO_JUDGE, renderAs } from '../auth/render.testing';

const JUDGE = CAIRO_JUDGE;
const CLERK = CAIRO_CLERK;

function render(element: React.ReactElement, user: User, lng: 'en' | 'fr' | 'ar' = 'en'): string {
  return renderAs(element, user, lng);
}

/** A CertificationApi on the real ApiClient, signed in, with `fetchImpl` standing in for the network. */
function clientWith(fetchImpl: jest.Mock): CertificationApi {
  const tokens = createTokenStore(() => undefined);
  tokens.setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  return new CertificationApi(new ApiClient({ tokens, fetch: fetchImpl as unknown as typeof fetch }));
}

const text = (html: string) => readable(html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'"));

const DETAIL: CaseDetailView = {
  id: 'k-1',
  number: 'CIV-2026-000123',
  title: 'Salem v. Dahan',
  caseType: 'civil',
  status: 'active',
  confidentiality: 'confidential',
  urgent: false,
  openedAt: '2026-11-01T08:00:00.000Z',
  assignedJudge: { id: 'u-judge', displayName: 'Judge Hoda' },
  parties: [
    { id: 'p-1', partyRole: 'plaintiff', name: 'Nadia Salem', isProtected: false, accountUserId: 'u-nadia', counselUserId: null },
    { id: 'p-2', partyRole: 'defendant', name: 'Karim Dahan', isProtected: false, accountUserId: null, counselUserId: 'u-counsel' },
    { id: 'p-3', partyRole: 'witness', name: 'Witness W-1', isProtected: true, accountUserId: null, counselUserId: null },
  ],
  docket: [],
};

function docketWith(confidentiality: 'public' | 'sealed'): DocketView {
  return {
    caseId: 'k-1',
    caseNumber: 'CIV-2026-000123',
    entries: [
      {
        id: 'e-1',
        seq: 1,
        entryType: 'motion',
        summary: 'Medical report',
        confidentiality,
        filedAt: '2026-11-02T09:00:00.000Z',
        documents: [
          {
            id: 'd-1',
            position: 1,
            role: 'lead',
            title: 'Medical report',
            fileName: 'report.pdf',
            sha256: 'ab'.repeat(32),
            sizeBytes: 1000,
            pageCount: 2,
            confidentiality,
            contentUrl: '/api/documents/d-1/content',
          },
        ],
      },
    ],
  };
}

describe('a judge authorising a certified copy of a sealed document', () => {
  it('offers the form to a judge on a sealed document, naming parties with an account and counsel', () => {
    const html = render(createElement(Docket, { detail: DETAIL, docket: docketWith('sealed') }), JUDGE);
    expect(text(html)).toContain('Authorise a certified copy');
    expect(html).toContain('<details');
    expect(text(html)).toContain('Nadia Salem');
    expect(text(html)).toContain('counsel for Karim Dahan');
    expect(html).toMatch(/<option value="u-nadia"[^>]*>Nadia Salem</);
    expect(html).toMatch(/<option value="u-counsel"[^>]*>counsel for Karim Dahan</);
    expect(html).toMatch(/<textarea[^>]*maxLength="2000"[^>]*required/);
  });

  it('offers it to nobody but a judge, and never on a document that is not sealed', () => {
    expect(text(render(createElement(Docket, { detail: DETAIL, docket: docketWith('sealed') }), CLERK))).not.toContain(
      'Authorise a certified copy',
    );
    expect(text(render(createElement(Docket, { detail: DETAIL, docket: docketWith('public') }), JUDGE))).not.toContain(
      'Authorise a certified copy',
    );
  });

  it('says so instead of a form when no party has an account', () => {
    const detail = { ...DETAIL, parties: [{ ...DETAIL.parties[2] }] };
    const html = render(createElement(Docket, { detail, docket: docketWith('sealed') }), JUDGE);
    expect(text(html)).toContain('No party to this case has an account');
    expect(html).not.toContain('<textarea');
  });

  it('lists each account once, counsel labelled by the party they act for', () => {
    const sut = authorisableAccounts(DETAIL.parties, (name) => `counsel for ${name}`);
    expect(sut).toEqual([
      { userId: 'u-nadia', name: 'Nadia Salem' },
      { userId: 'u-counsel', name: 'counsel for Karim Dahan' },
    ]);
  });

  it('posts { documentId, userId, reason } and confirms whom it authorised', async () => {
    const fetchImpl = jest.fn(
      async () => new Response(JSON.stringify({ id: 'a-1' }), { status: 201, headers: { 'content-type': 'application/json' } }),
    );
    const client = clientWith(fetchImpl);
    const outcome = await authoriseCopy(client, { documentId: 'd-1', userId: 'u-nadia', reason: '  Appeal bundle  ' }, 'Nadia Salem');
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/certified-copy-authorisations');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ documentId: 'd-1', userId: 'u-nadia', reason: 'Appeal bundle' });
    expect(outcome).toEqual({ kind: 'authorised', name: 'Nadia Salem' });
    const html = render(createElement(AuthoriseOutcomeNotice, { outcome }), JUDGE);
    expect(text(html)).toContain('Nadia Salem may now request a certified copy of this document.');
    expect(html).toContain('<bdi>Nadia Salem</bdi>');
    expect(html).toContain('tabindex="-1"');
  });

  it('shows the api’s sentence when it refuses', async () => {
    const fetchImpl = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            title: 'Forbidden',
            status: 403,
            code: 'certification.some_refusal',
            detail: 'Only a judge of this court may authorise it.',
          }),
          { status: 403, headers: { 'content-type': 'application/problem+json' } },
        ),
    );
    const client = clientWith(fetchImpl);
    const outcome = await authoriseCopy(client, { documentId: 'd-1', userId: 'u-nadia', reason: 'Appeal' }, 'Nadia Salem');
    expect(outcome.kind).toBe('failed');
    const html = render(createElement(AuthoriseOutcomeNotice, { outcome }), JUDGE);
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain('Only a judge of this court may authorise it.');
  });

  it('speaks French and Arabic', () => {
    const fr = text(render(createElement(Docket, { detail: DETAIL, docket: docketWith('sealed') }), JUDGE, 'fr'));
    expect(fr).toContain('Autoriser une copie certifiée');
    const ar = text(render(createElement(AuthoriseOutcomeNotice, { outcome: { kind: 'authorised', name: 'نادية سالم' } }), JUDGE, 'ar'));
    expect(ar).toContain('نادية سالم');
    expect(ar).not.toContain('may now request');
  });
});
