import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ClaimFiling,
  type FilingDetailView,
  type FilingHistoryEntryView,
  type FilingListView,
  FilingQueries,
  FilingReceipts,
  ReleaseFiling,
  ReviewFiling,
  SubmitFiling,
  UploadStaging,
} from '@ejustice/filing';
import { CurrentUser, Roles, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { contentDisposition } from './content-disposition';
import { FilingListQueryDto, FilingQueueQueryDto } from './dto/filing-list-query.dto';
import { ReviewFilingDto } from './dto/review-filing.dto';
import { ClientAbortedError, readMultipartFiling } from './multipart-filing.reader';

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
    private readonly receipts: FilingReceipts,
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
  list(@CurrentUser() user: UserPrincipal, @Query() q: FilingListQueryDto): Promise<FilingListView> {
    return this.queries.list(user, q);
  }

  @Get('queue')
  @Roles('clerk', 'judge')
  @ApiOperation({ summary: 'The review queue: urgent filings (custody, protective orders, child victims) first, then the oldest' })
  queue(@CurrentUser() user: UserPrincipal, @Query() q: FilingQueueQueryDto): Promise<FilingListView> {
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
  detail(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string): Promise<FilingDetailView> {
    return this.queries.detail(user, id);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'The filing’s status history, oldest first' })
  history(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string): Promise<FilingHistoryEntryView[]> {
    return this.queries.history(user, id);
  }

  @Get(':id/receipt.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The notice of electronic filing (PDF)' })
  async receipt(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string, @Res() res: Response) {
    const { fileName, pdf } = await this.receipts.notice(user, id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Length', String(pdf.length));
    res.setHeader('Content-Disposition', contentDisposition('attachment', fileName));
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(Buffer.from(pdf));
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('clerk', 'judge')
  @ApiOperation({ summary: 'Claim a filing for review; refused while another clerk’s claim is live' })
  async claimFiling(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string): Promise<FilingDetailView> {
    return this.queries.present(user, await this.claim.execute({ clerk: user, filingId: id }));
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('clerk', 'judge')
  @ApiOperation({ summary: 'Give a claimed filing back to the queue' })
  async releaseFiling(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string): Promise<FilingDetailView> {
    return this.queries.present(user, await this.release.execute({ clerk: user, filingId: id }));
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('clerk', 'judge')
  @ApiOperation({ summary: 'Accept or reject each document, reject the filing, or return it for correction (claim first)' })
  async reviewFiling(
    @CurrentUser() user: UserPrincipal,
    @Param('id', uuidParam()) id: string,
    @Body() body: ReviewFilingDto,
  ): Promise<FilingDetailView> {
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
