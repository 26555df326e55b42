import { Process, Processor } from '@nestjs/bull';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import {
  CERTIFICATION_QUEUE,
  DeliverCertifiedCopy,
  ISSUE_CERTIFIED_COPY,
  IssueCertifiedCopy,
  SealIdentityProvider,
} from '@ejustice/certification';
import { RequestContext } from '@ejustice/platform';

/**
 * Renders and seals approved copies. Failures throw, so Bull retries with backoff; the use case
 * is idempotent per copy (one code, one register entry), whatever the number of attempts.
 */
@Processor(CERTIFICATION_QUEUE)
export class CertifyCopyProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(CertifyCopyProcessor.name);

  constructor(
    private readonly issue: IssueCertifiedCopy,
    private readonly deliver: DeliverCertifiedCopy,
    private readonly seal: SealIdentityProvider,
  ) {}

  /**
   * Loads the court's seal at start (outside production, generates the development seal and logs
   * the warning). Not awaited, so the worker's other jobs start meanwhile; a seal that cannot be
   * loaded is logged here and fails each issue job, which Bull retries, until it is configured.
   */
  onApplicationBootstrap(): void {
    this.seal.identity().catch((error: unknown) => {
      this.logger.error(`onApplicationBootstrap() no court seal [error:${error instanceof Error ? error.message : String(error)}]`);
    });
  }

  /** Issue, then tell the requester; a failed delivery retries the job, whose issue step then finds the copy issued. */
  @Process(ISSUE_CERTIFIED_COPY)
  certify(job: Job<{ copyId: string }>) {
    return RequestContext.run({ requestId: `job-${job.id}` }, async () => {
      const outcome = await this.issue.execute(job.data.copyId, (p) => job.progress(p));
      if (outcome !== 'not_issuing') await this.deliver.execute(job.data.copyId);
      return outcome;
    });
  }
}
