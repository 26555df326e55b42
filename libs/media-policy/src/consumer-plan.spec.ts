import { desiredConsumers, diffConsumers, grantKey, type AvailableProducer, type ConsumerGrant } from './consumer-plan';
import { MEDIA_KINDS, MEDIA_VARIANTS } from './media-kind';
import type { PolicySnapshot } from './policy-snapshot';
import {
  COURT,
  PARTY,
  newCourtroom,
  newParticipant,
  withAnonymity,
  withConsultation,
  withScreen,
  withState,
  withSupporter,
} from './testing/policy-snapshot.factory';

const rawProducers = (snapshot: PolicySnapshot): AvailableProducer[] =>
  snapshot.participants.flatMap((participant) =>
    (['audio', 'video'] as const).map((kind) => ({ sourceId: participant.id, kind, variant: 'raw' as const })),
  );

const grant = (
  viewerId: string,
  sourceId: string,
  kind: ConsumerGrant['kind'],
  variant: ConsumerGrant['variant'] = 'raw',
): ConsumerGrant => ({
  viewerId,
  sourceId,
  kind,
  variant,
});

const smallCourt = (): PolicySnapshot => ({
  ...newCourtroom(),
  participants: [
    newParticipant(COURT.judge, 'judge'),
    newParticipant(COURT.defenceCounsel, 'defence_counsel', { clientPartyIds: [PARTY.defendant] }),
    newParticipant(COURT.defendant, 'defendant', { partyId: PARTY.defendant }),
    newParticipant(COURT.witness, 'witness'),
  ],
});

describe('desiredConsumers', () => {
  it('connects everyone in an open room to everyone else, both ways', () => {
    const court = smallCourt();

    const sut = desiredConsumers(court, rawProducers(court));

    // 4 participants × 3 others × (audio, video)
    expect(sut).toHaveLength(24);
    expect(sut).toContainEqual(grant(COURT.defendant, COURT.witness, 'video'));
    expect(sut.some((consumer) => consumer.viewerId === consumer.sourceId)).toBe(false);
  });

  it('connects nobody in the courtroom during a recess, but keeps the consultation going', () => {
    const court = withConsultation(smallCourt(), {
      id: 'c1',
      openedBy: COURT.defenceCounsel,
      memberIds: [COURT.defenceCounsel, COURT.defendant],
    });

    const sut = desiredConsumers({ ...court, status: 'in_recess' }, rawProducers(court));

    expect(sut).toEqual([
      grant(COURT.defenceCounsel, COURT.defendant, 'audio'),
      grant(COURT.defenceCounsel, COURT.defendant, 'video'),
      grant(COURT.defendant, COURT.defenceCounsel, 'audio'),
      grant(COURT.defendant, COURT.defenceCounsel, 'video'),
    ]);
  });

  it('gives the room nothing of an anonymous witness until the anonymised stream exists', () => {
    const court = withAnonymity(smallCourt(), COURT.witness);

    const sut = desiredConsumers(court, [{ sourceId: COURT.witness, kind: 'audio', variant: 'raw' }]);

    expect(sut).toEqual([grant(COURT.judge, COURT.witness, 'audio')]);
  });

  it('gives the room the anonymised stream and the judge the raw one once both exist', () => {
    const court = withAnonymity(smallCourt(), COURT.witness);

    const sut = desiredConsumers(court, [
      { sourceId: COURT.witness, kind: 'audio', variant: 'raw' },
      { sourceId: COURT.witness, kind: 'audio', variant: 'anonymised' },
    ]);

    expect(sut).toEqual([
      grant(COURT.defenceCounsel, COURT.witness, 'audio', 'anonymised'),
      grant(COURT.defendant, COURT.witness, 'audio', 'anonymised'),
      grant(COURT.judge, COURT.witness, 'audio', 'raw'),
    ]);
  });

  it('ignores producers of people not in the hearing and repeated producers', () => {
    const court = smallCourt();
    const judgeAudio = { sourceId: COURT.judge, kind: 'audio', variant: 'raw' } as const;

    const sut = desiredConsumers(court, [judgeAudio, judgeAudio, { sourceId: 'ghost', kind: 'audio', variant: 'raw' }]);

    expect(sut).toHaveLength(3);
  });

  it('plans nothing at all for a snapshot it cannot trust', () => {
    const court = { ...smallCourt(), status: 'sine_die' } as unknown as PolicySnapshot;

    expect(desiredConsumers(court, rawProducers(court))).toEqual([]);
  });

  it('plans nothing for producers that only exist on the media node under other kinds or variants', () => {
    const court = smallCourt();
    const everything = MEDIA_KINDS.flatMap((kind) => MEDIA_VARIANTS.map((variant) => ({ sourceId: COURT.witness, kind, variant })));

    const sut = desiredConsumers(court, everything);

    // No order: only raw; a witness shares no screen.
    expect(sut.every((consumer) => consumer.variant === 'raw' && consumer.kind !== 'screen')).toBe(true);
    expect(sut).toHaveLength(6);
  });
});

