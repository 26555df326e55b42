import type { PolicySnapshot } from './policy-snapshot';
import { checkSnapshot as sut, type SnapshotProblemCode } from './snapshot-check';
import type { SpecialMeasure } from './special-measure';
import {
  COURT,
  newCourtroom,
  newParticipant,
  withAnonymity,
  withAudioOnly,
  withConsultation,
  withEvidenceInPrivate,
  withOrder,
  withParticipant,
  withRemoteRoom,
  withScreen,
  withSupporter,
} from './testing/policy-snapshot.factory';

const codes = (snapshot: PolicySnapshot): SnapshotProblemCode[] => sut(snapshot).map((problem) => problem.code);
const consultation = { id: 'c1', openedBy: COURT.defenceCounsel, memberIds: [COURT.defenceCounsel, COURT.defendant] };
const order = (fields: object): SpecialMeasure => fields as SpecialMeasure;

describe('checkSnapshot', () => {
  it('finds nothing wrong with a sitting court, a consultation and an anonymity order', () => {
    const court = withAnonymity(withConsultation(newCourtroom(), consultation), COURT.witness);

    expect(sut(court)).toEqual([]);
  });

  it('finds nothing wrong with one order of every kind', () => {
    let court = withAnonymity(newCourtroom(), COURT.witness, { picture: 'silhouette', disclosedToRoles: ['clerk'] });
    court = withScreen(court, COURT.witness, { fromRoles: ['defendant', 'observer'], fromParticipantIds: [COURT.interpreter] });
    court = withAudioOnly(court, COURT.victim);
    court = withSupporter(court, COURT.witness, COURT.supporter, 'intermediary');
    court = withRemoteRoom(withEvidenceInPrivate(court), COURT.witness, 'Witness suite');

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
      (court) => ({ ...court, orders: [{ kind: 'recording', id: 'o1' } as unknown as SpecialMeasure] }),
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
    [
      'an anonymity order with a picture the pipeline cannot make',
      (court) => withAnonymity(court, COURT.witness, { picture: 'pixelate' as never }),
      'order_malformed',
      'hearing',
    ],
    [
      'an order without an id',
      (court) => withOrder(court, order({ kind: 'audio_only', id: '', participantId: COURT.witness })),
      'order_malformed',
      'hearing',
    ],
    ['a screen from the judge’s role', (court) => withScreen(court, COURT.witness, { fromRoles: ['judge'] }), 'order_malformed', 'hearing'],
    [
      'a screen from the clerk by name',
      (court) => withScreen(court, COURT.witness, { fromRoles: [], fromParticipantIds: [COURT.clerk] }),
      'order_malformed',
      'hearing',
    ],
    ['a screen for the clerk', (court) => withScreen(court, COURT.clerk), 'order_malformed', 'hearing'],
    [
      'a screen from the witness herself',
      (court) => withScreen(court, COURT.witness, { fromParticipantIds: [COURT.witness] }),
      'order_malformed',
      'hearing',
    ],
    ['a screen from nobody', (court) => withScreen(court, COURT.witness, { fromRoles: [] }), 'order_malformed', 'hearing'],
    [
      'a screen with a garbled list',
      (court) => withScreen(court, COURT.witness, { fromRoles: 'defendant' as never }),
      'order_malformed',
      'hearing',
    ],
    [
      'a screen from someone not in the hearing',
      (court) => withScreen(court, COURT.witness, { fromParticipantIds: ['ghost'] }),
      'order_subject_unknown',
      'hearing',
    ],
    [
      'two screens for one witness',
      (court) => withScreen(withScreen(court, COURT.witness), COURT.witness, { id: 'o2', fromRoles: ['observer'] }),
      'conflicting_orders',
      'hearing',
    ],
    ['an audio-only order for someone not in the hearing', (court) => withAudioOnly(court, 'ghost'), 'order_subject_unknown', 'hearing'],
    [
      'two audio-only orders for one witness',
      (court) => withOrder(withAudioOnly(court, COURT.witness), order({ kind: 'audio_only', id: 'o2', participantId: COURT.witness })),
      'conflicting_orders',
      'hearing',
    ],
    ['a witness as her own supporter', (court) => withSupporter(court, COURT.witness, COURT.witness), 'order_malformed', 'hearing'],
    ['the clerk as a supporter', (court) => withSupporter(court, COURT.witness, COURT.clerk), 'order_malformed', 'hearing'],
    [
      'a supporter in an unknown capacity',
      (court) => withSupporter(court, COURT.witness, COURT.supporter, 'friend' as never),
      'order_malformed',
      'hearing',
    ],
    ['a supporter not in the hearing', (court) => withSupporter(court, COURT.witness, 'ghost'), 'order_subject_unknown', 'hearing'],
    [
      'one supporter linked to two witnesses',
      (court) =>
        withOrder(
          withSupporter(court, COURT.witness, COURT.supporter),
          order({ kind: 'supporter', id: 'o2', participantId: COURT.victim, supporterId: COURT.supporter, capacity: 'supporter' }),
        ),
      'conflicting_orders',
      'hearing',
    ],
    [
      'two evidence-in-private orders',
      (court) => withEvidenceInPrivate(withEvidenceInPrivate(court), 'o2'),
      'conflicting_orders',
      'hearing',
    ],
    ['a remote witness room with no location', (court) => withRemoteRoom(court, COURT.witness, ' '), 'order_malformed', 'hearing'],
    [
      'a remote witness room for someone not in the hearing',
      (court) => withRemoteRoom(court, 'ghost', 'Witness suite'),
      'order_subject_unknown',
      'hearing',
    ],
    [
      'two remote witness rooms for one witness',
      (court) =>
        withOrder(
          withRemoteRoom(court, COURT.witness, 'Suite A'),
          order({ kind: 'remote_witness_room', id: 'o2', participantId: COURT.witness, location: 'Suite B' }),
        ),
      'conflicting_orders',
      'hearing',
    ],
    [
      'a party record nobody can read',
      (court) => withParticipant(court, COURT.defendant, { partyId: 7 as never }),
      'malformed_participant',
      'participant',
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

  describe('the company kept in a consultation (second lock)', () => {
    const problemsOf = (court: PolicySnapshot) => sut(court).filter((problem) => problem.code === 'consultation_member_not_permitted');

    it('lets counsel take their own client aside', () => {
      expect(sut(withConsultation(newCourtroom(), consultation))).toEqual([]);
    });

    it('lets counsel take aside the supporter sitting beside their client', () => {
      const court = withSupporter(newCourtroom(), COURT.victim, COURT.supporter);

      expect(
        sut(
          withConsultation(court, {
            id: 'c1',
            openedBy: COURT.victimCounsel,
            memberIds: [COURT.victimCounsel, COURT.victim, COURT.supporter],
          }),
        ),
      ).toEqual([]);
    });

    it('cuts off counsel and everyone with them when they take aside someone who is not their client', () => {
      const court = withConsultation(newCourtroom(), { id: 'c1', openedBy: COURT.prosecutor, memberIds: [COURT.prosecutor, COURT.victim] });

      expect(problemsOf(court)).toEqual([expect.objectContaining({ scope: 'participant', consultationId: 'c1' })]);
      expect(JSON.stringify(sut(court))).not.toContain('Sara');
    });

    it('keeps defence counsel away from the prosecution’s witness', () => {
      const court = withConsultation(newCourtroom(), {
        id: 'c1',
        openedBy: COURT.defenceCounsel,
        memberIds: [COURT.defenceCounsel, COURT.defendant, COURT.witness],
      });

      expect(codes(court)).toContain('consultation_member_not_permitted');
    });

    it('lets a supporter take their witness aside, and nobody else', () => {
      const supported = withSupporter(newCourtroom(), COURT.witness, COURT.supporter);
      const allowed = withConsultation(supported, { id: 'c1', openedBy: COURT.supporter, memberIds: [COURT.supporter, COURT.witness] });
      const refused = withConsultation(supported, { id: 'c1', openedBy: COURT.supporter, memberIds: [COURT.supporter, COURT.victim] });
      const unlinked = withConsultation(newCourtroom(), {
        id: 'c1',
        openedBy: COURT.supporter,
        memberIds: [COURT.supporter, COURT.witness],
      });

      expect(sut(allowed)).toEqual([]);
      expect(codes(refused)).toContain('consultation_member_not_permitted');
      expect(codes(unlinked)).toContain('consultation_member_not_permitted');
    });

    it('lets the judge confer with anyone, but never with two people a screen keeps apart', () => {
      const screened = withScreen(newCourtroom(), COURT.witness, { fromRoles: ['defendant'] });
      const conference = { id: 'c1', openedBy: COURT.judge, memberIds: [COURT.judge, COURT.prosecutor, COURT.witness] };

      expect(sut(withConsultation(screened, conference))).toEqual([]);
      expect(codes(withConsultation(screened, { ...conference, memberIds: [...conference.memberIds, COURT.defendant] }))).toContain(
        'consultation_member_not_permitted',
      );
    });

    it('keeps a screened witness’s supporter apart from those she is screened from', () => {
      const court = withSupporter(withScreen(newCourtroom(), COURT.witness, { fromRoles: ['defendant'] }), COURT.witness, COURT.supporter);

      expect(codes(withConsultation(court, { id: 'c1', openedBy: COURT.judge, memberIds: [COURT.supporter, COURT.defendant] }))).toContain(
        'consultation_member_not_permitted',
      );
    });
  });

  it('lets a disconnected participant stay listed in the consultation they dropped out of', () => {
    const court = withParticipant(withConsultation(newCourtroom(), consultation), COURT.defendant, {
      state: 'disconnected',
    });

    expect(sut(court)).toEqual([]);
  });
});
