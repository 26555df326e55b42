import { Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '@ejustice/platform';
import { MailSender } from './deliver-notification.use-case';

/** E-mail through the SMTP server of SMTP_URL; disabled (inbox only) when it is not set. */
export class SmtpMailSender extends MailSender {
  private readonly logger = new Logger(SmtpMailSender.name);
  private readonly transport: Transporter | undefined;
  readonly enabled: boolean;

  constructor(private readonly config: AppConfig['mail']) {
    super();
    this.enabled = config.smtpUrl !== undefined;
    this.transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;
  }

  async send(message: { to: string; subject: string; text: string; messageId: string }): Promise<string | null> {
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