describe('diffConsumers', () => {
  it('closes every courtroom consumer when the judge calls a recess', () => {
    const court = smallCourt();
    const existing = desiredConsumers(court, rawProducers(court));

    const sut = diffConsumers(existing, desiredConsumers({ ...court, status: 'in_recess' }, rawProducers(court)));

    expect(sut.open).toEqual([]);
    expect(sut.close).toHaveLength(existing.length);
  });

  it('swaps raw for anonymised when an anonymity order is made mid-hearing', () => {
    const court = smallCourt();
    const producers: AvailableProducer[] = [
      { sourceId: COURT.witness, kind: 'audio', variant: 'raw' },
      { sourceId: COURT.witness, kind: 'audio', variant: 'anonymised' },
    ];

    const sut = diffConsumers(desiredConsumers(court, producers), desiredConsumers(withAnonymity(court, COURT.witness), producers));

    expect(sut.close).toEqual([grant(COURT.defenceCounsel, COURT.witness, 'audio'), grant(COURT.defendant, COURT.witness, 'audio')]);
    expect(sut.open).toEqual([
      grant(COURT.defenceCounsel, COURT.witness, 'audio', 'anonymised'),
      grant(COURT.defendant, COURT.witness, 'audio', 'anonymised'),
    ]);
  });

  it('opens the witness to the room, and the room to the witness, on admission', () => {
    const waiting = withState(smallCourt(), COURT.witness, 'waiting');
    const admitted = smallCourt();

    const sut = diffConsumers(desiredConsumers(waiting, rawProducers(waiting)), desiredConsumers(admitted, rawProducers(admitted)));

    expect(sut.close).toEqual([]);
    expect(sut.open).toHaveLength(12);
    expect(sut.open.every((consumer) => consumer.viewerId === COURT.witness || consumer.sourceId === COURT.witness)).toBe(true);
  });

  it('closes the pictures across a screen put up mid-hearing, and leaves the voices', () => {
    const court = smallCourt();

    const sut = diffConsumers(
      desiredConsumers(court, rawProducers(court)),
      desiredConsumers(withScreen(court, COURT.witness), rawProducers(court)),
    );

    expect(sut).toEqual({
      close: [grant(COURT.defendant, COURT.witness, 'video'), grant(COURT.witness, COURT.defendant, 'video')],
      open: [],
    });
  });

  it('connects a waiting witness and her supporter to each other only, until the judge admits her', () => {
    const court = withSupporter(
      { ...smallCourt(), participants: [...smallCourt().participants, newParticipant(COURT.supporter, 'supporter')] },
      COURT.witness,
      COURT.supporter,
    );
    const waiting = withState(withState(court, COURT.witness, 'waiting'), COURT.supporter, 'waiting');

    expect(desiredConsumers(waiting, rawProducers(waiting)).filter((consumer) => consumer.viewerId === COURT.witness)).toEqual([
      grant(COURT.witness, COURT.supporter, 'audio'),
      grant(COURT.witness, COURT.supporter, 'video'),
    ]);

    const sut = diffConsumers(
      desiredConsumers(waiting, rawProducers(waiting)),
      desiredConsumers(withState(waiting, COURT.witness, 'admitted'), rawProducers(waiting)),
    );

    expect(sut.close).toEqual([
      grant(COURT.supporter, COURT.witness, 'audio'),
      grant(COURT.supporter, COURT.witness, 'video'),
      grant(COURT.witness, COURT.supporter, 'audio'),
      grant(COURT.witness, COURT.supporter, 'video'),
    ]);
    expect(sut.open.every((consumer) => consumer.viewerId === COURT.witness || consumer.sourceId === COURT.witness)).toBe(true);
  });

  it('closes a consumer that should never have existed, even if listed twice', () => {
    const stray = grant(COURT.defendant, COURT.judge, 'screen', 'anonymised');

    const sut = diffConsumers([stray, stray], []);

    expect(sut).toEqual({ close: [stray], open: [] });
  });
});

describe('grantKey', () => {
  it('keeps consumers apart even when ids contain separators', () => {
    expect(grantKey(grant('a|b', 'c', 'audio'))).not.toEqual(grantKey(grant('a', 'b|c', 'audio')));
  });
});
