import { decodeCascadeEnvelope as sut } from './cascade-messages';

describe('decodeCascadeEnvelope', () => {
  it('reads a request, an answer and a lost notice', () => {
    const request = { type: 'request', id: 'r1', from: 'a', hearingId: 'h', method: 'consume', data: { transportId: 't' } };
    expect(sut(JSON.stringify(request))).toEqual(request);
    expect(sut(JSON.stringify({ type: 'reply', id: 'r1', ok: false, error: 'no such transport here' }))).toMatchObject({ ok: false });
    expect(sut(JSON.stringify({ type: 'lost', from: 'b', data: { hearingId: 'h', reason: 'edge_closing' } }))).toMatchObject({ from: 'b' });
  });

  it('ignores anything else on the channel: not JSON, an unknown method, a request without its sender', () => {
    expect(sut('not json')).toBeNull();
    expect(sut('null')).toBeNull();
    expect(sut(JSON.stringify({ type: 'request', id: 'r', from: 'a', hearingId: 'h', method: 'dropTables', data: {} }))).toBeNull();
    expect(sut(JSON.stringify({ type: 'request', id: 'r', hearingId: 'h', method: 'close', data: {} }))).toBeNull();
    expect(sut(JSON.stringify({ type: 'lost', from: 'b', data: {} }))).toBeNull();
  });
});
