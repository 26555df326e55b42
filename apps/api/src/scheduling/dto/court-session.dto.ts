import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import {
  RESOURCE_LIMITS as L,
  RESOURCE_SESSION_KINDS,
  type ResourceSessionKind,
  type SessionPatternRequest,
  type SessionRangeQuery,
  type SessionRequest,
  type SessionSitting,
} from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { ClockTime, IsoDate, WEEKDAY_ITEMS } from './scheduling-resource-fields';

function Rooms() {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The rooms open in it; every room available that day when absent' }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(L.tags),
    IsUUID('all', { each: true }),
  );
}

/** POST /api/courts/:courtId/scheduling/sessions: one sitting. */
export class SessionDto implements SessionRequest {
  @IsoDate('The day', '2027-03-01')
  date!: string;

  @ApiProperty({ enum: RESOURCE_SESSION_KINDS })
  @IsIn(RESOURCE_SESSION_KINDS)
  kind!: ResourceSessionKind;

  @ClockTime('It starts', '09:00')
  start!: string;

  @ClockTime('It ends (the same day)', '13:00')
  end!: string;

  @Rooms()
  rooms?: string[];
}

export class SessionSittingDto implements SessionSitting {
  @ApiProperty({ type: 'array', items: WEEKDAY_ITEMS, maxItems: 7, description: 'ISO weekdays, 1 = Monday … 7 = Sunday', example: [2, 4] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays!: number[];

  @ApiProperty({ enum: RESOURCE_SESSION_KINDS })
  @IsIn(RESOURCE_SESSION_KINDS)
  kind!: ResourceSessionKind;

  @ClockTime('It starts', '18:00')
  start!: string;

  @ClockTime('It ends (the same day)', '21:00')
  end!: string;

  @Rooms()
  rooms?: string[];
}

/** POST /api/courts/:courtId/scheduling/sessions/pattern: recurring sittings between two days. */
export class SessionPatternDto implements SessionPatternRequest {
  @IsoDate('The first day', '2027-03-01')
  from!: string;

  @IsoDate('The last day (included)', '2027-05-28')
  to!: string;

  @ApiProperty({ type: [SessionSittingDto], maxItems: L.patternSittings })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.patternSittings)
  @ValidateNested({ each: true })
  @Type(() => SessionSittingDto)
  sittings!: SessionSittingDto[];
}

/** GET /api/courts/:courtId/scheduling/sessions?from=&to= (at most a year). */
export class SessionRangeQueryDto implements SessionRangeQuery {
  @IsoDate('The first day', '2027-03-01')
  from!: string;

  @IsoDate('The last day (included)', '2027-03-31')
  to!: string;
}
