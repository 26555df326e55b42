import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { ScheduleRunRequest } from '@ejustice/scheduling-data/contract/schedule-run.contract';

/** POST /api/courts/:courtId/schedule-runs */
export class ScheduleRunRequestDto implements ScheduleRunRequest {
  @ApiPropertyOptional({
    description: 'The plan’s first day, YYYY-MM-DD; today in the court’s time zone when absent',
    example: '2027-03-01',
  })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '$property must be a date, YYYY-MM-DD' })
  horizonStart?: string;

  @ApiPropertyOptional({ description: 'The solver is deterministic for a seed; 1 when absent', minimum: 0, maximum: 2147483647 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  seed?: number;
}
