import { permanentMailRefusal } from './mail-sender';

describe('permanentMailRefusal', () => {
  it('gives the reply code of a refusal for good (5xx)', () => {
    expect(permanentMailRefusal(Object.assign(new Error('No such mailbox'), { responseCode: 550 }))).toBe(550);
    expect(permanentMailRefusal(Object.assign(new Error('Relaying denied'), { responseCode: 554 }))).toBe(554);
  });

  it('gives nothing for what may pass if tried again: a 4xx, a connection that failed, anything else', () => {
    expect(permanentMailRefusal(Object.assign(new Error('Mailbox busy'), { responseCode: 451 }))).toBeUndefined();
    expect(permanentMailRefusal(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).toBeUndefined();
    expect(permanentMailRefusal(Object.assign(new Error('odd'), { responseCode: '550' }))).toBeUndefined();
    expect(permanentMailRefusal(Object.assign(new Error('odd'), { responseCode: 600 }))).toBeUndefined();
    expect(permanentMailRefusal(null)).toBeUndefined();
    expect(permanentMailRefusal('550')).toBeUndefined();
  });
});
