import { mayLearnAbout, nameFor, viewParticipant, visibilityChanges, visibleParticipants } from './participant-visibility';
import type { PolicySnapshot } from './policy-snapshot';
import {
  COURT,
  displayNameOf,
  newCourtroom,
  withAnonymity,
  withConsultation,
  withParticipant,
  withState,
} from './testing/policy-snapshot.factory';

/** A court in session with a waiting room and a history. */
const busyCourt = (): PolicySnapshot => {
  let court = newCourtroom();
  court = withState(court, COURT.witness, 'waiting');
  court = withState(court, COURT.supporter, 'waiting');
  court = withState(court, COURT.interpreter, 'invited');
  court = withState(court, COURT.observer, 'removed');
  court = withState(court, COURT.victim, 'disconnected');
  return court;
};

const idsOf = (views: readonly { id: string }[]): string[] => views.map((view) => view.id).sort();

describe('visibleParticipants', () => {
  it('shows the judge everyone not removed, waiting room included, with their states', () => {
    const sut = visibleParticipants(busyCourt(), COURT.judge);

    expect(idsOf(sut)).toEqual(
      [
        COURT.judge,
        COURT.clerk,
        COURT.prosecutor,
        COURT.defenceCounsel,
        COURT.victimCounsel,
        COURT.defendant,
        COURT.witness,
        COURT.victim,
        COURT.interpreter,
        COURT.supporter,
      ].sort(),
    );
    expect(sut.find((view) => view.id === COURT.witness)).toEqual({
      id: COURT.witness,
      role: 'witness',
      displayName: 'Nadia Real-Name',
      self: false,
      state: 'waiting',
    });
  });

  it('shows the clerk the waiting room too, so they can admit people', () => {
    const sut = visibleParticipants(busyCourt(), COURT.clerk);

    expect(sut.find((view) => view.id === COURT.supporter)).toMatchObject({ state: 'waiting' });
  });

  it('shows the defendant only the people inside the hearing', () => {
    const sut = visibleParticipants(busyCourt(), COURT.defendant);

    expect(idsOf(sut)).toEqual(
      [COURT.judge, COURT.clerk, COURT.prosecutor, COURT.defenceCounsel, COURT.victimCounsel, COURT.defendant].sort(),
    );
  });

  it('shows a witness in the waiting room only themselves and the judge, described by role', () => {
    const sut = visibleParticipants(busyCourt(), COURT.witness);

    expect(sut).toEqual([
      { id: COURT.judge, role: 'judge', displayName: null, self: false },
      { id: COURT.witness, role: 'witness', displayName: 'Nadia Real-Name', self: true, state: 'waiting' },
    ]);
  });

  it.each(['invited', 'disconnected'] as const)('treats a participant who is %s like one waiting', (state) => {
    const court = withState(newCourtroom(), COURT.defendant, state);

    expect(idsOf(visibleParticipants(court, COURT.defendant))).toEqual([COURT.defendant, COURT.judge].sort());
  });

  it('shows a removed participant nothing but themselves', () => {
    const sut = visibleParticipants(busyCourt(), COURT.observer);

    expect(idsOf(sut)).toEqual([COURT.observer]);
  });

  it('tells the room that counsel and client are in consultation, but only them with whom', () => {
    const court = withConsultation(newCourtroom(), {
      id: 'c1',
      openedBy: COURT.defenceCounsel,
      memberIds: [COURT.defenceCounsel, COURT.defendant],
    });

    expect(viewParticipant(court, COURT.prosecutor, COURT.defendant)).toMatchObject({ state: 'in_consultation' });
    expect(viewParticipant(court, COURT.prosecutor, COURT.defendant)).not.toHaveProperty('consultationId');
    expect(viewParticipant(court, COURT.defenceCounsel, COURT.defendant)).toMatchObject({ consultationId: 'c1' });
    expect(viewParticipant(court, COURT.judge, COURT.defendant)).toMatchObject({ consultationId: 'c1' });
  });

  it('shows a raised hand to the bench and the asker, and mute to the whole room', () => {
    const court = withParticipant(newCourtroom(), COURT.defendant, { handRaised: true, muted: true });

    expect(viewParticipant(court, COURT.judge, COURT.defendant)).toMatchObject({ handRaised: true, muted: true });
    expect(viewParticipant(court, COURT.defendant, COURT.defendant)).toMatchObject({ handRaised: true });
    expect(viewParticipant(court, COURT.prosecutor, COURT.defendant)).toMatchObject({ muted: true });
    expect(viewParticipant(court, COURT.prosecutor, COURT.defendant)).not.toHaveProperty('handRaised');
  });

  it('shows the bench, and nobody else, a participant whose whereabouts are in doubt', () => {
    const court = withParticipant(newCourtroom(), COURT.defendant, {
      state: 'in_consultation',
      consultationId: 'ghost',
    });

    expect(mayLearnAbout(court, COURT.judge, COURT.defendant)).toBe(true);
    expect(mayLearnAbout(court, COURT.prosecutor, COURT.defendant)).toBe(false);
    expect(idsOf(visibleParticipants(court, COURT.defendant))).toEqual([COURT.defendant]);
  });

  it('shows nobody anything when the snapshot cannot be trusted', () => {
    const court = {
      ...newCourtroom(),
      consultations: [
        { id: 'c1', openedBy: COURT.judge, memberIds: [] },
        { id: 'c1', openedBy: COURT.judge, memberIds: [] },
      ],
    };

    expect(visibleParticipants(court, COURT.judge)).toEqual([]);
    expect(nameFor(court, COURT.judge, COURT.judge)).toBeNull();
  });
});

