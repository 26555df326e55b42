// Moved to libs/platform/src/mail, where every lib that e-mails shares one transport.
export { SmtpMailSender } from '@ejustice/platform';
