import { createElement } from 'react';
import type { HearingParticipantLine, WithdrawnSeatView } from '@ejustice/hearings/contract/hearing-contract';
import { ApiClient } from '../../api/client';
import { ApiError } from '../../api/problem';
import { CAIRO_CLERK, renderAs } from '../../auth/render.testing';
import { createTokenStore } from '../../auth/token-store';
import { readable } from '../../i18n/browser-zone.testing';
import { testI18n } from '../../i18n/i18n.testing';
import { ParticipantLinksSection } from '../links/ParticipantLinksSection';
import { WithdrawSeat } from './WithdrawSeat';
import { type WithdrawSeatOutcome, seatGone, withRemoved, withdrawSeat, withdrawSeatError } from './withdraw-seat';

const text = (html: string) => readable(html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'"));

/** The real ApiClient, signed in, with `fetchImpl` standing in for the network. */
function clientWith(fetchImpl: jest.Mock): ApiClient {
  const tokens = createTokenStore(() => undefined);
  tokens.setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  return new ApiClient({ tokens, fetch: fetchImpl as unknown as typeof fetch });
}

const respond = (status: number, body: unknown, type = 'application/json') =>
  jest.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } }));

const refusal = (status: number, code: string) =>
  respond(
    status,
    { type: 'about:blank', title: 'Conflict', status, code, detail: 'The server’s English sentence.' },
    'application/problem+json',
  );

const line = (id: string, role: HearingParticipantLine['role'], displayName: string, state: HearingParticipantLine['state']) => ({
  id,
  role,
  displayName,
  self: false,
  state,
});

const MONA = line('p-mona', 'witness', 'Mona Aziz', 'invited');
const RANA = line('p-rana', 'defence_counsel', 'Rana Haddad', 'invited');
const OMAR = line('p-omar', 'defendant', 'Omar Salim', 'waiting');
const KARIM = line('p-karim', 'observer', 'Karim', 'removed');
const JUDGE = line('p-judge', 'judge', 'Judge Hoda', 'invited');
const PEOPLE = [JUDGE, MONA, RANA, OMAR, KARIM];

/** The section's markup, one entry per person's line, by their name. */
function lines(participants: readonly HearingParticipantLine[], withdrawable = true): Map<string, string> {
  const html = renderAs(
    createElement(ParticipantLinksSection, {
      hearingId: 'h-1',
      participants,
      onRemoved: withdrawable ? () => undefined : undefined,
    }),
    CAIRO_CLERK,
  );
  const items = html.split('<li class="person">').slice(1);
  return new Map(items.map((item) => [/<bdi class="person__name">([^<]+)<\/bdi>/.exec(item)?.[1] ?? '?', item]));
}

const WITHDRAW_BUTTON = /<button[^>]*aria-label="Withdraw seat of ([^"]+)"[^>]*aria-haspopup="dialog"[^>]*>Withdraw seat<\/button>/;

function notice(outcome: WithdrawSeatOutcome, participant = MONA, lng: 'en' | 'fr' | 'ar' = 'en'): string {
  const props = { hearingId: 'h-1', participant, name: 'Mona Aziz (Witness)', onRemoved: () => undefined, initialOutcome: outcome };
  return renderAs(createElement(WithdrawSeat, props), CAIRO_CLERK, lng);
}

