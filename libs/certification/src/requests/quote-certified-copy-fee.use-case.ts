import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CourtPolicyService } from '@ejustice/filing';
import type { UserPrincipal } from '@ejustice/identity';
import type { CertifiedCopyFeeQuoteView } from '../contract/certification-contract';
import { assessCopyRequest } from './assess-copy-request';

export interface QuoteCertifiedCopyFeeQuery {
  /** Signed in, or null for a member of the public. */
  readonly user: UserPrincipal | null;
  readonly documentId: string;
  readonly copies: number;
}

/**
 * What a request for copies of a document would cost this requester, before they send it: the
 * request's own assessment (the same access rule, so a document they may not ask for is "not
 * found" here too), nothing written.
 */
@Injectable()
export class QuoteCertifiedCopyFee {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policies: CourtPolicyService,
  ) {}

  async execute(query: QuoteCertifiedCopyFeeQuery): Promise<CertifiedCopyFeeQuoteView> {
    const { fee } = await assessCopyRequest(this.db.manager, this.policies, query.user, query.documentId, query.copies);
    return { documentId: query.documentId, copies: query.copies, fee };
  }
}
