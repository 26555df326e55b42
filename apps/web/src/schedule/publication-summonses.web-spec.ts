import type { SummonsView } from '@ejustice/hearings/contract/summons-contract';
import type { UserProfile as User } from '@ejustice/identity/contract/identity-contract';
import { createElement } from 'react';
import { formatCourtDate, formatCourtTime } from '../i18n/court-time';
import { SummonsList, type SummonsListProps } from './PublicationSummonses';
import { summonsListOutOfDate } from './summonses-api';
import { ApiError } from '../api/problem';
import { renderAs } from '../auth/render.testing';

const CLERK: User = {
  id: '11111111-1111-4111-8111-111111111111',
  email: 'clerk@tunis.court.test',
  displayName: 'Nadia Haddad',
  courtId: 'c-tunis',
  courtName: 'Tunis Court',
  courtTimeZone: 'Africa/Tunis',
  roles: ['clerk'],
};

function summons(over: Partial<SummonsView> = {}): SummonsView {
  return {
    id: 's-1',
    reason: 'listed',
    createdAt: '2027-02-20T10:00:00.000Z',
    scheduleRunId: 'run-1',
    hearing: {
      id: 'h-1',
      title: 'Trial: CR-2027-0001',
      status: 'scheduled',
      scheduledStart: '2027-03-01T08:00:00.000Z',
      scheduledEnd: '2027-03-01T09:30:00.000Z',
      caseNumber: 'CR-2027-0001',
    },
    participant: { id: 'p-1', role: 'witness', displayName: 'Witness Q' },
    delivery: null,
    ...over,
  };
}

function render(props: SummonsListProps, lng: 'en' | 'fr' | 'ar' = 'en'): string {
  return renderAs(createElement(SummonsList, props), CLERK, lng);
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

describe('SummonsList', () => {
  it('says how many people without an account must be summoned, in each language’s plural', () => {
    expect(text(render({ count: 1, items: [] }))).toContain('1 person without an account must be summoned');
    expect(text(render({ count: 3, items: [] }))).toContain('3 people without an account must be summoned');
    expect(text(render({ count: 3, items: [] }, 'fr'))).toContain('3 personnes sans compte doivent être convoquées');
    expect(text(render({ count: 2, items: [] }, 'ar'))).toContain('شخصان بلا حساب يجب استدعاؤهما');
  });

  it('lists each person as the server names them, with the hearing, its day and time on the court’s clock, and why', () => {
    const item = summons();
    const shown = text(render({ count: 1, items: [item] }));
    expect(shown).toContain('Witness Q (Witness)');
    expect(shown).toContain('Trial: CR-2027-0001');
    const date = formatCourtDate(item.hearing.scheduledStart, 'en', 'Africa/Tunis');
    const start = formatCourtTime(item.hearing.scheduledStart, 'en', 'Africa/Tunis');
    const end = formatCourtTime(item.hearing.scheduledEnd, 'en', 'Africa/Tunis');
    expect(shown).toContain(`${date}, ${start}–${end} (Africa/Tunis)`);
    expect(shown).toContain('newly listed');
  });

  it('offers a hearing link to issue for a listed hearing, not for an adjourned one, and shows an issued link to hand over', () => {
    const listed = render({ count: 1, items: [summons()] });
    expect(text(listed)).toContain('Issue a hearing link');
    const adjourned = render({ count: 1, items: [summons({ reason: 'adjourned' })] });
    expect(text(adjourned)).not.toContain('Issue a hearing link');
    expect(text(adjourned)).toContain('adjourned');
    const issued = render({
      count: 1,
      items: [summons()],
      links: { 's-1': { linkId: 'l', token: 't', url: 'https://court.test/join/t0ken', expiresAt: '2027-03-04T08:00:00.000Z' } },
    });
    expect(issued).toContain('value="https://court.test/join/t0ken"');
    expect(text(issued)).not.toContain('Issue a hearing link');
  });

  it('tells an interpreter stood down for another that they are no longer needed, with no link to issue, by phone first', () => {
    const released = summons({
      reason: 'released',
      participant: { id: 'p-2', role: 'interpreter', displayName: 'Interpreter Salem (ar)' },
    });
    const html = render({ count: 1, items: [released] });
    expect(text(html)).toContain('Interpreter Salem (ar) (Interpreter)');
    expect(text(html)).toContain('no longer needed: someone else sits instead');
    expect(text(html)).not.toContain('Issue a hearing link');
    expect(html).toMatch(/<option value="phone" selected/);
  });

  it('asks how it was delivered, with every method in words, and a Mark as delivered button', () => {
    const html = render({ count: 1, items: [summons()] }, 'fr');
    expect(text(html)).toContain('Marquer comme remise');
    for (const method of ['lien remis', 'téléphone', 'courrier', 'en personne']) expect(text(html)).toContain(method);
  });

  it('says plainly when nobody is waiting, in all three languages, with no key left untranslated', () => {
    expect(text(render({ count: 0, items: [] }))).toContain('Nobody is waiting to be summoned.');
    expect(text(render({ count: 0, items: [] }, 'fr'))).toContain('Personne n’attend de convocation.');
    expect(text(render({ count: 0, items: [] }, 'ar'))).toContain('لا أحد بانتظار الاستدعاء.');
    for (const lng of ['en', 'fr', 'ar'] as const) {
      const reasons = [summons(), summons({ id: 's-2', reason: 'moved' }), summons({ id: 's-3', reason: 'released' })];
      expect(text(render({ count: 3, items: reasons }, lng))).not.toMatch(/schedule\.summonses\./);
    }
  });

  it('loads the list again after a refusal that means it is out of date, not after any other failure', () => {
    const refused = (status: number, code: string) => new ApiError({ status, code, detail: code });
    expect(summonsListOutOfDate(refused(409, 'summons.seat_removed'))).toBe(true);
    expect(summonsListOutOfDate(refused(409, 'summons.superseded'))).toBe(true);
    expect(summonsListOutOfDate(refused(409, 'summons.already_delivered'))).toBe(true);
    expect(summonsListOutOfDate(refused(403, 'summons.deliver_forbidden'))).toBe(false);
    expect(summonsListOutOfDate(new Error('offline'))).toBe(false);
  });
});
