import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { COPY_STATUSES, type CertifiedCopyListQuery, type CopyStatus } from '@ejustice/certification';
import { EmptyAsAbsent } from '@ejustice/platform';

/** GET /api/certified-copies?status= */
export class CertifiedCopyListQueryDto implements CertifiedCopyListQuery {
  @ApiPropertyOptional({ enum: COPY_STATUSES }) @EmptyAsAbsent() @IsOptional() @IsIn(COPY_STATUSES) status?: CopyStatus;
}