describe('mayLearnAbout', () => {
  it('lets the gateway tell the room about the judge, but not the waiting witness about the room', () => {
    const court = busyCourt();

    expect(mayLearnAbout(court, COURT.defendant, COURT.judge)).toBe(true);
    expect(mayLearnAbout(court, COURT.witness, COURT.judge)).toBe(true);
    expect(mayLearnAbout(court, COURT.witness, COURT.defendant)).toBe(false);
    expect(mayLearnAbout(court, COURT.witness, COURT.supporter)).toBe(false);
    expect(mayLearnAbout(court, COURT.defendant, COURT.witness)).toBe(false);
    expect(mayLearnAbout(court, COURT.defendant, 'stranger')).toBe(false);
  });
});

describe('nameFor', () => {
  it('gives everyone the real name when no order says otherwise', () => {
    expect(nameFor(newCourtroom(), COURT.defendant, COURT.witness)).toBe('Nadia Real-Name');
  });

  it('gives those not entitled the pseudonym of an anonymous witness, never the real name', () => {
    const court = withAnonymity(newCourtroom(), COURT.witness, { pseudonym: 'Witness A', disclosedToRoles: ['clerk'] });

    expect(nameFor(court, COURT.defendant, COURT.witness)).toBe('Witness A');
    expect(nameFor(court, COURT.prosecutor, COURT.witness)).toBe('Witness A');
    expect(nameFor(court, COURT.judge, COURT.witness)).toBe('Nadia Real-Name');
    expect(nameFor(court, COURT.clerk, COURT.witness)).toBe('Nadia Real-Name');
    expect(nameFor(court, COURT.witness, COURT.witness)).toBe('Nadia Real-Name');
  });

  it('names the anonymous witness by pseudonym in every line the defendant receives', () => {
    const court = withAnonymity(newCourtroom(), COURT.witness, { pseudonym: 'Witness A' });

    const sut = JSON.stringify(visibleParticipants(court, COURT.defendant));

    expect(sut).toContain('Witness A');
    expect(sut).not.toContain(displayNameOf(court, COURT.witness));
  });

  it('gives a waiting witness no name for the judge, and none at all for anyone else', () => {
    const court = busyCourt();

    expect(nameFor(court, COURT.witness, COURT.judge)).toBeNull();
    expect(nameFor(court, COURT.witness, COURT.defendant)).toBeNull();
    expect(nameFor(court, COURT.witness, 'stranger')).toBeNull();
  });
});

describe('visibilityChanges', () => {
  it('adds the witness to the defendant’s list when the judge admits them', () => {
    const before = busyCourt();
    const after = withState(before, COURT.witness, 'admitted');

    const sut = visibilityChanges(before, after, COURT.defendant);

    expect(sut).toEqual({
      appeared: [{ id: COURT.witness, role: 'witness', displayName: 'Nadia Real-Name', self: false, state: 'admitted' }],
      changed: [],
      disappeared: [],
    });
  });

  it('tells a waiting witness nothing when the room changes around them', () => {
    const before = busyCourt();
    const after = withState(withState(before, COURT.defendant, 'removed'), COURT.victim, 'admitted');

    expect(visibilityChanges(before, after, COURT.witness)).toEqual({ appeared: [], changed: [], disappeared: [] });
  });

  it('drops the defendant from the room’s list when they are removed', () => {
    const before = busyCourt();
    const after = withState(before, COURT.defendant, 'removed');

    expect(visibilityChanges(before, after, COURT.prosecutor)).toEqual({
      appeared: [],
      changed: [],
      disappeared: [COURT.defendant],
    });
  });

  it('replaces the real name with the pseudonym when an anonymity order is made', () => {
    const before = newCourtroom();
    const after = withAnonymity(before, COURT.witness, { pseudonym: 'Witness A' });

    const sut = visibilityChanges(before, after, COURT.defendant);

    expect(sut.changed).toEqual([{ id: COURT.witness, role: 'witness', displayName: 'Witness A', self: false, state: 'admitted' }]);
  });

  it('shows the waiting room to the witness in full once they are admitted', () => {
    const before = busyCourt();
    const after = withState(before, COURT.witness, 'admitted');

    const sut = visibilityChanges(before, after, COURT.witness);

    expect(sut.changed.map((view) => view.id).sort()).toEqual([COURT.judge, COURT.witness].sort());
    expect(sut.appeared.map((view) => view.id)).toContain(COURT.defendant);
    expect(sut.disappeared).toEqual([]);
  });
});
