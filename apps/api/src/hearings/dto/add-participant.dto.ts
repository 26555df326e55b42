import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { type AddParticipantRequest, HEARING_ROLES, type HearingRole, LANGUAGE_TAG } from '@ejustice/hearings';

/** POST /api/hearings/:id/participants */
export class AddParticipantDto implements AddParticipantRequest {
  @ApiProperty({ enum: HEARING_ROLES }) @IsIn(HEARING_ROLES) hearingRole: HearingRole;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) displayName: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() partyId?: string;
  @ApiPropertyOptional({
    description:
      'An interpreter: the language they interpret into (their channel). Anyone else: the language they need. A lower-case BCP 47 tag.',
    example: 'fr',
  })
  @IsOptional()
  @Matches(LANGUAGE_TAG, { message: 'language must be a lower-case language tag such as "fr", "ar" or "pt-br"' })
  language?: string;
  @ApiPropertyOptional({ description: 'One of the court’s interpreters, for an interpreter’s seat (the scheduler then knows them busy).' })
  @IsOptional()
  @IsUUID()
  courtInterpreterId?: string;
  @ApiPropertyOptional({ description: 'One of the court’s supporters or intermediaries, for a supporter’s seat.' })
  @IsOptional()
  @IsUUID()
  courtSupporterId?: string;
}
