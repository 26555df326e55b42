import { Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { MailSender, SmtpMailSender } from './mail-sender';

/** The platform's one MailSender (SMTP_URL), for every module that e-mails; closed at shutdown. */
@Module({
  providers: [{ provide: MailSender, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new SmtpMailSender(c.mail) }],
  exports: [MailSender],
})
export class MailModule implements OnApplicationShutdown {
  constructor(private readonly mail: MailSender) {}

  onApplicationShutdown(): void {
    if (this.mail instanceof SmtpMailSender) this.mail.close();
  }
}
