import { mayProduce as sut, roleMayProduce } from './media-production';
import type { MediaKind } from './media-kind';
import { COURT, newCourtroom, withParticipant, withState } from './testing/policy-snapshot.factory';

describe('mayProduce', () => {
  it('lets a witness in the waiting room start camera and microphone, so testimony starts on admission', () => {
    const court = withState(newCourtroom(), COURT.witness, 'waiting');

    expect(sut(court, COURT.witness, 'audio')).toEqual({ allowed: true });
    expect(sut(court, COURT.witness, 'video')).toEqual({ allowed: true });
  });

  it('lets counsel in consultation show their client a document', () => {
    const court = withParticipant(
      {
        ...newCourtroom(),
        consultations: [{ id: 'c1', openedBy: COURT.defenceCounsel, memberIds: [COURT.defenceCounsel] }],
      },
      COURT.defenceCounsel,
      { state: 'in_consultation', consultationId: 'c1' },
    );

    expect(sut(court, COURT.defenceCounsel, 'screen')).toEqual({ allowed: true });
  });

  it.each(['invited', 'disconnected', 'removed'] as const)('refuses a participant who is %s', (state) => {
    const court = withState(newCourtroom(), COURT.witness, state);

    expect(sut(court, COURT.witness, 'audio')).toEqual({ allowed: false, reason: 'not_present' });
  });

  it('lets the judge and counsel share a screen, and nobody else', () => {
    const court = newCourtroom();
    const sharers = court.participants
      .filter((participant) => sut(court, participant.id, 'screen').allowed)
      .map((participant) => participant.role);

    expect(sharers.sort()).toEqual(['defence_counsel', 'judge', 'prosecutor', 'victim_counsel']);
    expect(sut(court, COURT.defendant, 'screen')).toEqual({ allowed: false, reason: 'role_may_not_produce' });
  });

  it('keeps the public gallery silent and unseen', () => {
    const court = newCourtroom();

    for (const kind of ['audio', 'video', 'screen'] as const) {
      expect(sut(court, COURT.observer, kind)).toEqual({ allowed: false, reason: 'role_may_not_produce' });
    }
  });

  it.each(['scheduled', 'open', 'in_recess'] as const)('keeps producers up while the hearing is %s', (status) => {
    expect(sut(newCourtroom({ status }), COURT.judge, 'video')).toEqual({ allowed: true });
  });

  it.each(['adjourned', 'closed'] as const)('takes nobody’s camera once the hearing is %s', (status) => {
    expect(sut(newCourtroom({ status }), COURT.judge, 'video')).toEqual({ allowed: false, reason: 'sitting_ended' });
  });

  it('refuses strangers, participants in doubt, unknown kinds and broken snapshots', () => {
    const court = newCourtroom();
    const inDoubt = withParticipant(court, COURT.defendant, { state: 'in_consultation', consultationId: null });
    const broken = { ...court, status: 'sine_die' } as unknown as typeof court;

    expect(sut(court, 'stranger', 'audio')).toEqual({ allowed: false, reason: 'unknown_participant' });
    expect(sut(inDoubt, COURT.defendant, 'audio')).toEqual({ allowed: false, reason: 'participant_in_doubt' });
    expect(sut(court, COURT.judge, 'data' as MediaKind)).toEqual({ allowed: false, reason: 'unknown_kind' });
    expect(sut(broken, COURT.judge, 'audio')).toEqual({ allowed: false, reason: 'invalid_snapshot' });
  });
});

describe('roleMayProduce', () => {
  it('gives a camera and a microphone to every role with a right of audience', () => {
    expect(roleMayProduce('witness', 'audio')).toBe(true);
    expect(roleMayProduce('interpreter', 'video')).toBe(true);
    expect(roleMayProduce('supporter', 'video')).toBe(true);
    expect(roleMayProduce('observer', 'audio')).toBe(false);
  });
});
