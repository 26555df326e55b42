import { createElement } from 'react';
import type { UserProfile as User } from '@ejustice/identity/contract/identity-contract';
import type { FilingSummaryView as FilingSummary } from '@ejustice/filing/contract/filing-contract';
import { browserZone, pinBrowserZone, readable } from '../i18n/browser-zone.testing';
import { QueueTable } from './ClerkQueuePage';
import { CAIRO_CLERK, renderAs } from '../auth/render.testing';

/** The Cairo clerk, with the court's clock set to `courtTimeZone`. */
const clerkOf = (courtTimeZone: string): User => ({ ...CAIRO_CLERK, courtTimeZone });

/** Received at 10:15 UTC on 28 November 2026: 12:15 in Cairo (UTC+2, no summer time then), 02:15 in Los Angeles. */
const FILING: FilingSummary = {
  id: 'f-1',
  status: 'submitted',
  filingType: 'petition',
  title: 'Petition for custody',
  courtId: 'c-cairo',
  caseId: null,
  caseNumber: null,
  urgent: false,
  urgencyGrounds: [],
  receivedAt: '2026-11-28T10:15:00.000Z',
  ageMinutes: 75,
  documentCount: 2,
  filer: { id: 'u-filer', displayName: 'Leila Mansour' },
  claim: null,
};

function render(user: User, lng: 'en' | 'fr' | 'ar'): string {
  const table = createElement(QueueTable, { items: [FILING], caption: 'Queue', onChanged: () => undefined });
  return readable(renderAs(table, user, lng).replace(/<[^>]+>/g, ' '));
}

describe("the clerk's queue states when each filing was received in the court's time, naming the zone", () => {
  let unpin: () => void;
  beforeAll(() => {
    // A reader whose browser is in Los Angeles: the court's clock must win over theirs.
    unpin = pinBrowserZone('America/Los_Angeles');
  });
  afterAll(() => unpin());

  it('reads as a browser in Los Angeles would', () => {
    expect(browserZone()).toBe('America/Los_Angeles');
  });

  it.each([
    ['en', 'Nov 28, 2026, 12:15 PM GMT+2 (Africa/Cairo)'],
    ['fr', '28 nov. 2026, 12:15 UTC+2 (Africa/Cairo)'],
    ['ar', '28 نوفمبر 2026، 12:15 م غرينتش+2 (Africa/Cairo)'],
  ] as const)('a Cairo court, in %s: %s', (lng, shown) => {
    const text = render(clerkOf('Africa/Cairo'), lng);
    expect(text).toContain(shown);
    expect(text).not.toMatch(/\b0?2:15\b/);
  });

  it.each([
    ['en', 'Nov 28, 2026, 10:15 AM UTC'],
    ['fr', '28 nov. 2026, 10:15 UTC'],
    ['ar', '28 نوفمبر 2026، 10:15 ص UTC'],
  ] as const)('a court that keeps UTC, in %s: %s', (lng, shown) => {
    expect(render(clerkOf('UTC'), lng)).toContain(shown);
  });
});
