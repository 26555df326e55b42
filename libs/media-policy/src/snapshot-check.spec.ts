import type { PolicySnapshot } from './policy-snapshot';
import { checkSnapshot as sut, type SnapshotProblemCode } from './snapshot-check';
import type { SpecialMeasure } from './special-measure';
import { COURT, newCourtroom, newParticipant, withAnonymity, withConsultation, withParticipant } from './testing/policy-snapshot.factory';

const codes = (snapshot: PolicySnapshot): SnapshotProblemCode[] => sut(snapshot).map((problem) => problem.code);
const consultation = { id: 'c1', openedBy: COURT.defenceCounsel, memberIds: [COURT.defenceCounsel, COURT.defendant] };

describe('checkSnapshot', () => {
  it('finds nothing wrong with a sitting court, a consultation and an anonymity order', () => {
    const court = withAnonymity(withConsultation(newCourtroom(), consultation), COURT.witness);

    expect(sut(court)).toEqual([]);
  });

  it.each<[string, (court: PolicySnapshot) => PolicySnapshot, SnapshotProblemCode, 'hearing' | 'participant']>([
    ['a hearing status nobody knows', (court) => ({ ...court, status: 'sine_die' as never }), 'unknown_status', 'hearing'],
    ['a missing participant list', (court) => ({ ...court, participants: undefined as never }), 'malformed_snapshot', 'hearing'],
    [
      'two people under one id',
      (court) => ({ ...court, participants: [...court.participants, newParticipant(COURT.judge, 'observer')] }),
      'duplicate_participant',
      'hearing',
    ],
    ['a role nobody knows', (court) => withParticipant(court, COURT.victim, { role: 'usher' as never }), 'unknown_role', 'participant'],
    ['a state nobody knows', (court) => withParticipant(court, COURT.victim, { state: 'asleep' as never }), 'unknown_state', 'participant'],
    [
      'a consultation participant without a consultation',
      (court) => withParticipant(court, COURT.defendant, { state: 'in_consultation' }),
      'consultation_missing',
      'participant',
    ],
    [
      'a consultation participant in a consultation that does not exist',
      (court) => withParticipant(court, COURT.defendant, { state: 'in_consultation', consultationId: 'ghost' }),
      'consultation_unknown',
      'participant',
    ],
    [
      'a consultation participant the consultation does not list',
      (court) =>
        withParticipant(withConsultation(court, consultation), COURT.victim, {
          state: 'in_consultation',
          consultationId: 'c1',
        }),
      'consultation_membership_mismatch',
      'participant',
    ],
    [
      'an admitted participant still listed in a consultation',
      (court) =>
        withParticipant(withConsultation(court, consultation), COURT.defendant, {
          state: 'admitted',
          consultationId: null,
        }),
      'stray_consultation_membership',
      'participant',
    ],
    [
      'a consultation a witness opened',
      (court) => withConsultation(court, { ...consultation, openedBy: COURT.witness }),
      'consultation_opener_invalid',
      'participant',
    ],
    [
      'a consultation listing a stranger',
      (court) => ({
        ...withConsultation(court, consultation),
        consultations: [{ ...consultation, memberIds: [...consultation.memberIds, 'ghost'] }],
      }),
      'consultation_member_unknown',
      'participant',
    ],
    [
      'two consultations under one id',
      (court) => ({ ...court, consultations: [consultation, { ...consultation, memberIds: [] }] }),
      'duplicate_consultation',
      'hearing',
    ],
    [
      'an order of a kind this version cannot read',
      (court) => ({ ...court, orders: [{ kind: 'audio_only', id: 'o1' } as unknown as SpecialMeasure] }),
      'unknown_order_kind',
      'hearing',
    ],
    [
      'an anonymity order without a pseudonym',
      (court) => withAnonymity(court, COURT.witness, { pseudonym: '' }),
      'order_malformed',
      'hearing',
    ],
    ['an anonymity order for someone not in the hearing', (court) => withAnonymity(court, 'ghost'), 'order_subject_unknown', 'hearing'],
    [
      'two anonymity orders for one witness',
      (court) => withAnonymity(withAnonymity(court, COURT.witness), COURT.witness, { id: 'o2', pseudonym: 'Witness B' }),
      'conflicting_orders',
      'hearing',
    ],
  ])('reports %s', (_situation, spoil, code, scope) => {
    const problems = sut(spoil(newCourtroom()));

    expect(problems).toContainEqual(expect.objectContaining({ code, scope }));
  });

  it('never puts a name or a pseudonym into a problem message, since messages are logged', () => {
    const court = withAnonymity(
      withParticipant(newCourtroom(), COURT.witness, { state: 'in_consultation', consultationId: 'ghost' }),
      COURT.witness,
      { pseudonym: 'Witness A' },
    );
    const spoilt = withAnonymity(court, COURT.witness, { id: 'o2', pseudonym: 'Witness B' });

    const messages = JSON.stringify(sut(spoilt));

    expect(codes(spoilt)).toEqual(expect.arrayContaining(['consultation_unknown', 'conflicting_orders']));
    expect(messages).not.toContain('Nadia');
    expect(messages).not.toContain('Witness A');
    expect(messages).not.toContain('Witness B');
  });

  it('lets a disconnected participant stay listed in the consultation they dropped out of', () => {
    const court = withParticipant(withConsultation(newCourtroom(), consultation), COURT.defendant, {
      state: 'disconnected',
    });

    expect(sut(court)).toEqual([]);
  });
});
