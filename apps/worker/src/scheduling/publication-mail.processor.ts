import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { RequestContext } from '@ejustice/platform';
import {
  MAIL_PUBLICATION_NOTICES,
  MailPublicationNotices,
  type MailPublicationNoticesJob,
  SCHEDULE_NOTICES_QUEUE,
} from '@ejustice/scheduling-data';

/** Thin processor: a publication's e-mails. A failed send throws, so Bull retries; nothing is sent twice. */
@Processor(SCHEDULE_NOTICES_QUEUE)
export class PublicationMailProcessor {
  constructor(private readonly mail: MailPublicationNotices) {}

  @Process(MAIL_PUBLICATION_NOTICES)
  send(job: Job<MailPublicationNoticesJob>) {
    return RequestContext.run({ requestId: `job-${job.id}` }, () => this.mail.execute(job.data.runId));
  }
}
