import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { type DocumentDecisionRequest, REVIEW_ACTIONS, type ReviewAction, type ReviewFilingFields } from '@ejustice/filing';

export class DocumentDecisionDto implements DocumentDecisionRequest {
  @ApiProperty() @IsUUID() documentId: string;
  @ApiProperty({ enum: ['accept', 'reject'] }) @IsIn(['accept', 'reject']) decision: 'accept' | 'reject';
  @ApiPropertyOptional({ description: 'Required when rejecting: a code from the court’s list' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  reasonCode?: string;
  @ApiPropertyOptional({ maxLength: 4000 }) @IsOptional() @IsString() @MaxLength(4000) note?: string;
}

/** POST /api/filings/:id/review (ReviewFilingRequest in the filing contract); which fields each action needs, the lib decides. */
export class ReviewFilingDto implements ReviewFilingFields {
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
