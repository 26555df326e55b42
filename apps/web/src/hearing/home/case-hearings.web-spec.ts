import { createElement } from 'react';
import type { HearingHeadView } from '@ejustice/hearings/contract/hearing-contract';
import { CAIRO_CLERK, renderAs } from '../../auth/render.testing';
import { readable } from '../../i18n/browser-zone.testing';
import { CaseHearingsTable } from './CaseHearingsSection';

const text = (html: string) => readable(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

const HEARINGS: HearingHeadView[] = [
  {
    id: 'h-1',
    title: 'Bail application',
    hearingType: 'bail',
    status: 'closed',
    roomLocked: false,
    scheduledStart: '2027-01-12T07:30:00.000Z',
    scheduledEnd: '2027-01-12T08:15:00.000Z',
    case: { id: 'k-1', number: 'CRIM-2026-000042' },
    courtRoom: null,
  },
  {
    id: 'h-2',
    title: 'Trial: CRIM-2026-000042',
    hearingType: 'trial',
    status: 'scheduled',
    roomLocked: false,
    scheduledStart: '2027-02-03T08:00:00.000Z',
    scheduledEnd: '2027-02-03T12:00:00.000Z',
    case: { id: 'k-1', number: 'CRIM-2026-000042' },
    courtRoom: { id: 'r-2', name: 'Courtroom 2', virtual: false },
  },
];

describe('a case’s hearings on its page', () => {
  it('lists each hearing on the court’s clock, with its room, status and the way to its page, in the order given', () => {
    const html = renderAs(createElement(CaseHearingsTable, { caption: 'Hearings', hearings: HEARINGS }), CAIRO_CLERK);
    expect(html).toContain('<a href="/hearings/h-1" data-discover="true"><bdi>Bail application</bdi></a>');
    expect(html).toContain('<a href="/hearings/h-2" data-discover="true"><bdi>Trial: CRIM-2026-000042</bdi></a>');
    const shown = text(html);
    expect(shown).toContain('Tuesday, January 12, 2027 at 9:30 AM GMT+2 (Africa/Cairo)');
    expect(shown).toContain('Courtroom 2');
    expect(shown.indexOf('Bail application')).toBeLessThan(shown.indexOf('Trial:'));
    expect(shown).toMatch(/Bail hearing Closed/);
    expect(text(renderAs(createElement(CaseHearingsTable, { caption: 'الجلسات', hearings: HEARINGS }), CAIRO_CLERK, 'ar'))).not.toMatch(
      /hearingStatuses\.|hearingTypes\./,
    );
  });
});
