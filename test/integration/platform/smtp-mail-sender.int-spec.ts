import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SmtpMailSender, permanentMailRefusal } from '@ejustice/platform';

/*
 * A mail server that takes the connection and then says nothing (a hung relay, a firewall that
 * swallows the traffic): the send must fail within a bound the court can live with, as a failure
 * that may pass (so the notification job retries), not hold the job for nodemailer's own defaults
 * (30 s for the greeting, 10 minutes of socket silence).
 */
describe('SmtpMailSender against a mail server that never answers (integration)', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let port: number;

  beforeAll(async () => {
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as AddressInfo).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const mail = { to: 'party@court.example', subject: 'Filing accepted', text: 'Open the platform.', messageId: '<e1.u1@ejustice>' };

  /** How the send ended and after how long (ms). */
  async function sendTo(url: string): Promise<{ error: unknown; ms: number }> {
    const sender = new SmtpMailSender({ smtpUrl: url, from: 'e-justice <no-reply@ejustice.invalid>' });
    const started = performance.now();
    try {
      const sent = await sender.send(mail);
      return { error: new Error(`sent: ${sent}`), ms: performance.now() - started };
    } catch (error) {
      return { error, ms: performance.now() - started };
    } finally {
      sender.close();
    }
  }

  it('gives up waiting for the greeting after 10 s by default, as a failure that may pass', async () => {
    const { error, ms } = await sendTo(`smtp://127.0.0.1:${port}`);
    expect(error).toMatchObject({ code: 'ETIMEDOUT' });
    expect(permanentMailRefusal(error)).toBeUndefined();
    expect(ms).toBeGreaterThanOrEqual(9_500);
    expect(ms).toBeLessThan(20_000);
  }, 40_000);

  it('keeps the bound the operator sets in SMTP_URL', async () => {
    const { error, ms } = await sendTo(`smtp://127.0.0.1:${port}?greetingTimeout=500`);
    expect(error).toMatchObject({ code: 'ETIMEDOUT' });
    expect(ms).toBeLessThan(5_000);
  });
});
