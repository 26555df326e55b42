import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { EmptyAsAbsent, PageQuery } from '@ejustice/platform';
import {
  SUMMONS_METHODS,
  SUMMONS_NOTE_MAX,
  SUMMONS_STATUSES,
  type SummonsDeliveryRequest,
  type SummonsMethod,
  type SummonsStatus,
} from '@ejustice/hearings/contract/summons-contract';

/** GET /api/courts/:courtId/summonses */
export class SummonsListQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: SUMMONS_STATUSES, default: 'pending' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(SUMMONS_STATUSES, { message: `$property must be one of: ${SUMMONS_STATUSES.join(', ')}` })
  status: SummonsStatus = 'pending';
}

/** POST /api/summonses/:id/delivery */
export class SummonsDeliveryDto implements SummonsDeliveryRequest {
  @ApiProperty({ description: 'How the person was told', enum: SUMMONS_METHODS })
  @IsIn(SUMMONS_METHODS, { message: `$property must be one of: ${SUMMONS_METHODS.join(', ')}` })
  method: SummonsMethod;

  @ApiPropertyOptional({ description: 'What the clerk keeps with it (who answered, where the letter went)', maxLength: SUMMONS_NOTE_MAX })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(SUMMONS_NOTE_MAX)
  note?: string;
}
