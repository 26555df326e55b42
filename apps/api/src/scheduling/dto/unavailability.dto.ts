import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import type { UnavailabilityRequest } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { ISO_DATE, IsoDate } from './scheduling-resource-fields';

/** POST /api/courts/:courtId/scheduling/unavailability: exactly one owner (the lib refuses none or several). */
export class UnavailabilityDto implements UnavailabilityRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'A judge of the court (with a sitting profile)' })
  @IsOptional()
  @IsUUID()
  judgeUserId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  roomId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  interpreterId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  supporterId?: string;

  @IsoDate('The first day off', '2027-03-08')
  from!: string;

  @IsoDate('The last day off (included)', '2027-03-12')
  to!: string;
}

/** GET /api/courts/:courtId/scheduling/unavailability?from=&to= (both or neither). */
export class UnavailabilityQueryDto {
  @ApiPropertyOptional({ description: 'Days off ending on or after this day, YYYY-MM-DD' })
  @IsOptional()
  @Matches(ISO_DATE, { message: '$property must be a date, YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Days off starting on or before this day, YYYY-MM-DD' })
  @IsOptional()
  @Matches(ISO_DATE, { message: '$property must be a date, YYYY-MM-DD' })
  to?: string;
}
