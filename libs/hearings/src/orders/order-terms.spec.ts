import { toSpecialMeasure } from './order-terms';

describe('order records as the media policy reads them', () => {
  it.each([
    [
      'anonymity',
      'w',
      { pseudonym: 'Witness A', picture: 'silhouette', disclosedToRoles: ['clerk'], disclosedToParticipantIds: ['s'] },
      {
        kind: 'anonymity',
        id: 'o',
        participantId: 'w',
        pseudonym: 'Witness A',
        picture: 'silhouette',
        disclosedToRoles: ['clerk'],
        disclosedToParticipantIds: ['s'],
      },
    ],
    [
      'screen',
      'w',
      { fromRoles: ['defendant'], fromParticipantIds: [] },
      { kind: 'screen', id: 'o', participantId: 'w', fromRoles: ['defendant'], fromParticipantIds: [] },
    ],
    ['audio_only', 'w', {}, { kind: 'audio_only', id: 'o', participantId: 'w' }],
    [
      'supporter',
      'w',
      { supporterId: 's', capacity: 'intermediary' },
      { kind: 'supporter', id: 'o', participantId: 'w', supporterId: 's', capacity: 'intermediary' },
    ],
    ['evidence_in_private', null, {}, { kind: 'evidence_in_private', id: 'o' }],
    [
      'remote_witness_room',
      'w',
      { location: 'Suite 2' },
      { kind: 'remote_witness_room', id: 'o', participantId: 'w', location: 'Suite 2' },
    ],
  ])('copies exactly the fields of %s', (kind, participantId, terms, expected) => {
    expect(toSpecialMeasure({ id: 'o', kind, participantId, terms })).toStrictEqual(expected);
  });

  it('drops stray keys in the stored terms', () => {
    expect(toSpecialMeasure({ id: 'o', kind: 'audio_only', participantId: 'w', terms: { pseudonym: 'x' } })).toStrictEqual({
      kind: 'audio_only',
      id: 'o',
      participantId: 'w',
    });
  });

  it('passes a record it cannot read to the policy as it is, so the policy fails closed on it', () => {
    expect(toSpecialMeasure({ id: 'o', kind: 'anonymity', participantId: 'w', terms: {} })).toStrictEqual({
      kind: 'anonymity',
      id: 'o',
      participantId: 'w',
      pseudonym: undefined,
    });
    expect(toSpecialMeasure({ id: 'o', kind: 'recording', participantId: 'w', terms: { consent: true } })).toStrictEqual({
      id: 'o',
      kind: 'recording',
      participantId: 'w',
    });
  });
});
