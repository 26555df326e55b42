import type { OrderView } from '@ejustice/hearings/orders/order-views';
import i18next from 'i18next';
import { ApiError } from '../../api/problem';
import en from '../../i18n/locales/en.json';
import type { ParticipantView } from '../state/room-state';
import {
  changeOrderRequest,
  draftFromOrder,
  draftProblems,
  hasTerms,
  makeOrderRequest,
  newDraft,
  orderErrorText,
  refusedFields,
  SCREENABLE_ROLES,
  screenableParticipants,
  splitOrders,
  subjectCandidates,
  supporterCandidates,
  type OrderDraft,
} from './order-form';

const person = (id: string, over: Partial<ParticipantView> = {}): ParticipantView => ({
  id,
  role: 'witness',
  displayName: id,
  self: false,
  state: 'admitted',
  ...over,
});

const participants = [
  person('judge', { role: 'judge', self: true }),
  person('clerk', { role: 'clerk' }),
  person('w1'),
  person('victim', { role: 'victim', state: 'waiting' }),
  person('supp', { role: 'supporter' }),
  person('accused', { role: 'defendant' }),
  person('gallery', { role: 'observer' }),
  person('gone', { state: 'removed' }),
];

const actor = { userId: 'u-judge', displayName: 'Judge Amina Benali' };

function order(over: Partial<OrderView> & Pick<OrderView, 'kind' | 'terms'>): OrderView {
  return {
    id: 'o1',
    hearingId: 'h1',
    participantId: 'w1',
    reason: 'Fear of reprisals',
    version: 1,
    inForce: true,
    made: { by: actor, at: '2031-03-04T09:00:00.000Z' },
    changed: null,
    revoked: null,
    ...over,
  };
}

const draft = (over: Partial<OrderDraft>): OrderDraft => ({ ...newDraft(over.kind), ...over });

describe('making an order', () => {
  it('sends exactly the terms of its kind, trimmed, with the participant and the reason', () => {
    const request = makeOrderRequest(
      draft({
        kind: 'anonymity',
        participantId: 'w1',
        pseudonym: '  Witness A ',
        picture: 'silhouette',
        disclosedToRoles: ['clerk'],
        // Left over from another kind chosen first: not sent.
        location: 'Shelter',
        reason: ' Fear of reprisals ',
      }),
    );

    expect(request).toEqual({
      kind: 'anonymity',
      participantId: 'w1',
      pseudonym: 'Witness A',
      picture: 'silhouette',
      disclosedToRoles: ['clerk'],
      disclosedToParticipantIds: [],
      reason: 'Fear of reprisals',
    });
  });

  it('names nobody for evidence in private, and sends no terms for audio only', () => {
    expect(makeOrderRequest(draft({ kind: 'evidence_in_private', participantId: 'w1', reason: 'Sexual offence' }))).toEqual({
      kind: 'evidence_in_private',
      reason: 'Sexual offence',
    });
    expect(makeOrderRequest(draft({ kind: 'audio_only', participantId: 'w1', reason: 'r' }))).toEqual({
      kind: 'audio_only',
      participantId: 'w1',
      reason: 'r',
    });
  });

  it('says what is plainly missing, field by field, before asking the server', () => {
    expect(draftProblems(newDraft('anonymity'))).toEqual(['participantId', 'pseudonym', 'reason']);
    expect(draftProblems(draft({ kind: 'screen', participantId: 'w1', reason: 'r' }))).toEqual(['fromRoles']);
    expect(draftProblems(draft({ kind: 'screen', participantId: 'w1', fromParticipantIds: ['accused'], reason: 'r' }))).toEqual([]);
    expect(draftProblems(draft({ kind: 'supporter', participantId: 'w1', reason: 'r' }))).toEqual(['supporterId']);
    expect(draftProblems(draft({ kind: 'remote_witness_room', participantId: 'w1', location: '  ', reason: 'r' }))).toEqual(['location']);
    expect(draftProblems(draft({ kind: 'evidence_in_private', reason: ' ' }))).toEqual(['reason']);
    expect(draftProblems(newDraft('attendance'))).toEqual(['participantId', 'reason']);
    expect(draftProblems(draft({ kind: 'attendance', participantId: 'gallery', reason: 'The press may report' }))).toEqual([]);
  });
});

