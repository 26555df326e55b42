import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CertifiedCopyFeeQuoteView,
  type CertifiedCopyRequestedView,
  type CertifiedCopyView,
  CertifiedCopyDownloads,
  CertifiedCopyQueries,
  type DownloadLinkView,
  QuoteCertifiedCopyFee,
  RequestCertifiedCopy,
  copyView,
} from '@ejustice/certification';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { CertifiedCopyListQueryDto } from './dto/certified-copy-list-query.dto';
import { CertifiedCopyFeeQueryDto, RequestCertifiedCopyDto } from './dto/request-certified-copy.dto';

@ApiTags('certification')
@ApiBearerAuth()
@Controller('api/certified-copies')
export class CertifiedCopiesController {
  constructor(
    private readonly requestCopy: RequestCertifiedCopy,
    private readonly quoteFee: QuoteCertifiedCopyFee,
    private readonly queries: CertifiedCopyQueries,
    private readonly downloads: CertifiedCopyDownloads,
  ) {}

  @Get('fee')
  @ApiOperation({ summary: 'What a request for copies of a document would cost you, before you send it (404 as for the request)' })
  fee(@CurrentUser() user: UserPrincipal, @Query() q: CertifiedCopyFeeQueryDto): Promise<CertifiedCopyFeeQuoteView> {
    return this.quoteFee.execute({ user, ...q });
  }

  @Post()
  @ApiOperation({ summary: 'Request a certified copy of a docketed document you may see (404 for any other)' })
  async request(@CurrentUser() user: UserPrincipal, @Body() body: RequestCertifiedCopyDto): Promise<CertifiedCopyRequestedView> {
    const { copy } = await this.requestCopy.execute({ user, email: null, ...body });
    return { request: copyView(copy), accessKey: null };
  }

  @Get()
  @ApiOperation({ summary: "Your requests; for a clerk, the court's requests (the approval queue)" })
  list(@CurrentUser() user: UserPrincipal, @Query() q: CertifiedCopyListQueryDto): Promise<CertifiedCopyView[]> {
    return this.queries.list(user, q.status);
  }

  @Get(':id')
  @ApiOperation({ summary: "A request, for its requester and the court's clerks" })
  async one(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string): Promise<CertifiedCopyView> {
    return copyView(await this.queries.loadVisible({ user }, id));
  }

  @Post(':id/download-link')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new expiring download link to your issued copy' })
  async link(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string): Promise<DownloadLinkView> {
    return this.downloads.issueLink(await this.queries.loadVisible({ user }, id));
  }
}
