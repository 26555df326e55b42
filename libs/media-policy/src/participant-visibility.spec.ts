import {
  mayLearnAbout,
  nameFor,
  sittingInPrivate,
  viewParticipant,
  visibilityChanges,
  visibleParticipants,
} from './participant-visibility';
import type { PolicySnapshot } from './policy-snapshot';
import {
  COURT,
  displayNameOf,
  newCourtroom,
  withAnonymity,
  withConsultation,
  withEvidenceInPrivate,
  withParticipant,
  withRemoteRoom,
  withScreen,
  withState,
  withSupporter,
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

  it('shows a camera the bench holds stopped to the bench and the person only', () => {
    const court = withParticipant(newCourtroom(), COURT.defendant, { cameraHeld: true });

    expect(viewParticipant(court, COURT.judge, COURT.defendant)).toMatchObject({ cameraHeld: true });
    expect(viewParticipant(court, COURT.defendant, COURT.defendant)).toMatchObject({ cameraHeld: true });
    expect(viewParticipant(court, COURT.prosecutor, COURT.defendant)).not.toHaveProperty('cameraHeld');
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

describe('visibleParticipants under special measures', () => {
  it('shows a protected victim as a witness to those from whom she is concealed', () => {
    const court = withAnonymity(newCourtroom(), COURT.victim, { pseudonym: 'Witness V-1', disclosedToRoles: ['prosecutor'] });

    for (const viewer of [COURT.clerk, COURT.defendant, COURT.defenceCounsel, COURT.observer]) {
      expect(viewParticipant(court, viewer, COURT.victim)).toMatchObject({ role: 'witness', displayName: 'Witness V-1' });
    }
    expect(viewParticipant(court, COURT.judge, COURT.victim)).toMatchObject({ role: 'victim', displayName: 'Sara Idrissi' });
    expect(viewParticipant(court, COURT.prosecutor, COURT.victim)).toMatchObject({ role: 'victim', displayName: 'Sara Idrissi' });
    expect(viewParticipant(court, COURT.victim, COURT.victim)).toMatchObject({ role: 'victim', self: true });
  });

  it('describes the supporter of a concealed witness by role only to those who may not know her', () => {
    const court = withSupporter(
      withAnonymity(newCourtroom(), COURT.witness, { disclosedToParticipantIds: [COURT.defenceCounsel] }),
      COURT.witness,
      COURT.supporter,
    );

    expect(viewParticipant(court, COURT.defendant, COURT.supporter)).toEqual({
      id: COURT.supporter,
      role: 'supporter',
      displayName: null,
      self: false,
      state: 'admitted',
    });
    expect(nameFor(court, COURT.clerk, COURT.supporter)).toBeNull();
    expect(nameFor(court, COURT.judge, COURT.supporter)).toBe('Fatima Real-Name');
    expect(nameFor(court, COURT.defenceCounsel, COURT.supporter)).toBe('Fatima Real-Name');
    expect(nameFor(court, COURT.witness, COURT.supporter)).toBe('Fatima Real-Name');
    expect(nameFor(court, COURT.supporter, COURT.supporter)).toBe('Fatima Real-Name');
  });

  it('names the supporter of a witness who is not anonymous, and leaves names alone under a screen', () => {
    const court = withScreen(withSupporter(newCourtroom(), COURT.witness, COURT.supporter), COURT.witness);

    expect(nameFor(court, COURT.defendant, COURT.supporter)).toBe('Fatima Real-Name');
    expect(nameFor(court, COURT.defendant, COURT.witness)).toBe('Nadia Real-Name');
  });

  it('tells the bench, and only the bench, where a remote witness gives evidence from', () => {
    const court = withRemoteRoom(newCourtroom(), COURT.witness, 'Witness suite, Northtown');

    expect(viewParticipant(court, COURT.judge, COURT.witness)).toMatchObject({ remoteLocation: 'Witness suite, Northtown' });
    expect(viewParticipant(court, COURT.clerk, COURT.witness)).toMatchObject({ remoteLocation: 'Witness suite, Northtown' });
    for (const viewer of [COURT.prosecutor, COURT.defendant, COURT.supporter, COURT.observer, COURT.witness]) {
      expect(JSON.stringify(visibleParticipants(court, viewer))).not.toContain('Northtown');
    }
  });

  it('shows the bench the location of a remote witness still in the waiting room', () => {
    const court = withState(withRemoteRoom(newCourtroom(), COURT.witness, 'Shelter room 2'), COURT.witness, 'waiting');

    expect(viewParticipant(court, COURT.clerk, COURT.witness)).toMatchObject({ state: 'waiting', remoteLocation: 'Shelter room 2' });
  });

  it('lets a waiting witness and her waiting supporter see each other, and nobody else besides the judge', () => {
    const court = withSupporter(busyCourt(), COURT.witness, COURT.supporter);

    expect(visibleParticipants(court, COURT.witness)).toEqual([
      { id: COURT.judge, role: 'judge', displayName: null, self: false },
      { id: COURT.witness, role: 'witness', displayName: 'Nadia Real-Name', self: true, state: 'waiting' },
      { id: COURT.supporter, role: 'supporter', displayName: 'Fatima Real-Name', self: false, state: 'waiting' },
    ]);
    expect(idsOf(visibleParticipants(court, COURT.supporter))).toEqual([COURT.judge, COURT.supporter, COURT.witness].sort());
    expect(mayLearnAbout(court, COURT.defendant, COURT.supporter)).toBe(false);
  });

  it('gives the supporter only the pseudonym of a waiting witness whose identity is not disclosed to them', () => {
    const court = withAnonymity(withSupporter(busyCourt(), COURT.witness, COURT.supporter), COURT.witness, { pseudonym: 'Witness A' });

    expect(viewParticipant(court, COURT.supporter, COURT.witness)).toMatchObject({ displayName: 'Witness A' });
  });

  it('shows the public gallery only itself and the judge by role while evidence is heard in private', () => {
    const court = withEvidenceInPrivate(newCourtroom());

    expect(visibleParticipants(court, COURT.observer)).toEqual([
      { id: COURT.judge, role: 'judge', displayName: null, self: false },
      { id: COURT.observer, role: 'observer', displayName: 'Member of the public', self: true, state: 'admitted' },
    ]);
    expect(idsOf(visibleParticipants(court, COURT.defendant))).toContain(COURT.witness);
  });

  it('tells an observer in the waiting room no more while evidence is heard in private, whoever they came with', () => {
    let court = withSupporter(withState(newCourtroom(), COURT.witness, 'waiting'), COURT.witness, COURT.observer);
    court = withEvidenceInPrivate(withState(court, COURT.observer, 'waiting'));

    expect(idsOf(visibleParticipants(court, COURT.observer))).toEqual([COURT.judge, COURT.observer].sort());
  });

  it('gives the gallery the courtroom back when the order is lifted', () => {
    const inPrivate = withEvidenceInPrivate(newCourtroom());

    const sut = visibilityChanges(inPrivate, newCourtroom(), COURT.observer);

    expect(sut.appeared.map((view) => view.id)).toContain(COURT.witness);
    expect(sut.changed.map((view) => view.id)).toEqual([COURT.judge]);
  });
});

describe('sittingInPrivate', () => {
  it('tells the media node when the court sits in private, so it can tell the gallery why it sees nothing', () => {
    expect(sittingInPrivate(withEvidenceInPrivate(newCourtroom()))).toBe(true);
    expect(sittingInPrivate(newCourtroom())).toBe(false);
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
