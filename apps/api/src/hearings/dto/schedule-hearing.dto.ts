import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { HEARING_TYPES, type HearingType, LANGUAGE_TAG } from '@ejustice/hearings';

/** POST /api/hearings: ScheduleHearingRequest in the hearing contract, its instants read as dates. */
export class ScheduleHearingDto {
  @ApiProperty() @IsUUID() caseId: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiProperty({ enum: HEARING_TYPES }) @IsIn(HEARING_TYPES) hearingType: HearingType;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() scheduledStart: Date;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() scheduledEnd: Date;
  @ApiPropertyOptional() @IsOptional() @IsUUID() presidingJudgeId?: string;
  @ApiPropertyOptional({ description: "The floor's language, when not the court's. A lower-case BCP 47 tag.", example: 'en' })
  @IsOptional()
  @Matches(LANGUAGE_TAG, { message: 'floorLanguage must be a lower-case language tag such as "fr", "ar" or "pt-br"' })
  floorLanguage?: string;
  @ApiPropertyOptional({
    description:
      'A court room of the court (`/api/courts/:courtId/scheduling/rooms`) to book: refused (409 `hearing.room_double_booked`) while another hearing still to be held holds it at an overlapping time; the scheduler plans around it.',
  })
  @IsOptional()
  @IsUUID()
  roomId?: string;
}
