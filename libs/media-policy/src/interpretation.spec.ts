import { decideMedia as sut } from './media-decision';
import type { PolicySnapshot } from './policy-snapshot';
import {
  COURT,
  newCourtroom,
  withAnonymity,
  withConsultation,
  withEvidenceInPrivate,
  withParticipant,
} from './testing/policy-snapshot.factory';

/**
 * A sitting court with a French interpreter: the witness needs French and listens to the French
 * channel; everyone else is on the floor.
 */
function frenchCourt(toFloor = false): PolicySnapshot {
  const court = withParticipant(newCourtroom(), COURT.interpreter, { interpreting: { channel: 'fr', toFloor } });
  return withParticipant(court, COURT.witness, { listening: 'fr' });
}

describe('decideMedia with interpretation', () => {
  describe('an interpreter speaking into a channel (simultaneous)', () => {
    it('is heard by the listeners of that channel only', () => {
      const court = frenchCourt();

      expect(sut(court, COURT.witness, COURT.interpreter, 'audio')).toEqual({
        allowed: true,
        variant: 'raw',
        reason: 'main_room',
        orderIds: [],
      });
      for (const viewer of [COURT.judge, COURT.clerk, COURT.prosecutor, COURT.defendant, COURT.observer]) {
        expect(sut(court, viewer, COURT.interpreter, 'audio')).toEqual({ allowed: false, reason: 'other_channel', orderIds: [] });
      }
    });

    it('is not heard on another language channel', () => {
      const court = withParticipant(frenchCourt(), COURT.defendant, { listening: 'ar' });

      expect(sut(court, COURT.defendant, COURT.interpreter, 'audio')).toMatchObject({ allowed: false, reason: 'other_channel' });
    });

    it('is still seen by everyone: only the voice goes into the channel', () => {
      const court = frenchCourt();

      for (const viewer of [COURT.judge, COURT.defendant, COURT.observer, COURT.witness]) {
        expect(sut(court, viewer, COURT.interpreter, 'video')).toMatchObject({ allowed: true, variant: 'raw' });
      }
    });

    it('leaves the floor to its listeners on a channel: they still hear the court', () => {
      const court = frenchCourt();

      for (const speaker of [COURT.judge, COURT.prosecutor, COURT.defendant]) {
        expect(sut(court, COURT.witness, speaker, 'audio')).toMatchObject({ allowed: true, variant: 'raw' });
      }
    });
  });

  it('lets everyone hear an interpreter speaking on the floor (consecutive)', () => {
    const court = frenchCourt(true);

    for (const viewer of [COURT.judge, COURT.defendant, COURT.observer, COURT.witness]) {
      expect(sut(court, viewer, COURT.interpreter, 'audio')).toMatchObject({ allowed: true, variant: 'raw' });
    }
  });

  it('lets the interpreter hear the floor, the witness included', () => {
    const court = frenchCourt();

    expect(sut(court, COURT.interpreter, COURT.witness, 'audio')).toMatchObject({ allowed: true, variant: 'raw' });
    expect(sut(court, COURT.interpreter, COURT.judge, 'audio')).toMatchObject({ allowed: true, variant: 'raw' });
  });

  describe('under the other rules, which come first', () => {
    it('gives the interpreter a protected witness anonymised, as her order says', () => {
      const court = withAnonymity(frenchCourt(), COURT.witness);

      expect(sut(court, COURT.interpreter, COURT.witness, 'audio')).toEqual({
        allowed: true,
        variant: 'anonymised',
        reason: 'main_room',
        orderIds: ['order-anonymity-witness'],
      });
    });

    it('gives the interpreter a protected witness raw when her order discloses her to the interpreter', () => {
      const court = withAnonymity(frenchCourt(), COURT.witness, { disclosedToParticipantIds: [COURT.interpreter] });

      expect(sut(court, COURT.interpreter, COURT.witness, 'audio')).toMatchObject({ allowed: true, variant: 'raw', orderIds: [] });
    });

    it('does not carry a channel through the wall of a private consultation', () => {
      const court = withConsultation(frenchCourt(), {
        id: 'consultation-defence',
        openedBy: COURT.defenceCounsel,
        memberIds: [COURT.defenceCounsel, COURT.defendant],
      });
      const listening = withParticipant(court, COURT.defendant, { listening: 'fr' });

      expect(sut(listening, COURT.defendant, COURT.interpreter, 'audio')).toMatchObject({ allowed: false, reason: 'separate_rooms' });
    });

    it('gives the gallery nothing while evidence is heard in private, whatever channel it chose', () => {
      const court = withParticipant(withEvidenceInPrivate(frenchCourt()), COURT.observer, { listening: 'fr' });

      expect(sut(court, COURT.observer, COURT.interpreter, 'audio')).toMatchObject({ allowed: false, reason: 'sitting_in_private' });
    });

    it('carries nothing during a recess, on any channel', () => {
      const court = { ...frenchCourt(), status: 'in_recess' as const };

      expect(sut(court, COURT.witness, COURT.interpreter, 'audio')).toMatchObject({ allowed: false, reason: 'hearing_not_in_session' });
    });
  });
});
