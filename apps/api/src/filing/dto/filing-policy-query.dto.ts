import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { EmptyAsAbsent } from '@ejustice/platform';
import { FILING_TYPES, type FeeQuoteQuery, type FilingPolicyQuery, type FilingType } from '@ejustice/filing';

/** GET /api/filing-policy */
export class FilingPolicyQueryDto implements FilingPolicyQuery {
  @ApiPropertyOptional() @EmptyAsAbsent() @IsOptional() @IsUUID() courtId?: string;
}

/** GET /api/filing-policy/fee */
export class FeeQuoteQueryDto implements FeeQuoteQuery {
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
