import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { CONFIDENTIALITY_LEVELS, type ChangeConfidentialityRequest, type Confidentiality } from '@ejustice/cases';

/** POST /api/cases/:id/confidentiality */
export class ChangeConfidentialityDto implements ChangeConfidentialityRequest {
  @ApiProperty({ enum: CONFIDENTIALITY_LEVELS })
  @IsIn(CONFIDENTIALITY_LEVELS)
  confidentiality: Confidentiality;

  @ApiProperty({ description: 'The reason for the order, recorded in the audit trail' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}
