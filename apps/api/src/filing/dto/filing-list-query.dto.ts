import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { EmptyAsAbsent, PageQuery } from '@ejustice/platform';
import {
  FILING_STATUSES,
  FILING_TYPES,
  type FilingListQuery,
  type FilingQueueQuery,
  type FilingStatus,
  type FilingType,
} from '@ejustice/filing';

/** A filing waits ten years at most in any question asked of the queue. */
const MAX_AGE_MINUTES = 10 * 366 * 24 * 60;

/** GET /api/filings */
export class FilingListQueryDto extends PageQuery implements FilingListQuery {
  @ApiPropertyOptional({ enum: FILING_STATUSES }) @EmptyAsAbsent() @IsOptional() @IsIn(FILING_STATUSES) status?: FilingStatus;
}

/** GET /api/filings/queue */
export class FilingQueueQueryDto extends FilingListQueryDto implements FilingQueueQuery {
  @ApiPropertyOptional({ enum: FILING_TYPES }) @EmptyAsAbsent() @IsOptional() @IsIn(FILING_TYPES) filingType?: FilingType;
  @ApiPropertyOptional({ description: 'Only urgent (true) or only ordinary (false) filings' })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  urgent?: 'true' | 'false';
  @ApiPropertyOptional({
    description: 'Only filings waiting at least this many minutes',
    type: Number,
    minimum: 0,
    maximum: MAX_AGE_MINUTES,
  })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_AGE_MINUTES)
  minAgeMinutes?: number;
  @ApiPropertyOptional({ description: 'A court other than the caller’s (reviewers see their own court only)' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsUUID()
  courtId?: string;
}
