import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '@ejustice/cases';
import { FilingModule } from '@ejustice/filing';
import { IdentityModule } from '@ejustice/identity';
import { CERTIFICATION_ENTITIES } from './entities/certification.entities';
import { CERTIFICATION_QUEUE, CertificationQueue } from './issuance/certification-queue';
import { DeliverCertifiedCopy } from './issuance/deliver-certified-copy.use-case';
import { IssueCertifiedCopy } from './issuance/issue-certified-copy.use-case';
import { RequeueStuckIssues } from './issuance/requeue-stuck-issues.use-case';
import { SealIdentityProvider } from './issuance/seal-identity.provider';
import { CertifiedCopyRegister } from './register/certified-copy-register';
import { CertifiedCopyDownloads } from './register/download-links';
import { VerificationRateLimiter } from './register/verification-rate-limiter';
import { AuthoriseSealedCopy } from './requests/authorise-sealed-copy.use-case';
import { CertifiedCopyQueries } from './requests/certified-copy-queries';
import { DecideCertifiedCopy } from './requests/decide-certified-copy.use-case';
import { QuoteCertifiedCopyFee } from './requests/quote-certified-copy-fee.use-case';
import { RequestCertifiedCopy } from './requests/request-certified-copy.use-case';

const PROVIDERS = [
  SealIdentityProvider,
  CertificationQueue,
  RequestCertifiedCopy,
  QuoteCertifiedCopyFee,
  DecideCertifiedCopy,
  AuthoriseSealedCopy,
  CertifiedCopyQueries,
  IssueCertifiedCopy,
  DeliverCertifiedCopy,
  RequeueStuckIssues,
  CertifiedCopyRegister,
  CertifiedCopyDownloads,
  VerificationRateLimiter,
];

/**
 * Certified copies (issue 10): requests, the clerks' decisions, the issue job, the register and
 * its public verification, download links. Needs BullModule.forRoot in the app that imports it:
 * the api queues issue jobs, apps/worker processes them (IssueCertifiedCopy).
 */
@Module({
  imports: [
    IdentityModule,
    CasesModule,
    FilingModule,
    TypeOrmModule.forFeature(CERTIFICATION_ENTITIES),
    BullModule.registerQueue({ name: CERTIFICATION_QUEUE }),
  ],
  providers: PROVIDERS,
  exports: [...PROVIDERS, BullModule],
})
export class CertificationModule {}
