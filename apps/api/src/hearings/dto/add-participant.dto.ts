import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { type AddParticipantRequest, HEARING_ROLES, type HearingRole } from '@ejustice/hearings';

/** POST /api/hearings/:id/participants */
export class AddParticipantDto implements AddParticipantRequest {
  @ApiProperty({ enum: HEARING_ROLES }) @IsIn(HEARING_ROLES) hearingRole: HearingRole;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) displayName: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() partyId?: string;
}
