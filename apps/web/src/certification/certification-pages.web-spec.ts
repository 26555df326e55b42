import { createElement } from 'react';
import type { CertifiedCopyView } from '@ejustice/certification/contract/certification-contract';
import type { UserProfile as User } from '@ejustice/identity/contract/identity-contract';
import { pinBrowserZone, readable } from '../i18n/browser-zone.testing';
import { CopyQueueTable } from './ClerkCopiesPage';
import { CopyRequestList } from './MyCopiesPage';
import { RequestCopyForm } from './RequestCopyPage';
import { CAIRO_CLERK, renderAs } from '../auth/render.testing';

const CLERK = CAIRO_CLERK;

function render(element: React.ReactElement, lng: 'en' | 'fr' | 'ar' = 'en', user: User | null = null): string {
  return readable(
    renderAs(element, user, lng)
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'"),
  );
}

/** Requested at 10:15 UTC on 28 November 2026: 12:15 in Cairo. */
const REQUESTED: CertifiedCopyView = {
  id: 'cc-1',
  documentId: 'd-1',
  caseId: 'k-1',
  status: 'requested',
  copies: 3,
  purpose: 'For the land registry',
  fee: { perCopy: 500, amount: 1500, currency: 'EGP', waiverReason: null, paymentStatus: 'due' },
  requestedAt: '2026-11-28T10:15:00.000Z',
  decidedAt: null,
  refusalReason: null,
  verificationCode: null,
  issuedAt: null,
  sha256: null,
  revokedAt: null,
  revocationReason: null,
};
const ISSUED: CertifiedCopyView = {
  ...REQUESTED,
  id: 'cc-2',
  status: 'issued',
  fee: { ...REQUESTED.fee, waiverReason: 'victim', paymentStatus: 'waived' },
  verificationCode: '7K2M-9QXD-ABCD-EFGH',
  issuedAt: '2026-11-28T11:00:00.000Z',
  sha256: 'a'.repeat(64),
};

describe('the certified-copy pages', () => {
  let unpin: () => void;
  beforeAll(() => {
    unpin = pinBrowserZone('America/Los_Angeles');
  });
  afterAll(() => unpin());

  it('the public request form asks for an e-mail address and says how the fee works before sending', () => {
    const text = render(
      createElement(RequestCopyForm, {
        documentId: 'd-1',
        documentTitle: 'Judgment',
        signedIn: false,
        client: { request: jest.fn(), requestPublic: jest.fn(), quote: jest.fn(), quotePublic: jest.fn() },
      }),
    );
    expect(text).toContain('Document: Judgment');
    expect(text).toContain('Your e-mail address');
    expect(text).toContain('victims and their counsel pay no fee');
    expect(text).toContain('Send the request');
  });

  it('signed in, the form does not ask for an e-mail address', () => {
    const text = render(
      createElement(RequestCopyForm, {
        documentId: 'd-1',
        documentTitle: null,
        signedIn: true,
        client: { request: jest.fn(), requestPublic: jest.fn(), quote: jest.fn(), quotePublic: jest.fn() },
      }),
      'ar',
      CLERK,
    );
    expect(text).not.toContain('بريدك الإلكتروني');
    expect(text).toContain('إرسال الطلب');
  });

  it("the clerk's queue: the court's time, the fee, and each request's actions", () => {
    const text = render(
      createElement(CopyQueueTable, { items: [REQUESTED, ISSUED], client: { decide: jest.fn() }, onChanged: () => undefined }),
      'en',
      CLERK,
    );
    expect(text).toMatch(/Nov 28, 2026, 12:15.*Africa\/Cairo/);
    expect(text).toContain('Copies: 3 — For the land registry');
    expect(text).toMatch(/EGP\s?15\.00 \(EGP\s?5\.00 per copy\)\. To be paid at the registry\./);
    expect(text).toContain('Approve Record fee paid Waive the fee Refuse');
    expect(text).toContain('Waived: no fee for a victim or their counsel.');
    expect(text).toContain('Issued');
    expect(text).toContain('Revoke');
  });

  it("the requester's list: status, progress, and the download only when issued", () => {
    const text = render(createElement(CopyRequestList, { items: [REQUESTED, ISSUED], linkOf: () => jest.fn() }), 'fr', CLERK);
    expect(text).toContain("En attente de la décision d'un greffier.");
    expect(text).toContain('Prête à télécharger.');
    expect(text).toContain('7K2M-9QXD-ABCD-EFGH');
    expect(text.match(/Télécharger la copie certifiée/g)).toHaveLength(1);
  });
});
