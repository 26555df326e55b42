import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EmptyAsAbsent, PageQuery } from '@ejustice/platform';
import { FILING_STATUSES, FILING_TYPES, type FilingStatus, type FilingType, REVIEW_ACTIONS, type ReviewAction } from '@ejustice/filing';

export class DocumentDecisionDto {
  @ApiProperty() @IsUUID() documentId: string;
  @ApiProperty({ enum: ['accept', 'reject'] }) @IsIn(['accept', 'reject']) decision: 'accept' | 'reject';
  @ApiPropertyOptional({ description: 'Required when rejecting: a code from the court’s list' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  reasonCode?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) note?: string;
}

export class ReviewFilingDto {
  @ApiProperty({ enum: REVIEW_ACTIONS }) @IsIn(REVIEW_ACTIONS) action: ReviewAction;
  @ApiPropertyOptional({ type: [DocumentDecisionDto], description: 'accept: one decision per document' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DocumentDecisionDto)
  documents?: DocumentDecisionDto[];
  @ApiPropertyOptional({ description: 'reject / return: a code from the court’s list' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  reasonCode?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(4000) note?: string;
}

/** A filing waits ten years at most in any question asked of the queue. */
const MAX_AGE_MINUTES = 10 * 366 * 24 * 60;

export class FilingListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FILING_STATUSES }) @EmptyAsAbsent() @IsOptional() @IsIn(FILING_STATUSES) status?: FilingStatus;
}

export class QueueQuery extends FilingListQuery {
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

export class FeeQuery {
  @ApiProperty({ enum: FILING_TYPES }) @IsIn(FILING_TYPES) filingType: FilingType;
  @ApiPropertyOptional({ description: 'Subsequent filings: the case (the waiver applies if you act for a victim in it)' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsUUID()
  caseId?: string;
  @ApiPropertyOptional({ description: 'Opening filings: whether you are, or act for, a victim' })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  actsForVictim?: 'true' | 'false';
}

export class PolicyQuery {
  @ApiPropertyOptional() @EmptyAsAbsent() @IsOptional() @IsUUID() courtId?: string;
}

export class DownloadQuery {
  @ApiPropertyOptional({ enum: ['inline', 'attachment'], default: 'attachment' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(['inline', 'attachment'])
  disposition?: 'inline' | 'attachment';
}

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional() @EmptyAsAbsent() @IsOptional() @Type(() => String) @IsIn(['true', 'false']) unread?: 'true' | 'false';
}
