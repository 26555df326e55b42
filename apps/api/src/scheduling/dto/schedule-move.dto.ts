import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import type { ScheduleMoveRequest } from '@ejustice/scheduling-data/contract/schedule-moves.contract';

/** POST /api/courts/:courtId/schedule-runs/:id/moves and .../moves/check */
export class ScheduleMoveDto implements ScheduleMoveRequest {
  @ApiProperty({ description: 'The case as the plan names it', example: 'CR-2025-000311' })
  @IsString()
  @Length(1, 200)
  case!: string;

  @ApiProperty({ description: 'The needed hearing, 0-based, as the plan numbers it', minimum: 0, maximum: 1000 })
  @IsInt()
  @Min(0)
  @Max(1000)
  hearing!: number;

  @ApiProperty({ description: 'The block of it, 1-based (1 when the hearing is held in one block)', minimum: 1, maximum: 1000 })
  @IsInt()
  @Min(1)
  @Max(1000)
  part!: number;

  @ApiProperty({ description: 'The target session' })
  @IsString()
  @Length(1, 200)
  session!: string;

  @ApiProperty({ description: 'The new start, HH:MM; the listing keeps its length', example: '10:30' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '$property must be a time, HH:MM' })
  start!: string;

  @ApiProperty({ description: 'The judge who sits' })
  @IsString()
  @Length(1, 200)
  judge!: string;

  @ApiProperty({ description: 'The room, physical or virtual' })
  @IsString()
  @Length(1, 200)
  room!: string;
}
