import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CertifiedCopyFeeQuoteView,
  type CertifiedCopyRequestedView,
  type CertifiedCopyView,
  CertificationErrors,
  CertifiedCopyDownloads,
  CertifiedCopyQueries,
  type DownloadLinkView,
  QuoteCertifiedCopyFee,
  RequestCertifiedCopy,
  copyView,
} from '@ejustice/certification';
import { Public, uuidParam } from '@ejustice/platform';
import { CertifiedCopyFeeQueryDto, PublicRequestCertifiedCopyDto } from './dto/request-certified-copy.dto';

/** A member of the public's requests: no account, an e-mail address, and the key the request answered with. */
@ApiTags('certification')
@Public()
@Controller('api/public/certified-copies')
export class PublicCertifiedCopiesController {
  constructor(
    private readonly requestCopy: RequestCertifiedCopy,
    private readonly quoteFee: QuoteCertifiedCopyFee,
    private readonly queries: CertifiedCopyQueries,
    private readonly downloads: CertifiedCopyDownloads,
  ) {}

  @Get('fee')
  @ApiOperation({ summary: 'What a request for copies of a public document would cost, before you send it' })
  fee(@Query() q: CertifiedCopyFeeQueryDto): Promise<CertifiedCopyFeeQuoteView> {
    return this.quoteFee.execute({ user: null, ...q });
  }

  @Post()
  @ApiOperation({ summary: 'Request a certified copy of a public document, without an account' })
  async request(@Body() body: PublicRequestCertifiedCopyDto): Promise<CertifiedCopyRequestedView> {
    const { copy, accessKey } = await this.requestCopy.execute({ user: null, ...body });
    return { request: copyView(copy), accessKey };
  }

  @Get(':id')
  @ApiHeader({ name: 'X-Access-Key', required: true })
  @ApiOperation({ summary: 'Where your request stands' })
  async one(@Param('id', uuidParam()) id: string, @Headers('x-access-key') key: string | undefined): Promise<CertifiedCopyView> {
    if (!key) throw CertificationErrors.requestNotFound();
    return copyView(await this.queries.loadVisible({ accessKey: key }, id));
  }

  @Post(':id/download-link')
  @HttpCode(200)
  @ApiHeader({ name: 'X-Access-Key', required: true })
  @ApiOperation({ summary: 'A new expiring download link to your issued copy' })
  async link(@Param('id', uuidParam()) id: string, @Headers('x-access-key') key: string | undefined): Promise<DownloadLinkView> {
    if (!key) throw CertificationErrors.requestNotFound();
    return this.downloads.issueLink(await this.queries.loadVisible({ accessKey: key }, id));
  }
}
