import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { HEARING_TYPES, type HearingType } from '@ejustice/hearings';

/** POST /api/hearings: ScheduleHearingRequest in the hearing contract, its instants read as dates. */
export class ScheduleHearingDto {
  @ApiProperty() @IsUUID() caseId: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiProperty({ enum: HEARING_TYPES }) @IsIn(HEARING_TYPES) hearingType: HearingType;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() scheduledStart: Date;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() scheduledEnd: Date;
  @ApiPropertyOptional() @IsOptional() @IsUUID() presidingJudgeId?: string;
}