describe('changing and revoking', () => {
  it('starts a change from the recorded terms, with a new reason to give, and sends all the kind’s terms and the version seen', () => {
    const screen = order({ kind: 'screen', terms: { fromRoles: ['defendant', 'observer'], fromParticipantIds: ['accused'] }, version: 3 });

    const start = draftFromOrder(screen);
    expect(start).toMatchObject({ kind: 'screen', participantId: 'w1', fromRoles: ['defendant', 'observer'], reason: '' });

    expect(changeOrderRequest({ ...start, fromRoles: ['defendant'], reason: 'Gallery allowed' }, screen.version)).toEqual({
      terms: { fromRoles: ['defendant'], fromParticipantIds: ['accused'] },
      reason: 'Gallery allowed',
      version: 3,
    });
  });

  it('offers a change only for orders with terms', () => {
    expect(hasTerms('anonymity')).toBe(true);
    expect(hasTerms('remote_witness_room')).toBe(true);
    expect(hasTerms('audio_only')).toBe(false);
    expect(hasTerms('evidence_in_private')).toBe(false);
  });

  it('lists orders in force in the order they were made, and revoked ones latest first', () => {
    const orders = [
      order({ id: 'b', kind: 'audio_only', terms: {}, made: { by: actor, at: '2031-03-04T10:00:00.000Z' } }),
      order({
        id: 'r1',
        kind: 'audio_only',
        terms: {},
        inForce: false,
        revoked: { by: actor, at: '2031-03-04T11:00:00.000Z', reason: 'x' },
      }),
      order({ id: 'a', kind: 'evidence_in_private', participantId: null, terms: {} }),
      order({
        id: 'r2',
        kind: 'audio_only',
        terms: {},
        inForce: false,
        revoked: { by: actor, at: '2031-03-04T12:00:00.000Z', reason: 'y' },
      }),
    ];

    const { inForce, revoked } = splitOrders(orders);

    expect(inForce.map((o) => o.id)).toEqual(['a', 'b']);
    expect(revoked.map((o) => o.id)).toEqual(['r2', 'r1']);
  });
});

describe('whom the form offers', () => {
  it('protects anyone but the bench, the gallery and the removed; supporters are those in the supporter role', () => {
    expect(subjectCandidates(participants).map((p) => p.id)).toEqual(['w1', 'victim', 'supp', 'accused']);
    expect(supporterCandidates(participants).map((p) => p.id)).toEqual(['supp']);
  });

  it('gives leave to attend to anyone but the bench, the gallery included; an attendance order has no terms to change', () => {
    expect(subjectCandidates(participants, 'attendance').map((p) => p.id)).toEqual(['w1', 'victim', 'supp', 'accused', 'gallery']);
    expect(hasTerms('attendance')).toBe(false);
    expect(makeOrderRequest(draft({ kind: 'attendance', participantId: 'gallery', reason: ' Press ' }))).toEqual({
      kind: 'attendance',
      participantId: 'gallery',
      reason: 'Press',
    });
  });

  it('never screens the bench, nor a witness from herself', () => {
    expect(SCREENABLE_ROLES).not.toContain('judge');
    expect(SCREENABLE_ROLES).not.toContain('clerk');
    expect(screenableParticipants(participants, 'w1').map((p) => p.id)).toEqual(['victim', 'supp', 'accused', 'gallery']);
  });
});

describe('a refused order', () => {
  const i18n = i18next.createInstance();
  void i18n.init({ resources: { en: { translation: en } }, lng: 'en', initAsync: false, nsSeparator: false });

  it('is explained in the server’s sentence, naming the fields it refused', () => {
    const refusal = new ApiError({
      status: 400,
      code: 'order.pseudonym_is_real_name',
      detail: 'The pseudonym is the participant’s real name. Choose a pseudonym that does not identify them (for example “Witness A”).',
      fieldErrors: [{ field: 'pseudonym', message: 'must not be the participant’s real name' }],
    });

    expect(orderErrorText(refusal, i18n)).toBe(refusal.detail);
    expect([...refusedFields(refusal)]).toEqual(['pseudonym']);
  });

  it('falls back to the translated message for failures that are not order refusals', () => {
    const offline = new ApiError({ status: 0, code: 'network_error' });

    expect(orderErrorText(offline, i18n)).toBe(en.errors.network_error);
    expect(refusedFields(new Error('boom')).size).toBe(0);
  });
});
