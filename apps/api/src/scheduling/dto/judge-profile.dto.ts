import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import type { JudgeProfileRequest, ResourceSessionKind } from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { KindsOrNull, Tags, WeekdaysOrNull } from './scheduling-resource-fields';

/** PUT /api/courts/:courtId/scheduling/judges/:userId: the whole profile. */
export class JudgeProfileDto implements JudgeProfileRequest {
  @Tags('What the judge may try beyond the general list (e.g. trafficking)', ['trafficking'])
  specialisms!: string[];

  @WeekdaysOrNull('The days the judge sits')
  sittingWeekdays!: number[] | null;

  @KindsOrNull('The sessions the judge sits in')
  sittingKinds!: ResourceSessionKind[] | null;

  @ApiProperty({ description: 'The most minutes the judge sits in a day', minimum: 1, maximum: 1440, example: 360 })
  @IsInt()
  @Min(1)
  @Max(1440)
  maxSittingMinutesPerDay!: number;
}
