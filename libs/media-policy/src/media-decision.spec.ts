import { HEARING_ROLES } from '@ejustice/vocabulary/hearing-role';
import { decideMedia as sut } from './media-decision';
import { MEDIA_KINDS, type MediaKind } from './media-kind';
import type { PolicySnapshot } from './policy-snapshot';
import type { SpecialMeasure } from './special-measure';
import {
  COURT,
  newCourtroom,
  newParticipant,
  withAnonymity,
  withAudioOnly,
  withConsultation,
  withEvidenceInPrivate,
  withParticipant,
  withScreen,
  withState,
  withSupporter,
} from './testing/policy-snapshot.factory';

const everyoneBut = (snapshot: PolicySnapshot, id: string): string[] =>
  snapshot.participants.map((participant) => participant.id).filter((other) => other !== id);

const defenceConsultation = {
  id: 'consultation-defence',
  openedBy: COURT.defenceCounsel,
  memberIds: [COURT.defenceCounsel, COURT.defendant],
};

describe('decideMedia', () => {
  describe('in an open courtroom', () => {
    it('lets the judge see and hear the witness giving evidence, as they are', () => {
      const court = newCourtroom();

      expect(sut(court, COURT.judge, COURT.witness, 'audio')).toEqual({
        allowed: true,
        variant: 'raw',
        reason: 'main_room',
        orderIds: [],
      });
      expect(sut(court, COURT.judge, COURT.witness, 'video')).toMatchObject({ allowed: true, variant: 'raw' });
    });

    it('lets every admitted participant follow every speaker in the room', () => {
      const court = newCourtroom();
      const speakers = court.participants.filter((participant) => participant.role !== 'observer');

      for (const viewer of court.participants) {
        for (const speaker of speakers) {
          if (viewer.id === speaker.id) continue;
          expect(sut(court, viewer.id, speaker.id, 'audio')).toMatchObject({ allowed: true, variant: 'raw' });
        }
      }
    });

    it('never sends anyone their own camera or voice back', () => {
      const court = newCourtroom();

      for (const kind of MEDIA_KINDS) {
        expect(sut(court, COURT.judge, COURT.judge, kind)).toEqual({
          allowed: false,
          reason: 'own_media',
          orderIds: [],
        });
      }
    });

    it('shows the judge and counsel sharing a screen, but never a party or witness', () => {
      const court = newCourtroom();

      for (const presenter of [COURT.judge, COURT.prosecutor, COURT.defenceCounsel, COURT.victimCounsel]) {
        expect(sut(court, COURT.observer, presenter, 'screen')).toMatchObject({ allowed: true, variant: 'raw' });
      }
      for (const other of [COURT.clerk, COURT.defendant, COURT.witness, COURT.victim, COURT.supporter]) {
        expect(sut(court, COURT.judge, other, 'screen')).toMatchObject({
          allowed: false,
          reason: 'source_may_not_produce',
        });
      }
    });

    it('lets the public gallery watch but never puts it on screen', () => {
      const court = newCourtroom();

      expect(sut(court, COURT.observer, COURT.witness, 'video')).toMatchObject({ allowed: true });
      for (const kind of MEDIA_KINDS) {
        expect(sut(court, COURT.judge, COURT.observer, kind)).toMatchObject({
          allowed: false,
          reason: 'source_may_not_produce',
        });
      }
    });
  });

  describe('outside the room', () => {
    it('gives a witness in the waiting room nothing of the courtroom', () => {
      const court = withState(newCourtroom(), COURT.witness, 'waiting');

      for (const source of everyoneBut(court, COURT.witness)) {
        for (const kind of MEDIA_KINDS) {
          expect(sut(court, COURT.witness, source, kind)).toMatchObject({ allowed: false, reason: 'viewer_not_live' });
        }
      }
    });

    it('does not let the room see or hear a witness still waiting to be admitted', () => {
      const court = withState(newCourtroom(), COURT.witness, 'waiting');

      for (const viewer of everyoneBut(court, COURT.witness)) {
        expect(sut(court, viewer, COURT.witness, 'video')).toMatchObject({ allowed: false, reason: 'source_not_live' });
      }
    });

    it.each(['invited', 'waiting', 'disconnected', 'removed'] as const)('cuts a participant who is %s off in both directions', (state) => {
      const court = withState(newCourtroom(), COURT.defendant, state);

      expect(sut(court, COURT.defendant, COURT.judge, 'audio')).toMatchObject({
        allowed: false,
        reason: 'viewer_not_live',
      });
      expect(sut(court, COURT.judge, COURT.defendant, 'audio')).toMatchObject({
        allowed: false,
        reason: 'source_not_live',
      });
    });
  });

  describe('when the court is not sitting', () => {
    it.each(['scheduled', 'in_recess', 'adjourned', 'closed'] as const)(
      'carries nothing in the courtroom while the hearing is %s',
      (status) => {
        const court = newCourtroom({ status });

        expect(sut(court, COURT.judge, COURT.witness, 'audio')).toMatchObject({
          allowed: false,
          reason: 'hearing_not_in_session',
        });
        expect(sut(court, COURT.witness, COURT.judge, 'video')).toMatchObject({
          allowed: false,
          reason: 'hearing_not_in_session',
        });
      },
    );
  });

  describe('in a private consultation', () => {
    it('does not let the room hear counsel and defendant in consultation', () => {
      const court = withConsultation(newCourtroom(), defenceConsultation);

      for (const viewer of [COURT.judge, COURT.prosecutor, COURT.witness, COURT.observer]) {
        for (const member of defenceConsultation.memberIds) {
          expect(sut(court, viewer, member, 'audio')).toMatchObject({ allowed: false, reason: 'separate_rooms' });
        }
      }
    });

    it('does not let a defendant in consultation follow the courtroom meanwhile', () => {
      const court = withConsultation(newCourtroom(), defenceConsultation);

      expect(sut(court, COURT.defendant, COURT.witness, 'audio')).toMatchObject({
        allowed: false,
        reason: 'separate_rooms',
      });
      expect(sut(court, COURT.defendant, COURT.prosecutor, 'screen')).toMatchObject({
        allowed: false,
        reason: 'separate_rooms',
      });
    });

    it('lets counsel and their client see and hear each other, and see counsel’s documents', () => {
      const court = withConsultation(newCourtroom(), defenceConsultation);

      expect(sut(court, COURT.defenceCounsel, COURT.defendant, 'audio')).toEqual({
        allowed: true,
        variant: 'raw',
        reason: 'consultation',
        orderIds: [],
      });
      expect(sut(court, COURT.defendant, COURT.defenceCounsel, 'screen')).toMatchObject({
        allowed: true,
        reason: 'consultation',
      });
    });

    it('lets counsel take instructions from their client during a recess', () => {
      const court = withConsultation(newCourtroom({ status: 'in_recess' }), defenceConsultation);

      expect(sut(court, COURT.defenceCounsel, COURT.defendant, 'audio')).toMatchObject({ allowed: true });
      expect(sut(court, COURT.judge, COURT.prosecutor, 'audio')).toMatchObject({
        allowed: false,
        reason: 'hearing_not_in_session',
      });
    });

    it.each(['scheduled', 'adjourned', 'closed'] as const)('keeps consultation rooms dark while the hearing is %s', (status) => {
      const court = withConsultation(newCourtroom({ status }), defenceConsultation);

      expect(sut(court, COURT.defenceCounsel, COURT.defendant, 'audio')).toMatchObject({
        allowed: false,
        reason: 'hearing_not_in_session',
      });
    });

    it('keeps two consultations apart from each other', () => {
      const court = withConsultation(withConsultation(newCourtroom(), defenceConsultation), {
        id: 'consultation-victim',
        openedBy: COURT.victimCounsel,
        memberIds: [COURT.victimCounsel, COURT.victim],
      });

      expect(sut(court, COURT.victim, COURT.defendant, 'audio')).toMatchObject({
        allowed: false,
        reason: 'separate_rooms',
      });
      expect(sut(court, COURT.victim, COURT.victimCounsel, 'audio')).toMatchObject({ allowed: true });
    });

    it('cuts off a participant recorded in a consultation that does not exist', () => {
      const court = withParticipant(newCourtroom(), COURT.defendant, {
        state: 'in_consultation',
        consultationId: 'no-such-consultation',
      });

      expect(sut(court, COURT.judge, COURT.defendant, 'audio')).toMatchObject({
        allowed: false,
        reason: 'source_in_doubt',
      });
      expect(sut(court, COURT.defendant, COURT.judge, 'audio')).toMatchObject({
        allowed: false,
        reason: 'viewer_in_doubt',
      });
      expect(sut(court, COURT.judge, COURT.witness, 'audio')).toMatchObject({ allowed: true });
    });

    it('cuts off everyone in a consultation a defendant opened', () => {
      const court = withConsultation(newCourtroom(), { ...defenceConsultation, openedBy: COURT.defendant });

      expect(sut(court, COURT.defenceCounsel, COURT.defendant, 'audio')).toMatchObject({
        allowed: false,
        reason: 'viewer_in_doubt',
      });
    });
  });

  describe('under an anonymity order', () => {
    it('lets the room hear an anonymous witness only through the distortion pipeline', () => {
      const court = withAnonymity(newCourtroom(), COURT.witness);

      for (const viewer of [COURT.clerk, COURT.prosecutor, COURT.defendant, COURT.observer]) {
        for (const kind of ['audio', 'video'] as const) {
          expect(sut(court, viewer, COURT.witness, kind)).toEqual({
            allowed: true,
            variant: 'anonymised',
            reason: 'main_room',
            orderIds: ['order-anonymity-witness'],
          });
        }
      }
    });

    it('lets the judge hear and see the anonymous witness as they are', () => {
      const court = withAnonymity(newCourtroom(), COURT.witness);

      expect(sut(court, COURT.judge, COURT.witness, 'video')).toMatchObject({ allowed: true, variant: 'raw' });
    });

    it('discloses the witness to the roles and the people the order names, and no one else', () => {
      const court = withAnonymity(newCourtroom(), COURT.witness, {
        disclosedToRoles: ['clerk'],
        disclosedToParticipantIds: [COURT.supporter],
      });

      expect(sut(court, COURT.clerk, COURT.witness, 'audio')).toMatchObject({ variant: 'raw' });
      expect(sut(court, COURT.supporter, COURT.witness, 'audio')).toMatchObject({ variant: 'raw' });
      expect(sut(court, COURT.prosecutor, COURT.witness, 'audio')).toMatchObject({ variant: 'anonymised' });
    });

    it('does not change how the anonymous witness sees and hears the court', () => {
      const court = withAnonymity(newCourtroom(), COURT.witness);

      expect(sut(court, COURT.witness, COURT.defendant, 'video')).toMatchObject({ allowed: true, variant: 'raw' });
    });

    it('withholds the screen of an anonymous presenter from those who may not know them', () => {
      const court = withAnonymity(newCourtroom(), COURT.victimCounsel);

      expect(sut(court, COURT.defendant, COURT.victimCounsel, 'screen')).toEqual({
        allowed: false,
        reason: 'withheld_by_order',
        orderIds: ['order-anonymity-victim-counsel'],
      });
      expect(sut(court, COURT.judge, COURT.victimCounsel, 'screen')).toMatchObject({ allowed: true, variant: 'raw' });
    });
  });

  describe('behind a screen', () => {
    it('hides the witness from the defendant and the defendant from her, but lets each hear the other', () => {
      const court = withScreen(newCourtroom(), COURT.witness, { fromRoles: ['defendant'] });

      expect(sut(court, COURT.defendant, COURT.witness, 'video')).toEqual({
        allowed: false,
        reason: 'screened',
        orderIds: ['order-screen-witness'],
      });
      expect(sut(court, COURT.witness, COURT.defendant, 'video')).toMatchObject({ allowed: false, reason: 'screened' });
      expect(sut(court, COURT.defendant, COURT.witness, 'audio')).toMatchObject({ allowed: true, variant: 'raw' });
      expect(sut(court, COURT.witness, COURT.defendant, 'audio')).toMatchObject({ allowed: true, variant: 'raw' });
    });

    it('leaves everyone not screened, and the bench above all, seeing the witness', () => {
      const court = withScreen(newCourtroom(), COURT.witness, { fromRoles: ['defendant', 'observer'] });

      for (const viewer of [COURT.judge, COURT.clerk, COURT.prosecutor, COURT.defenceCounsel, COURT.interpreter]) {
        expect(sut(court, viewer, COURT.witness, 'video')).toMatchObject({ allowed: true, variant: 'raw' });
      }
      expect(sut(court, COURT.observer, COURT.witness, 'video')).toMatchObject({ allowed: false, reason: 'screened' });
    });

    it('screens a named participant as well as a role', () => {
      const court = withScreen(newCourtroom(), COURT.witness, { fromRoles: [], fromParticipantIds: [COURT.victim] });

      expect(sut(court, COURT.victim, COURT.witness, 'video')).toMatchObject({ allowed: false, reason: 'screened' });
      expect(sut(court, COURT.defendant, COURT.witness, 'video')).toMatchObject({ allowed: true });
    });

    it('keeps the supporter beside the witness behind the screen with her', () => {
      const court = withSupporter(withScreen(newCourtroom(), COURT.witness), COURT.witness, COURT.supporter);

      expect(sut(court, COURT.supporter, COURT.defendant, 'video')).toMatchObject({
        allowed: false,
        reason: 'screened',
        orderIds: ['order-screen-witness'],
      });
      expect(sut(court, COURT.supporter, COURT.defendant, 'audio')).toMatchObject({ allowed: true });
      expect(sut(court, COURT.supporter, COURT.prosecutor, 'video')).toMatchObject({ allowed: true });
    });

    it('still shows the screened people the documents counsel put before the court', () => {
      const court = withScreen(newCourtroom(), COURT.defenceCounsel, { fromRoles: ['defendant'] });

      expect(sut(court, COURT.defendant, COURT.defenceCounsel, 'screen')).toMatchObject({ allowed: true, variant: 'raw' });
    });
  });

  describe('under an audio-only order', () => {
    it('lets the court hear the witness and only the bench see her', () => {
      const court = withAudioOnly(newCourtroom(), COURT.witness);

      expect(sut(court, COURT.judge, COURT.witness, 'video')).toMatchObject({ allowed: true, variant: 'raw' });
      expect(sut(court, COURT.clerk, COURT.witness, 'video')).toMatchObject({ allowed: true, variant: 'raw' });
      for (const viewer of [COURT.prosecutor, COURT.defenceCounsel, COURT.defendant, COURT.supporter, COURT.observer]) {
        expect(sut(court, viewer, COURT.witness, 'video')).toEqual({
          allowed: false,
          reason: 'audio_only',
          orderIds: ['order-audio-only-witness'],
        });
        expect(sut(court, viewer, COURT.witness, 'audio')).toMatchObject({ allowed: true });
      }
    });

    it('gives the clerk only the anonymised picture of an anonymous witness the order does not disclose to them', () => {
      const court = withAnonymity(withAudioOnly(newCourtroom(), COURT.witness), COURT.witness);

      expect(sut(court, COURT.clerk, COURT.witness, 'video')).toMatchObject({ allowed: true, variant: 'anonymised' });
      expect(sut(court, COURT.judge, COURT.witness, 'video')).toMatchObject({ allowed: true, variant: 'raw' });
    });
  });

  describe('with a supporter beside the witness', () => {
    const supported = (): PolicySnapshot => withSupporter(newCourtroom(), COURT.witness, COURT.supporter);

    it('lets only the bench and the witness see and hear the supporter', () => {
      const court = supported();

      for (const viewer of [COURT.judge, COURT.clerk, COURT.witness]) {
        expect(sut(court, viewer, COURT.supporter, 'video')).toMatchObject({ allowed: true });
        expect(sut(court, viewer, COURT.supporter, 'audio')).toMatchObject({ allowed: true });
      }
      for (const viewer of [COURT.prosecutor, COURT.defenceCounsel, COURT.defendant, COURT.observer]) {
        expect(sut(court, viewer, COURT.supporter, 'audio')).toEqual({
          allowed: false,
          reason: 'supporter_private',
          orderIds: ['order-supporter-supporter'],
        });
      }
    });

    it('lets the supporter follow the hearing like anyone in the room', () => {
      const court = supported();

      expect(sut(court, COURT.supporter, COURT.prosecutor, 'video')).toMatchObject({ allowed: true, variant: 'raw' });
      expect(sut(court, COURT.supporter, COURT.defenceCounsel, 'screen')).toMatchObject({ allowed: true });
    });

    it('lets a waiting witness and her supporter talk to each other, and to nobody else', () => {
      const court = withState(withState(supported(), COURT.witness, 'waiting'), COURT.supporter, 'waiting');

      for (const kind of ['audio', 'video'] as const) {
        expect(sut(court, COURT.witness, COURT.supporter, kind)).toEqual({
          allowed: true,
          variant: 'raw',
          reason: 'waiting_room',
          orderIds: ['order-supporter-supporter'],
        });
        expect(sut(court, COURT.supporter, COURT.witness, kind)).toMatchObject({ allowed: true, reason: 'waiting_room' });
      }
      expect(sut(court, COURT.judge, COURT.supporter, 'audio')).toMatchObject({ allowed: false, reason: 'source_not_live' });
      expect(sut(court, COURT.witness, COURT.judge, 'audio')).toMatchObject({ allowed: false, reason: 'viewer_not_live' });
    });

    it('lets them talk in the waiting room before the sitting opens, but not once it is over', () => {
      const waiting = withState(withState(supported(), COURT.witness, 'waiting'), COURT.supporter, 'waiting');

      expect(sut({ ...waiting, status: 'scheduled' }, COURT.witness, COURT.supporter, 'audio')).toMatchObject({ allowed: true });
      expect(sut({ ...waiting, status: 'closed' }, COURT.witness, COURT.supporter, 'audio')).toMatchObject({
        allowed: false,
        reason: 'hearing_not_in_session',
      });
    });

    it('does not connect a waiting witness to a supporter already in court, nor to someone else’s supporter', () => {
      const oneWaiting = withState(supported(), COURT.witness, 'waiting');
      const stranger = withState(withState(newCourtroom(), COURT.witness, 'waiting'), COURT.supporter, 'waiting');

      expect(sut(oneWaiting, COURT.witness, COURT.supporter, 'audio')).toMatchObject({ allowed: false, reason: 'viewer_not_live' });
      expect(sut(stranger, COURT.witness, COURT.supporter, 'audio')).toMatchObject({ allowed: false, reason: 'viewer_not_live' });
    });

    it('keeps a supporter’s consultation with their witness private', () => {
      const court = withConsultation(supported(), {
        id: 'c-support',
        openedBy: COURT.supporter,
        memberIds: [COURT.supporter, COURT.witness],
      });

      expect(sut(court, COURT.witness, COURT.supporter, 'audio')).toMatchObject({ allowed: true, reason: 'consultation' });
      expect(sut(court, COURT.judge, COURT.witness, 'audio')).toMatchObject({ allowed: false, reason: 'separate_rooms' });
    });
  });

  describe('while evidence is heard in private', () => {
    it('gives the public gallery nothing at all, and everyone else what they had', () => {
      const court = withEvidenceInPrivate(newCourtroom());

      for (const source of everyoneBut(court, COURT.observer)) {
        for (const kind of ['audio', 'video'] as const) {
          expect(sut(court, COURT.observer, source, kind)).toEqual({
            allowed: false,
            reason: 'sitting_in_private',
            orderIds: ['order-in-private'],
          });
        }
      }
      expect(sut(court, COURT.observer, COURT.prosecutor, 'screen')).toMatchObject({ allowed: false, reason: 'sitting_in_private' });
      expect(sut(court, COURT.defendant, COURT.witness, 'video')).toMatchObject({ allowed: true });
    });
  });

  describe('whatever the orders', () => {
    it('never blinds the judge to a witness in court', () => {
      let court = withSupporter(newCourtroom(), COURT.witness, COURT.supporter);
      court = withScreen(court, COURT.witness, { fromRoles: ['defendant', 'observer', 'interpreter'] });
      court = withAnonymity(withAudioOnly(withEvidenceInPrivate(court), COURT.witness), COURT.witness);

      for (const source of [COURT.witness, COURT.supporter, COURT.defendant]) {
        for (const kind of ['audio', 'video'] as const) {
          expect(sut(court, COURT.judge, source, kind)).toEqual({ allowed: true, variant: 'raw', reason: 'main_room', orderIds: [] });
        }
      }
    });
  });

  describe('failing closed', () => {
    it('shuts all media off when an order of an unknown kind is in force', () => {
      const unreadable = { kind: 'screened_from_defendant', id: 'order-9', participantId: COURT.witness };
      const court = newCourtroom({ orders: [unreadable as unknown as SpecialMeasure] });

      expect(sut(court, COURT.judge, COURT.witness, 'audio')).toMatchObject({
        allowed: false,
        reason: 'invalid_snapshot',
      });
    });

    it('shuts all media off when an anonymity order names someone not in the hearing', () => {
      const court = withAnonymity(newCourtroom(), 'witness-under-another-id');

      expect(sut(court, COURT.defendant, COURT.witness, 'audio')).toMatchObject({
        allowed: false,
        reason: 'invalid_snapshot',
      });
    });

    it('shuts all media off when two people share an id', () => {
      const court = newCourtroom();
      const twin = {
        ...newCourtroom(),
        participants: [...court.participants, newParticipant(COURT.witness, 'victim')],
      };

      expect(sut(twin, COURT.judge, COURT.witness, 'audio')).toMatchObject({
        allowed: false,
        reason: 'invalid_snapshot',
      });
    });

    it('denies strangers and unknown kinds of media', () => {
      const court = newCourtroom();

      expect(sut(court, 'stranger', COURT.judge, 'audio')).toMatchObject({ allowed: false, reason: 'unknown_viewer' });
      expect(sut(court, COURT.judge, 'stranger', 'audio')).toMatchObject({ allowed: false, reason: 'unknown_source' });
      expect(sut(court, COURT.judge, COURT.witness, 'data' as MediaKind)).toMatchObject({
        allowed: false,
        reason: 'unknown_kind',
      });
    });

    it('knows every hearing role', () => {
      const court = newCourtroom();

      expect(new Set(court.participants.map((participant) => participant.role))).toEqual(new Set(HEARING_ROLES));
    });
  });
});