describe('withdrawing a seat from the hearing page', () => {
  it('offers Withdraw seat only to someone who has not joined yet, and only while the hearing is open', () => {
    const shown = lines(PEOPLE);
    expect([...shown.keys()]).toEqual(['Mona Aziz', 'Rana Haddad', 'Omar Salim', 'Karim']);
    expect(WITHDRAW_BUTTON.exec(shown.get('Mona Aziz')!)?.[1]).toBe('Mona Aziz (Witness)');
    expect(WITHDRAW_BUTTON.exec(shown.get('Rana Haddad')!)?.[1]).toBe('Rana Haddad (Defence counsel)');
    expect(shown.get('Omar Salim')).not.toContain('Withdraw seat');
    expect(text(shown.get('Omar Salim')!)).toContain('Has joined the hearing: only the hearing room can remove them.');
    expect(shown.get('Karim')).not.toContain('Withdraw seat');

    // A closed hearing: the page gives no onRemoved, and nobody is offered it.
    expect([...lines(PEOPLE, false).values()].some((item) => item.includes('Withdraw seat'))).toBe(false);
  });

  it('asks first, naming the person and saying their links stop working', () => {
    const mona = lines(PEOPLE).get('Mona Aziz')!;
    const button = mona.search(WITHDRAW_BUTTON);
    const dialog = mona.indexOf('<dialog');
    expect(button).toBeGreaterThanOrEqual(0);
    expect(dialog).toBeGreaterThan(button);
    const question = text(mona.slice(dialog));
    expect(question).toContain(
      'Withdraw the seat of Mona Aziz (Witness)? They will no longer take part in this hearing, and every link issued to them stops working at once.',
    );
    expect(mona.slice(dialog)).toContain('>Withdraw the seat</button>');
  });

  it('posts the withdrawal and shows the line withdrawn at once, with how many links stopped working and none to issue', async () => {
    const seat: WithdrawnSeatView = { participantId: 'p-mona', linksRevoked: 2, summonsDelivered: false };
    const fetchImpl = respond(200, seat);
    const outcome = await withdrawSeat(clientWith(fetchImpl), 'h-1', 'p-mona');

    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/hearings/h-1/participants/p-mona/withdraw');
    expect(init.method).toBe('POST');
    expect(init.body).toBeUndefined();
    expect(outcome).toEqual({ kind: 'withdrawn', seat });
    expect(seatGone(outcome)).toBe(true);

    // The page's merge: Mona reads removed in every section, the others as they were.
    const merged = withRemoved(PEOPLE, new Set([seat.participantId]));
    expect(merged.map((p) => p.state)).toEqual(['invited', 'removed', 'invited', 'waiting', 'removed']);
    expect(merged[2]).toBe(RANA);

    const shown = lines(merged);
    const mona = shown.get('Mona Aziz')!;
    expect(text(mona)).toContain('Removed from the hearing');
    expect(mona).not.toContain('Withdraw seat');
    // Her links' story stays to read (none can be issued to her: the browser test opens it).
    expect(mona).toContain('<summary>Links</summary>');
    expect(shown.get('Rana Haddad')).toContain('<summary>Links</summary>');

    const done = notice(outcome, merged[1]);
    expect(done).toContain('role="status"');
    expect(done).toContain('<bdi>Mona Aziz (Witness)</bdi>');
    expect(text(done)).toBe('Seat withdrawn: Mona Aziz (Witness) no longer takes part in this hearing. Their 2 links stopped working.');
    const withCount = (linksRevoked: number, lng: 'en' | 'ar' = 'en', summonsDelivered = false) =>
      text(notice({ kind: 'withdrawn', seat: { participantId: 'p-mona', linksRevoked, summonsDelivered } }, merged[1], lng));
    expect(withCount(1)).toContain('Their link stopped working.');
    expect(withCount(0)).toContain('They held no link that still worked.');
    expect(withCount(2, 'ar')).toContain('وتوقف رابطاه عن العمل');
    // Told to come already: the court is reminded to tell them they need not.
    expect(withCount(1, 'en', true)).toContain('They had been told to come to this hearing: let them know they no longer need to.');
    expect(withCount(1)).not.toContain('told to come');
  });

  it('says a refusal in the page’s language, keeps the line as it was and offers a way on', async () => {
    const outcome = await withdrawSeat(clientWith(refusal(409, 'hearing.participant_joined')), 'h-1', 'p-mona');
    expect(outcome.kind).toBe('failed');
    expect(seatGone(outcome)).toBe(false);

    const html = notice(outcome);
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain(
      'The seat could not be withdrawn. This person has already been in the hearing room, so their seat is not withdrawn here',
    );
    expect(html).toContain('>Dismiss</button>');
    expect(html).toMatch(WITHDRAW_BUTTON);
    expect(text(notice(outcome, MONA, 'fr'))).toContain('Cette personne est déjà entrée dans la salle d’audience');
    expect(text(notice(outcome, MONA, 'ar'))).toContain('سبق لهذا الشخص أن دخل قاعة الجلسة');
    expect(text(html)).not.toContain('English sentence');
  });

  it('takes a seat withdrawn already as gone, and words each refusal for the court', async () => {
    const again = await withdrawSeat(clientWith(refusal(409, 'hearing.participant_already_removed')), 'h-1', 'p-mona');
    expect(seatGone(again)).toBe(true);
    expect(seatGone({ kind: 'failed', error: new TypeError('fetch failed') })).toBe(false);

    const i18n = testI18n('en');
    const problem = (status: number, code: string) => new ApiError({ status, code, title: 'x', detail: 'server sentence' });
    expect(withdrawSeatError(problem(409, 'hearing.judge_seat_kept'), i18n)).toBe(
      'A judge’s seat is not withdrawn: nobody removes a judge from a hearing.',
    );
    expect(withdrawSeatError(problem(409, 'hearing.participant_already_removed'), i18n)).toMatch(/withdrawn already/);
    expect(withdrawSeatError(problem(403, 'auth.forbidden'), i18n)).toBe('Only the judges and clerks of this court can withdraw a seat.');
    expect(withdrawSeatError(problem(404, 'hearing.not_found'), i18n)).toMatch(/Go back to the home page/);
    expect(withdrawSeatError(problem(410, 'hearing.closed'), i18n)).toBe('This hearing is closed.');
  });
});
