import { permanentMailRefusal, withSmtpTimeouts } from './mail-sender';

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

describe('withSmtpTimeouts', () => {
  it('adds the default bounds to an SMTP_URL that names none, keeping its user, password and host', () => {
    const url = new URL(withSmtpTimeouts('smtps://mailer:s%40cret@relay.court.example:465'));
    expect(url.protocol).toBe('smtps:');
    expect(url.username).toBe('mailer');
    expect(decodeURIComponent(url.password)).toBe('s@cret');
    expect(url.host).toBe('relay.court.example:465');
    expect(Object.fromEntries(url.searchParams)).toEqual({ connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '30000' });
  });

  it('keeps a bound and any other option the operator set in the query', () => {
    const url = new URL(withSmtpTimeouts('smtp://relay:25?socketTimeout=120000&ignoreTLS=true'));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      socketTimeout: '120000',
      ignoreTLS: 'true',
      connectionTimeout: '10000',
      greetingTimeout: '10000',
    });
  });
});
