import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, Max, Min, ValidateIf } from 'class-validator';
import type { SchedulingPolicyRequest } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';

/**
 * PUT /api/courts/:courtId/scheduling/policy: the whole policy. The weights are checked by the
 * lib against libs/scheduling's own rules (unknown settings and negative weights refused).
 */
export class SchedulingPolicyDto implements SchedulingPolicyRequest {
  @ApiProperty({ description: 'The solver’s time budget in seconds', minimum: 1, maximum: 600, example: 10 })
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitSeconds!: number;

  @ApiProperty({ description: 'How many days ahead a run plans', minimum: 1, maximum: 366, example: 28 })
  @IsInt()
  @Min(1)
  @Max(366)
  horizonDays!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The hour of the nightly run in the court’s time zone; null for none',
    minimum: 0,
    maximum: 23,
  })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(23)
  nightlyHour!: number | null;

  @ApiProperty({
    type: Object,
    description: 'The policy weights: a partial Policy of libs/scheduling (README); what is left out takes its default',
    example: { tierWeights: { custody: 10 }, unscheduledPenaltyDays: 120 },
  })
  @IsObject()
  policy!: Record<string, unknown>;
}
