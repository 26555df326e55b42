import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CertifiedCopyDownloads } from '@ejustice/certification';
import { Public } from '@ejustice/platform';
import { contentDisposition } from '../filing/content-disposition';

/** The download link's target: the token is the credential, until it expires. */
@ApiTags('certification')
@Public()
@Controller('api/certified-copy-downloads')
export class CertifiedCopyDownloadsController {
  constructor(private readonly downloads: CertifiedCopyDownloads) {}

  @Get(':token')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The sealed certified copy, through an expiring link (410 once expired)' })
  async download(@Param('token') token: string, @Res() res: Response) {
    const copy = await this.downloads.open(token);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Length', String(copy.sizeBytes));
    res.setHeader('Content-Disposition', contentDisposition('attachment', copy.fileName));
    res.setHeader('ETag', `"${copy.sha256}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    await pipeline(copy.stream, res).catch(() => res.destroy());
  }
}
