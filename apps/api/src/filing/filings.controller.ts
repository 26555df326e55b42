import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CaseQueries, type CaseViewer } from '@ejustice/cases';
import {
  CourtPolicyService,
  FilingQueries,
  ClaimFiling,
  ReleaseFiling,
  ReviewFiling,
  SubmitFiling,
  UploadStaging,
  URGENCY_GROUNDS,
  asciiFallbackName,
  assessFee,
  opensCase,
  renderReceiptPdf,
  InboxQueries,
} from '@ejustice/filing';
import { CASE_TYPE_NAMES, PARTY_ROLES } from '@ejustice/cases';
import { Court, CurrentUser, Roles, User, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DownloadQuery, FeeQuery, FilingListQuery, InboxQuery, PolicyQuery, QueueQuery, ReviewFilingDto } from './dto/review.dto';
import { ClientAbortedError, readMultipartFiling } from './multipart-filing.reader';

/** RFC 6266 with RFC 5987 for non-ASCII names: every browser gets the sanitised name right. */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  return `${type}; filename="${asciiFallbackName(name)}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

@ApiTags('filing')
@ApiBearerAuth()
@Controller('api/filing-policy')
export class FilingPolicyController {
  constructor(
    private readonly policies: CourtPolicyService,
    private readonly cases: CaseQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The court’s filing policy: accepted types, limits, reason codes, fee schedule (ECF court policy)' })
  async policy(@CurrentUser() user: UserPrincipal, @Query() q: PolicyQuery) {
    const policy = await this.policies.forCourt(q.courtId ?? user.courtId);
    return { ...policy, urgencyGrounds: URGENCY_GROUNDS, caseTypes: CASE_TYPE_NAMES, partyRoles: PARTY_ROLES };
  }

  @Get('fee')
  @ApiOperation({ summary: 'The fee for a filing, waived for victims and those who act for them' })
  async fee(@CurrentUser() user: UserPrincipal, @Query() q: FeeQuery) {
    if (!opensCase(q.filingType) && q.caseId) {
      const { c, facts } = await this.cases.loadVisible(user, q.caseId);
      const forVictim = facts.parties.some(
        (p) => p.partyRole === 'victim' && (p.userId === user.userId || p.counselUserId === user.userId),
      );
      return assessFee(await this.policies.forCourt(c.courtId), q.filingType, forVictim);
    }
    return assessFee(await this.policies.forCourt(user.courtId), q.filingType, q.actsForVictim === 'true');
  }
}

@ApiTags('filing')
@ApiBearerAuth()
@Controller('api/filings')
export class FilingsController {
  constructor(
    private readonly submit: SubmitFiling,
    private readonly staging: UploadStaging,
    private readonly queries: FilingQueries,
    private readonly claim: ClaimFiling,
    private readonly release: ReleaseFiling,
    private readonly review: ReviewFiling,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Post()
  @Roles('party', 'counsel', 'prosecutor', 'observer')
  @ApiOperation({
    summary:
      'Submit a filing: multipart/form-data with a "metadata" JSON field first, then one "documents" PDF part per metadata.documents entry (lead first)',
  })
  @ApiConsumes('multipart/form-data')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: '8..200 of [A-Za-z0-9_-]; reuse it when retrying the same submission',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['metadata', 'documents'],
      properties: {
        metadata: { type: 'string', description: 'JSON of SubmissionMetadataDto' },
        documents: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
  })
  async create(
    @CurrentUser() filer: UserPrincipal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    try {
      const result = await this.submit.execute({
        filer,
        idempotencyKey: idempotencyKey ?? '',
        receive: (limits, _policy, staged) => readMultipartFiling(req, limits, this.staging, staged),
      });
      res.status(result.replayed ? 200 : 201);
      if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.setHeader('Location', `/api/filings/${result.receipt.filingId}`);
      return result.receipt;
    } catch (error) {
      if (error instanceof ClientAbortedError) {
        res.destroy();
        return undefined;
      }
      throw error;
    }
  }

  @Get()
  @ApiOperation({ summary: 'Filings: a filer’s own; for clerks and judges, their court’s' })
  list(@CurrentUser() user: UserPrincipal, @Query() q: FilingListQuery) {
    return this.queries.list(user, q);
  }

  @Get('queue')
  @Roles('clerk', 'judge')
  @ApiOperation({ summary: 'The review queue: urgent filings (custody, protective orders, child victims) first, then the oldest' })
  queue(@CurrentUser() user: UserPrincipal, @Query() q: QueueQuery) {
    return this.queries.queue(user, {
      status: q.status,
      filingType: q.filingType,
      urgent: q.urgent === undefined ? undefined : q.urgent === 'true',
      minAgeMinutes: q.minAgeMinutes,
      courtId: q.courtId,
      limit: q.limit,
      offset: q.offset,
    });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A filing with its documents, parties, claim and decision (its filer and the court’s reviewers)' })
  detail(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string) {
    return this.queries.detail(user, id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The filing’s status history, oldest first' })
  history(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string) {
    return this.queries.history(user, id);
  }

  @Get(':id/receipt.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The notice of electronic filing (PDF)' })
  async receipt(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string, @Res() res: Response) {
    const f = await this.queries.loadVisible(user, id);
    const receipt = await this.submit.receiptOf(f);
    const court = await this.db.getRepository(Court).findOneByOrFail({ id: f.courtId });
    const filer = await this.db.getRepository(User).findOneByOrFail({ id: f.filerUserId });
    const pdf = await renderReceiptPdf(receipt, { courtName: court.name, courtCode: court.code, filerName: filer.displayName });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Length', String(pdf.length));
    res.setHeader('Content-Disposition', contentDisposition('attachment', `notice-of-electronic-filing-${f.id}.pdf`));
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(Buffer.from(pdf));
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('clerk', 'judge')
  @ApiOperation({ summary: 'Claim a filing for review; refused while another clerk’s claim is live' })
  async claimFiling(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string) {
    return this.queries.present(user, await this.claim.execute({ clerk: user, filingId: id }));
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('clerk', 'judge')
  @ApiOperation({ summary: 'Give a claimed filing back to the queue' })
  async releaseFiling(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string) {
    return this.queries.present(user, await this.release.execute({ clerk: user, filingId: id }));
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('clerk', 'judge')
  @ApiOperation({ summary: 'Accept or reject each document, reject the filing, or return it for correction (claim first)' })
  async reviewFiling(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string, @Body() body: ReviewFilingDto) {
    const f = await this.review.execute({
      clerk: user,
      filingId: id,
      action: body.action,
      documents: (body.documents ?? []).map((d) => ({
        documentId: d.documentId,
        decision: d.decision,
        reasonCode: d.reasonCode ?? null,
        note: d.note ?? null,
      })),
      reasonCode: body.reasonCode ?? null,
      note: body.note ?? null,
    });
    return this.queries.present(user, f);
  }
}

@ApiTags('filing')
@ApiBearerAuth()
@Controller('api/filing-documents')
export class FilingDocumentsController {
  constructor(private readonly queries: FilingQueries) {}

  @Get(':id/content')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'A filed document, streamed, for viewers its confidentiality allows (404 for anyone else)' })
  async content(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string, @Query() q: DownloadQuery, @Res() res: Response) {
    const doc = await this.queries.openDocument(user, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Length', String(doc.sizeBytes));
    res.setHeader('Content-Disposition', contentDisposition(q.disposition ?? 'attachment', doc.fileName));
    res.setHeader('ETag', `"${doc.sha256}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    await pipeline(doc.stream, res).catch(() => res.destroy());
  }
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CaseDocketController {
  constructor(private readonly queries: FilingQueries) {}

  @Get(':id/docket')
  @ApiOperation({ summary: 'A case’s docket with its documents: only what the caller may read; protected people by pseudonym' })
  docket(@CurrentUser() user: CaseViewer, @Param('id', uuidParam()) id: string) {
    return this.queries.docket(user, id);
  }
}

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxQueries) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s in-app notifications, newest first' })
  list(@CurrentUser() user: UserPrincipal, @Query() q: InboxQuery) {
    return this.inbox.list(user.userId, { unread: q.unread === 'true', limit: q.limit, offset: q.offset });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a notification read' })
  read(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string) {
    return this.inbox.markRead(user.userId, id);
  }
}

export const FILING_CONTROLLERS = [
  FilingPolicyController,
  FilingsController,
  FilingDocumentsController,
  CaseDocketController,
  InboxController,
];
