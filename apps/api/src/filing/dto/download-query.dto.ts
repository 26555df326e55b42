import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EmptyAsAbsent } from '@ejustice/platform';
import type { DownloadQuery } from '@ejustice/filing';

/** GET /api/filing-documents/:id/content */
export class DownloadQueryDto implements DownloadQuery {
  @ApiPropertyOptional({ enum: ['inline', 'attachment'], default: 'attachment' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(['inline', 'attachment'])
  disposition?: 'inline' | 'attachment';
}
