import { createElement } from 'react';
import type { TodayHearingView } from '@ejustice/hearings/contract/hearing-contract';
import { readable } from '../../i18n/browser-zone.testing';
import { HearingsTable } from './TodaysHearingsSection';
import { CAIRO_JUDGE, renderAs } from '../../auth/render.testing';

const JUDGE = CAIRO_JUDGE;

function render(element: React.ReactElement, lng: 'en' | 'fr' | 'ar'): string {
  return renderAs(element, JUDGE, lng);
}

const text = (html: string) => readable(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

const hearing = (id: string, courtRoom: TodayHearingView['courtRoom']): TodayHearingView => ({
  id,
  title: `Hearing ${id}`,
  hearingType: 'bail',
  status: 'scheduled',
  roomLocked: false,
  scheduledStart: '2027-01-12T07:30:00.000Z',
  scheduledEnd: '2027-01-12T08:30:00.000Z',
  case: { id: 'k-1', number: 'CRIM-2026-000042' },
  courtRoom,
  participantCount: 2,
  waitingCount: 0,
  presiding: true,
});

describe('a hearing’s court room in the day’s list', () => {
  const hearings = [
    hearing('h-1', { id: 'r-2', name: 'Courtroom 2', virtual: false }),
    hearing('h-2', { id: 'r-v', name: 'Video room', virtual: true }),
    hearing('h-3', null),
  ];

  it('names the room under the time, says when it is virtual, and says nothing without one', () => {
    const html = render(createElement(HearingsTable, { caption: 'Today', hearings }), 'en');
    const rows = html.split('<tr>').slice(2);
    expect(text(rows[0])).toContain('Court room: Courtroom 2');
    expect(rows[0]).toContain('<bdi>Courtroom 2</bdi>');
    expect(text(rows[1])).toContain('Video room (virtual)');
    expect(text(rows[2])).not.toContain('Court room');
  });

  it('says it in French and Arabic', () => {
    expect(text(render(createElement(HearingsTable, { caption: 'Aujourd’hui', hearings }), 'fr'))).toContain('Video room (virtuelle)');
    const ar = text(render(createElement(HearingsTable, { caption: 'اليوم', hearings }), 'ar'));
    expect(ar).toContain('قاعة المحكمة');
    expect(ar).toContain('Video room (افتراضية)');
  });
});
