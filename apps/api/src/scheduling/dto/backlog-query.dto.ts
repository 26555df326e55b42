import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { EmptyAsAbsent } from '@ejustice/platform';
import {
  BACKLOG_PERIODS,
  type BacklogForecastQuery,
  type BacklogPeriodName,
  type BacklogReportQuery,
  FORECAST_SCENARIO_NAMES,
} from '@ejustice/scheduling-data/contract/backlog.contract';

/** The shape only; that the date exists is checked in the lib (backlog.date_invalid). */
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_MESSAGE = { message: '$property must be a date, YYYY-MM-DD' };

/** GET /api/courts/:courtId/backlog */
export class BacklogReportQueryDto implements BacklogReportQuery {
  @ApiPropertyOptional({
    description: 'First day of the range; a year of months (or more periods) back from `to` when absent',
    example: '2026-01-01',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(ISO_DATE, DATE_MESSAGE)
  from?: string;

  @ApiPropertyOptional({ description: 'Last day of the range; `asOf` when absent', example: '2026-12-31' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(ISO_DATE, DATE_MESSAGE)
  to?: string;

  @ApiPropertyOptional({ enum: BACKLOG_PERIODS, default: 'month' })
  @EmptyAsAbsent()
  @IsOptional()
  @IsIn(BACKLOG_PERIODS)
  period?: BacklogPeriodName;

  @ApiPropertyOptional({ description: 'The day ages and custody risks are measured on; today in the court’s time zone when absent' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(ISO_DATE, DATE_MESSAGE)
  asOf?: string;
}

/** GET /api/courts/:courtId/backlog/forecast */
export class BacklogForecastQueryDto implements BacklogForecastQuery {
  @ApiPropertyOptional({ description: `Scenarios to add to the baseline, comma-separated: ${FORECAST_SCENARIO_NAMES.join(', ')}` })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(/^[a-z_]+(,[a-z_]+)*$/, { message: '$property must be scenario names separated by commas' })
  scenario?: string;

  @ApiPropertyOptional({ type: Number, default: 52, minimum: 1, maximum: 260 })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(260)
  weeks?: number;

  @ApiPropertyOptional({
    type: Number,
    default: 2,
    minimum: 1,
    maximum: 14,
    description: 'Night sessions a week the night_sessions scenario adds',
  })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(14)
  nightSessions?: number;

  @ApiPropertyOptional({ type: Number, default: 4, minimum: 1, maximum: 50, description: 'Virtual rooms the virtual_rooms scenario adds' })
  @EmptyAsAbsent()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  virtualRooms?: number;

  @ApiPropertyOptional({ description: 'The forecast’s first day; today in the court’s time zone when absent' })
  @EmptyAsAbsent()
  @IsOptional()
  @Matches(ISO_DATE, DATE_MESSAGE)
  asOf?: string;
}
