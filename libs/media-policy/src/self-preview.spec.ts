import type { AvailableProducer, ConsumerGrant } from './consumer-plan';
import { decideMedia } from './media-decision';
import { MEDIA_KINDS, MEDIA_VARIANTS } from './media-kind';
import type { PolicySnapshot } from './policy-snapshot';
import { maySelfPreview, selfPreviewGrants as sut } from './self-preview';
import {
  COURT,
  newCourtroom,
  withAnonymity,
  withConsultation,
  withParticipant,
  withState,
  withSupporter,
} from './testing/policy-snapshot.factory';

/** Every producer the media node could hold: each participant's audio, video and screen, raw and anonymised. */
const everyProducer = (snapshot: PolicySnapshot): AvailableProducer[] =>
  snapshot.participants.flatMap((participant) =>
    MEDIA_KINDS.flatMap((kind) => MEDIA_VARIANTS.map((variant) => ({ sourceId: participant.id, kind, variant }))),
  );

const preview = (id: string, kind: 'audio' | 'video'): ConsumerGrant => ({ viewerId: id, sourceId: id, kind, variant: 'anonymised' });

describe('self preview', () => {
  describe('a witness under an anonymity order', () => {
    it.each(['waiting', 'admitted'] as const)('sees and hears her own anonymised picture and voice while %s, nothing raw', (state) => {
      const court = withState(withAnonymity(newCourtroom(), COURT.witness), COURT.witness, state);

      expect(sut(court, everyProducer(court))).toEqual([preview(COURT.witness, 'audio'), preview(COURT.witness, 'video')]);
      expect(maySelfPreview(court, COURT.witness, 'audio')).toBe(true);
      expect(maySelfPreview(court, COURT.witness, 'video')).toBe(true);
    });

    it('keeps her preview in a consultation room, and before the sitting opens', () => {
      const court = withConsultation(withAnonymity(newCourtroom({ status: 'scheduled' }), COURT.victim), {
        id: 'c1',
        openedBy: COURT.victimCounsel,
        memberIds: [COURT.victimCounsel, COURT.victim],
      });

      expect(sut(court, everyProducer(court))).toEqual([preview(COURT.victim, 'audio'), preview(COURT.victim, 'video')]);
    });

    it('never previews her screen: a screen share is withheld from the unentitled, so there is nothing to show her', () => {
      const court = withAnonymity(newCourtroom(), COURT.victimCounsel);

      expect(maySelfPreview(court, COURT.victimCounsel, 'screen')).toBe(false);
      expect(sut(court, everyProducer(court)).map((grant) => grant.kind)).toEqual(['audio', 'video']);
    });

    it('gives nothing while the anonymised variant does not exist yet, and never the raw one instead', () => {
      const court = withAnonymity(newCourtroom(), COURT.witness);

      const grants = sut(court, [
        { sourceId: COURT.witness, kind: 'audio', variant: 'raw' },
        { sourceId: COURT.witness, kind: 'video', variant: 'raw' },
        { sourceId: COURT.witness, kind: 'video', variant: 'anonymised' },
      ]);

      expect(grants).toEqual([preview(COURT.witness, 'video')]);
    });

    it('is still refused her own media by decideMedia: the preview is this path alone', () => {
      const court = withAnonymity(newCourtroom(), COURT.witness);

      expect(decideMedia(court, COURT.witness, COURT.witness, 'video')).toMatchObject({ allowed: false, reason: 'own_media' });
    });

    it.each(['invited', 'disconnected', 'removed'] as const)('gets nothing while %s', (state) => {
      const court = withState(withAnonymity(newCourtroom(), COURT.witness), COURT.witness, state);

      expect(sut(court, everyProducer(court))).toEqual([]);
      expect(maySelfPreview(court, COURT.witness, 'audio')).toBe(false);
    });

    it.each(['adjourned', 'closed'] as const)('gets nothing once the hearing is %s: her producers are closed', (status) => {
      const court = withAnonymity(newCourtroom({ status }), COURT.witness);

      expect(sut(court, everyProducer(court))).toEqual([]);
    });

    it('gets nothing while her own record is in doubt', () => {
      const court = withParticipant(withAnonymity(newCourtroom(), COURT.witness), COURT.witness, {
        state: 'in_consultation',
        consultationId: 'no-such-room',
      });

      expect(sut(court, everyProducer(court))).toEqual([]);
    });

    it('gets nothing when the hearing record cannot be trusted', () => {
      const court = withAnonymity(withAnonymity(newCourtroom(), COURT.witness), COURT.witness, { id: 'a second order' });

      expect(sut(court, everyProducer(court))).toEqual([]);
      expect(maySelfPreview(court, COURT.witness, 'audio')).toBe(false);
    });
  });

  describe('everyone else', () => {
    it('gets nothing in a hearing without an anonymity order', () => {
      const court = newCourtroom();

      expect(sut(court, everyProducer(court))).toEqual([]);
      expect(maySelfPreview(court, COURT.witness, 'video')).toBe(false);
    });

    it('gets no preview of the protected witness, nor of themselves, through this path', () => {
      const court = withAnonymity(withSupporter(newCourtroom(), COURT.witness, COURT.supporter), COURT.witness);

      const grants = sut(court, everyProducer(court));

      expect(grants.every((grant) => grant.viewerId === COURT.witness && grant.sourceId === COURT.witness)).toBe(true);
      expect(maySelfPreview(court, COURT.supporter, 'video')).toBe(false);
      expect(maySelfPreview(court, COURT.judge, 'video')).toBe(false);
    });

    it('gives the public gallery nothing even under an order: it sends nothing to preview', () => {
      const court = withAnonymity(newCourtroom(), COURT.observer);

      expect(sut(court, everyProducer(court))).toEqual([]);
    });

    it('ignores a producer of someone not in the hearing', () => {
      const court = withAnonymity(newCourtroom(), COURT.witness);

      expect(sut(court, [{ sourceId: 'ghost', kind: 'audio', variant: 'anonymised' }])).toEqual([]);
    });
  });
});
