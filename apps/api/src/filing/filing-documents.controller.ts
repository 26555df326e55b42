import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { FilingQueries } from '@ejustice/filing';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { contentDisposition } from './content-disposition';
import { DownloadQueryDto } from './dto/download-query.dto';

@ApiTags('filing')
@ApiBearerAuth()
@Controller('api/filing-documents')
export class FilingDocumentsController {
  constructor(private readonly queries: FilingQueries) {}

  @Get(':id/content')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'A filed document, streamed, for viewers its confidentiality allows (404 for anyone else)' })
  async content(
    @CurrentUser() user: UserPrincipal,
    @Param('id', uuidParam()) id: string,
    @Query() q: DownloadQueryDto,
    @Res() res: Response,
  ) {
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
