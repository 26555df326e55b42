import { Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/app-config';

/** One e-mail as the platform sends it: plain text, with a Message-ID a resend repeats. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
}

/**
 * Sends one e-mail; the transport is nodemailer over SMTP in production and tests alike. Shared
 * by every lib that e-mails (filing notices, certified copies, published timetables), so that
 * one transport is opened and closed.
 */
export abstract class MailSender {
  abstract readonly enabled: boolean;
  abstract send(message: OutgoingMail): Promise<string | null>;
}

/**
 * The SMTP reply code when the mail server refused a message for good (5xx: no such mailbox, the
 * address rejected), as nodemailer reports it (`responseCode`); undefined for anything that may
 * pass if tried again (a 4xx, the server unreachable). A refused address is passed over, never
 * retried for ever and never allowed to hold back the other recipients.
 */
export function permanentMailRefusal(error: unknown): number | undefined {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 ? code : undefined;
}

/** What an e-mail says of confidential or sealed matter: nothing but that there is something to read. */
export const NEUTRAL_EMAIL_SUBJECT = 'New notice on the e-justice platform';

/** The whole of a neutral e-mail: anyone may read a mailbox, so it only sends the reader to sign in. */
export function neutralEmailText(publicUrl: string): string {
  return `You have a new notice on the e-justice platform.\nSign in to read it: ${publicUrl}/login`;
}

/**
 * Bounds on each step of talking to the mail server, in ms, where SMTP_URL names none (its query
 * may: `smtp://relay:25?socketTimeout=60000`). nodemailer's own (2 minutes to connect, 30 s for
 * the greeting, 10 minutes of silence) would let a hung relay hold a notification job that long;
 * a send that runs out fails as one that may pass, and the job tries again later.
 */
export const SMTP_TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** SMTP_URL with the default bounds added for those its query does not set. */
export function withSmtpTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [name, ms] of Object.entries(SMTP_TIMEOUTS_MS)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  }
  return url.toString();
}

/** E-mail through the SMTP server of SMTP_URL; disabled (inbox only) when it is not set. */
export class SmtpMailSender extends MailSender {
  private readonly logger = new Logger(SmtpMailSender.name);
  private readonly transport: Transporter | undefined;
  readonly enabled: boolean;

  constructor(private readonly config: AppConfig['mail']) {
    super();
    this.enabled = config.smtpUrl !== undefined;
    this.transport = config.smtpUrl ? nodemailer.createTransport(withSmtpTimeouts(config.smtpUrl)) : undefined;
  }

  async send(message: OutgoingMail): Promise<string | null> {
    if (!this.transport) return null;
    const info = await this.transport.sendMail({
      from: this.config.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: message.messageId,
    });
    this.logger.log(`send() accepted [messageId:${info.messageId}]`);
    return info.messageId ?? null;
  }

  close(): void {
    this.transport?.close();
  }
}
