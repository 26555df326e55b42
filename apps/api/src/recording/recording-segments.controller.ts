import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { PlayRecordingSegment } from '@ejustice/recording';

@ApiTags('recording')
@ApiBearerAuth()
@Controller('api/recording-segments')
export class RecordingSegmentsController {
  constructor(private readonly play: PlayRecordingSegment) {}

  @Get(':segmentId/media')
  @ApiProduces('video/webm')
  @ApiOperation({
    summary: "One segment of a court recording (WebM), streamed to the hearing's bench and the court's clerks; every playback is audited",
  })
  async media(@CurrentUser() user: UserPrincipal, @Param('segmentId', uuidParam()) segmentId: string, @Res() res: Response) {
    const segment = await this.play.execute(user, segmentId);
    // WebM of raw Opus or VP8 as recorded; the browser plays it, nothing else opens it.
    res.setHeader('Content-Type', 'video/webm');
    res.setHeader('Content-Length', String(segment.sizeBytes));
    res.setHeader('ETag', `"${segment.sha256}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    await pipeline(segment.stream, res).catch(() => res.destroy());
  }
}
