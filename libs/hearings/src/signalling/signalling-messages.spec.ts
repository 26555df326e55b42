import {
  NOTIFICATION_METHODS,
  REQUEST_METHODS,
  SIGNALLING_ERROR_CODES,
  isAck,
  isServerNotification,
  isSignallingErrorCode,
  parseClientRequest,
  type RequestMethod,
} from './signalling-messages';

const ID = '6f1c2a4e-9b3d-4c5e-8f7a-1b2c3d4e5f60';
const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** One well-formed data object per method, so every method is exercised both ways. */
const VALID: { [M in RequestMethod]: Record<string, unknown> } = {
  getRouterRtpCapabilities: {},
  join: { rtpCapabilities: { codecs: [] } },
  leave: {},
  getRoomState: {},
  createWebRtcTransport: { direction: 'send' },
  connectWebRtcTransport: { transportId: ID, dtlsParameters: { fingerprints: [] } },
  restartIce: { transportId: ID },
  produce: { transportId: ID, source: 'camera', kind: 'video', rtpParameters: { codecs: [] } },
  closeProducer: { producerId: ID },
  pauseProducer: { producerId: ID },
  resumeProducer: { producerId: ID },
  setMuted: { muted: false },
  resumeConsumer: { consumerId: ID },
  pauseConsumer: { consumerId: ID },
  setConsumerTileSize: { consumerId: ID, width: 640, height: 360 },
  raiseHand: {},
  lowerHand: {},
  admit: { participantId: ID },
  sendToWaitingRoom: { participantId: ID },
  removeParticipant: { participantId: ID },
  muteParticipant: { participantId: ID },
  askToUnmute: { participantId: ID },
  stopCamera: { participantId: ID },
  allowCamera: { participantId: ID },
  requestBreak: {},
  chooseChannel: { channel: 'fr' },
  setInterpreterOutput: { toFloor: true },
  startRecording: {},
  pauseRecording: {},
  stopRecording: {},
  lowerHands: { participantIds: [ID, OTHER] },
  openHearing: {},
  recessHearing: {},
  recessForWitness: { participantId: ID },
  adjournHearing: {},
  closeHearing: {},
  setRoomLock: { locked: true },
  openConsultation: { memberIds: [ID] },
  addToConsultation: { consultationId: ID, participantId: OTHER },
  leaveConsultation: {},
  closeConsultation: { consultationId: ID },
};

describe('signalling catalogue', () => {
  it('lists every request method once, and the validator table covers exactly those', () => {
    expect(new Set(REQUEST_METHODS).size).toBe(REQUEST_METHODS.length);
    expect([...REQUEST_METHODS].sort()).toEqual(Object.keys(VALID).sort());
  });

  it('lists notification methods and error codes without duplicates', () => {
    expect(new Set(NOTIFICATION_METHODS).size).toBe(NOTIFICATION_METHODS.length);
    expect(new Set(SIGNALLING_ERROR_CODES).size).toBe(SIGNALLING_ERROR_CODES.length);
    expect(isSignallingErrorCode('room.forbidden')).toBe(true);
    expect(isSignallingErrorCode('room.whatever')).toBe(false);
  });

  it.each(REQUEST_METHODS)('accepts a well-formed %s', (method) => {
    const result = parseClientRequest({ method, data: VALID[method] });
    expect(result).toEqual({ ok: true, value: { method, data: VALID[method] } });
  });

  it.each(REQUEST_METHODS)('refuses %s with an unexpected field', (method) => {
    const result = parseClientRequest({ method, data: { ...VALID[method], sneaky: 1 } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('signalling.invalid_request');
      expect(result.fields).toContainEqual({ field: 'sneaky', message: 'sneaky is not expected' });
    }
  });

  it.each(REQUEST_METHODS.filter((m) => Object.keys(VALID[m]).length > 0 && m !== 'lowerHands'))(
    'refuses %s without its fields',
    (method) => {
      const result = parseClientRequest({ method, data: {} });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.fields.length).toBeGreaterThan(0);
    },
  );

  it('takes a missing data as empty, for methods without fields', () => {
    expect(parseClientRequest({ method: 'raiseHand' })).toEqual({ ok: true, value: { method: 'raiseHand', data: {} } });
    expect(parseClientRequest({ method: 'lowerHands' })).toEqual({ ok: true, value: { method: 'lowerHands', data: {} } });
  });

  it('refuses what is not a request at all', () => {
    for (const raw of [null, 'join', 42, [], { data: {} }]) {
      const result = parseClientRequest(raw);
      expect(result.ok).toBe(false);
    }
    const unknown = parseClientRequest({ method: 'becomeJudge', data: {} });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('signalling.unknown_method');
    const inherited = parseClientRequest({ method: 'toString', data: {} });
    expect(inherited.ok).toBe(false);
    const arrayData = parseClientRequest({ method: 'admit', data: [ID] });
    expect(arrayData.ok).toBe(false);
  });

  it('checks ids, enums, booleans and sizes', () => {
    const bad: [RequestMethod, Record<string, unknown>, string][] = [
      ['admit', { participantId: 'not-an-id' }, 'participantId'],
      ['createWebRtcTransport', { direction: 'both' }, 'direction'],
      ['setMuted', { muted: 'no' }, 'muted'],
      ['setRoomLock', { locked: 1 }, 'locked'],
      ['setConsumerTileSize', { consumerId: ID, width: -1, height: 360 }, 'width'],
      ['setConsumerTileSize', { consumerId: ID, width: 640, height: 1.5 }, 'height'],
      ['setConsumerTileSize', { consumerId: ID, width: 100_000, height: 360 }, 'width'],
      ['produce', { transportId: ID, source: 'microphone', kind: 'video', rtpParameters: {} }, 'kind'],
      ['produce', { transportId: ID, source: 'projector', kind: 'video', rtpParameters: {} }, 'source'],
      ['produce', { transportId: ID, source: 'camera', kind: 'video', rtpParameters: 'x' }, 'rtpParameters'],
      ['openConsultation', { memberIds: [] }, 'memberIds'],
      ['openConsultation', { memberIds: [ID, ID] }, 'memberIds'],
      ['openConsultation', { memberIds: Array.from({ length: 21 }, () => ID) }, 'memberIds'],
      ['lowerHands', { participantIds: [] }, 'participantIds'],
      ['lowerHands', { participantIds: ['x'] }, 'participantIds'],
    ];
    for (const [method, data, field] of bad) {
      const result = parseClientRequest({ method, data });
      expect({ method, ok: result.ok }).toEqual({ method, ok: false });
      if (!result.ok) expect(result.fields.map((f) => f.field)).toContain(field);
    }
  });

  it('recognises notifications and acks by shape', () => {
    expect(isServerNotification({ method: 'consumerClosed', data: { consumerId: ID } })).toBe(true);
    expect(isServerNotification({ method: 'selfDestruct', data: {} })).toBe(false);
    expect(isServerNotification({ method: 'consumerClosed' })).toBe(false);
    expect(isAck({ ok: true, data: {} })).toBe(true);
    expect(isAck({ ok: false, error: { code: 'room.forbidden', message: 'No.' } })).toBe(true);
    expect(isAck({ ok: false, error: { code: 'room.forbidden' } })).toBe(false);
    expect(isAck({ ok: true })).toBe(false);
  });
});
