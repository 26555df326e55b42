import { createElement } from 'react';
import type { CaseDetailView } from '@ejustice/cases/contract/case-contract';
import type { DocketView } from '@ejustice/filing/contract/filing-contract';
import type { UserProfile as User } from '@ejustice/identity/contract/identity-contract';
import { ApiClient } from '../../api/client';
import { createTokenStore } from '../../auth/token-store';
import { Docket } from '../../docket/CaseDocketPage';
import { readable } from '../../i18n/browser-zone.testing';
import { type ListHearingChoices, ListHearingFormView, ListHearingOutcomeNotice } from './ListHearingSection';
import { emptyListHearingForm, listHearing, listHearingProblems, listHearingRequest, refusedField } from './list-hearing-form';
import { CAIRO_CLERK, CAIRO_JUDGE, renderAs } from '../../auth/render.testing';

const CLERK = CAIRO_CLERK;
const JUDGE = CAIRO_JUDGE;
const PARTY: User = { ...CLERK, id: 'u-party', displayName: 'Nadia Salem', roles: ['party'] };

function render(element: React.ReactElement, user: User, lng: 'en' | 'fr' | 'ar' = 'en'): string {
  return renderAs(element, user, lng);
}

const text = (html: string) => readable(html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'"));

/** The real ApiClient, signed in, with `fetchImpl` standing in for the network. */
function clientWith(fetchImpl: jest.Mock): ApiClient {
  const tokens = createTokenStore(() => undefined);
  tokens.setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  return new ApiClient({ tokens, fetch: fetchImpl as unknown as typeof fetch });
}

const problem = (status: number, code: string, detail: string) =>
  jest.fn(
    async () =>
      new Response(JSON.stringify({ type: 'about:blank', title: 'Conflict', status, code, detail }), {
        status,
        headers: { 'content-type': 'application/problem+json' },
      }),
  );

const DETAIL: CaseDetailView = {
  id: 'k-1',
  number: 'CRIM-2026-000042',
  title: 'State v. Dahan',
  caseType: 'criminal',
  status: 'active',
  confidentiality: 'public',
  urgent: true,
  openedAt: '2026-11-01T08:00:00.000Z',
  assignedJudge: { id: 'u-judge', displayName: 'Judge Hoda' },
  parties: [],
  docket: [],
};
const DOCKET: DocketView = { caseId: 'k-1', caseNumber: 'CRIM-2026-000042', entries: [] };

const CHOICES: ListHearingChoices = {
  judges: [
    { userId: 'u-judge', displayName: 'Judge Hoda', profile: null },
    { userId: 'u-judge-2', displayName: 'Judge Karim', profile: null },
  ],
  rooms: [
    { id: 'r-2', name: 'Courtroom 2', virtual: false, equipment: [], availableWeekdays: null, availableKinds: null },
    { id: 'r-v', name: 'Video room', virtual: true, equipment: ['live_link'], availableWeekdays: null, availableKinds: null },
  ],
};

const FILLED = {
  ...emptyListHearingForm(),
  title: '  Bail hearing  ',
  hearingType: 'bail' as const,
  date: '2027-01-12',
  start: '09:30',
  end: '10:15',
};

describe('listing a hearing by hand from a case’s docket', () => {
  it('offers it to the court’s clerks and judges, on a case still open, and to nobody else', () => {
    for (const user of [CLERK, JUDGE]) {
      const html = render(createElement(Docket, { detail: DETAIL, docket: DOCKET }), user);
      expect(text(html)).toContain('List a hearing in this case');
      expect(html).toContain('<details');
    }
    expect(text(render(createElement(Docket, { detail: DETAIL, docket: DOCKET }), PARTY))).not.toContain('List a hearing');
    const disposed = { ...DETAIL, status: 'disposed' as const };
    expect(text(render(createElement(Docket, { detail: disposed, docket: DOCKET }), CLERK))).not.toContain('List a hearing');
  });

  it('says what is missing before sending anything', () => {
    expect(listHearingProblems(emptyListHearingForm(), 'Africa/Cairo')).toEqual({
      title: 'title',
      date: 'date',
      start: 'start',
      end: 'end',
    });
    expect(listHearingProblems({ ...FILLED, end: '09:30' }, 'Africa/Cairo')).toEqual({ end: 'endBeforeStart' });
    expect(listHearingProblems({ ...FILLED, date: '2027-02-30' }, 'Africa/Cairo')).toEqual({ date: 'date' });
    expect(listHearingProblems(FILLED, 'Africa/Cairo')).toEqual({});
    expect(listHearingRequest('k-1', { ...FILLED, title: ' ' }, 'Africa/Cairo')).toBeNull();
  });

  it('sends the times on the court’s clock as instants, and a judge and a room only when chosen', () => {
    expect(listHearingRequest('k-1', FILLED, 'Africa/Cairo')).toEqual({
      caseId: 'k-1',
      title: 'Bail hearing',
      hearingType: 'bail',
      scheduledStart: '2027-01-12T07:30:00.000Z',
      scheduledEnd: '2027-01-12T08:15:00.000Z',
    });
    expect(listHearingRequest('k-1', { ...FILLED, presidingJudgeId: 'u-judge', roomId: 'r-2' }, 'Europe/Paris')).toMatchObject({
      scheduledStart: '2027-01-12T08:30:00.000Z',
      presidingJudgeId: 'u-judge',
      roomId: 'r-2',
    });
  });

  it('posts to /api/hearings and shows the hearing listed, on the court’s clock, with the way to it', async () => {
    const listed = {
      id: 'h-9',
      caseId: 'k-1',
      title: 'Bail hearing',
      hearingType: 'bail',
      status: 'scheduled',
      scheduledStart: '2027-01-12T07:30:00.000Z',
      scheduledEnd: '2027-01-12T08:15:00.000Z',
      presidingJudgeId: 'u-judge',
      floorLanguage: null,
      roomId: 'r-2',
    };
    const fetchImpl = jest.fn(
      async () => new Response(JSON.stringify(listed), { status: 201, headers: { 'content-type': 'application/json' } }),
    );
    const request = listHearingRequest('k-1', { ...FILLED, presidingJudgeId: 'u-judge', roomId: 'r-2' }, 'Africa/Cairo');
    const outcome = await listHearing(clientWith(fetchImpl), request as NonNullable<typeof request>);

    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/hearings');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual(request);
    expect(outcome).toEqual({ kind: 'listed', hearing: listed });
    const html = render(createElement(ListHearingOutcomeNotice, { outcome }), CLERK);
    expect(html).toContain('role="status"');
    expect(html).toContain('Listed: <bdi>Bail hearing</bdi>, ');
    expect(text(html)).toContain('Tuesday, January 12, 2027 at 9:30 AM GMT+2 (Africa/Cairo).');
    expect(html).toContain('href="/hearings/h-9"');
  });

  it('says the court’s refusal in the person’s language, and points at the room or the judge it is about', async () => {
    const outcome = await listHearing(
      clientWith(problem(409, 'hearing.room_double_booked', 'Another hearing is booked into this room at that time.')),
      listHearingRequest('k-1', { ...FILLED, roomId: 'r-2' }, 'Africa/Cairo') as NonNullable<ReturnType<typeof listHearingRequest>>,
    );
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(refusedField(outcome.error)).toBe('roomId');
    const en = render(createElement(ListHearingOutcomeNotice, { outcome }), CLERK);
    expect(en).toContain('role="alert"');
    expect(text(en)).toContain('Choose another room or another time.');
    expect(text(render(createElement(ListHearingOutcomeNotice, { outcome }), CLERK, 'ar'))).toContain(
      'جلسة أخرى محجوزة في هذه القاعة في ذلك الوقت.',
    );
    expect(text(render(createElement(ListHearingOutcomeNotice, { outcome }), CLERK, 'fr'))).toContain(
      'Une autre audience est réservée dans cette salle à cette heure.',
    );
    const form = render(
      createElement(ListHearingFormView, {
        caseId: 'k-1',
        choices: CHOICES,
        client: clientWith(jest.fn()),
        initial: { ...FILLED, roomId: 'r-2' },
        initialOutcome: outcome,
      }),
      CLERK,
    );
    expect(form).toMatch(/<select id="[^"]*-room" aria-invalid="true"/);
    expect(form).not.toMatch(/<select id="[^"]*-judge" aria-invalid/);

    const judge = await listHearing(
      clientWith(problem(409, 'hearing.judge_double_booked', 'The presiding judge already sits in another hearing at that time.')),
      listHearingRequest('k-1', FILLED, 'Africa/Cairo') as NonNullable<ReturnType<typeof listHearingRequest>>,
    );
    expect(judge.kind === 'failed' && refusedField(judge.error)).toBe('presidingJudgeId');
  });

  it('offers the court’s judges and rooms, none chosen at first, in Arabic too, with the court’s zone named', () => {
    const html = render(createElement(ListHearingFormView, { caseId: 'k-1', choices: CHOICES, client: clientWith(jest.fn()) }), CLERK);
    expect(html).toMatch(/<option value="" selected="">Not named yet/);
    expect(html).toMatch(/<option value="u-judge-2">Judge Karim</);
    expect(html).toMatch(/<option value="r-2">Courtroom 2</);
    expect(html).toMatch(/<option value="r-v">Video room \(virtual\)</);
    expect(text(html)).toContain("The date and times are on the court's clock (Africa/Cairo).");
    expect(html).toMatch(/<input id="[^"]*-date" type="date"/);

    const ar = text(
      render(createElement(ListHearingFormView, { caseId: 'k-1', choices: CHOICES, client: clientWith(jest.fn()) }), CLERK, 'ar'),
    );
    expect(ar).toContain('قاعة المحكمة');
    expect(ar).toContain('Video room (افتراضية)');
    expect(ar).not.toContain('Presiding judge');

    const empty = text(
      render(
        createElement(ListHearingFormView, { caseId: 'k-1', choices: { judges: [], rooms: [] }, client: clientWith(jest.fn()) }),
        CLERK,
      ),
    );
    expect(empty).toContain('The court has no rooms in its scheduling data yet');
  });
});
