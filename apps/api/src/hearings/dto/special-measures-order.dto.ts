import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  type ChangeOrderRequest,
  HEARING_ROLES,
  type HearingRole,
  LOCATION_MAX_LENGTH,
  type MakeOrderRequest,
  ORDER_KINDS,
  ORDER_PICTURES,
  type OrderKind,
  type OrderTermsInput,
  PSEUDONYM_MAX_LENGTH,
  REASON_MAX_LENGTH,
  type RevokeOrderRequest,
  SUPPORTER_CAPACITIES,
} from '@ejustice/hearings';

/*
 * Types and bounds at the edge; which fields each kind takes, and every rule about the hearing's
 * participants, is decided by the lib (order-decisions.ts) and answered with an `order.*` code.
 */

export class OrderTermsDto implements OrderTermsInput {
  @ApiPropertyOptional({ description: 'anonymity: the name the participant is known by in the hearing', maxLength: PSEUDONYM_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(PSEUDONYM_MAX_LENGTH)
  pseudonym?: string;

  @ApiPropertyOptional({ enum: ORDER_PICTURES, description: 'anonymity: how the picture is obscured (default blur)' })
  @IsOptional()
  @IsIn(ORDER_PICTURES)
  picture?: string;

  @ApiPropertyOptional({ enum: HEARING_ROLES, isArray: true, description: 'anonymity: roles besides the judge who may know the identity' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(HEARING_ROLES.length)
  @IsIn(HEARING_ROLES, { each: true })
  disclosedToRoles?: HearingRole[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'anonymity: participants who may know the identity' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  disclosedToParticipantIds?: string[];

  @ApiPropertyOptional({
    enum: HEARING_ROLES,
    isArray: true,
    description: 'screen: roles the witness is screened from (never judge or clerk)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(HEARING_ROLES.length)
  @IsIn(HEARING_ROLES, { each: true })
  fromRoles?: HearingRole[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'screen: participants the witness is screened from' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  fromParticipantIds?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'supporter: the participant (role supporter) beside the witness' })
  @IsOptional()
  @IsUUID()
  supporterId?: string;

  @ApiPropertyOptional({ enum: SUPPORTER_CAPACITIES, description: 'supporter: in which capacity they attend' })
  @IsOptional()
  @IsIn(SUPPORTER_CAPACITIES)
  capacity?: string;

  @ApiPropertyOptional({
    description: 'remote_witness_room: the live-link location (shown to the bench only)',
    maxLength: LOCATION_MAX_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MaxLength(LOCATION_MAX_LENGTH)
  location?: string;
}

export class MakeOrderDto extends OrderTermsDto implements MakeOrderRequest {
  @ApiProperty({ enum: ORDER_KINDS }) @IsIn(ORDER_KINDS) kind: OrderKind;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The protected participant, or for attendance the one given leave (every kind but evidence_in_private)',
  })
  @IsOptional()
  @IsUUID()
  participantId?: string;

  @ApiProperty({ minLength: 1, maxLength: REASON_MAX_LENGTH }) @IsString() @MinLength(1) @MaxLength(REASON_MAX_LENGTH) reason: string;
}

export class ChangeOrderDto implements ChangeOrderRequest {
  @ApiPropertyOptional({ type: OrderTermsDto, description: 'The new terms, all of the kind’s fields (absent: the terms stay)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrderTermsDto)
  terms?: OrderTermsDto;

  @ApiProperty({ minLength: 1, maxLength: REASON_MAX_LENGTH }) @IsString() @MinLength(1) @MaxLength(REASON_MAX_LENGTH) reason: string;

  @ApiProperty({
    minimum: 1,
    maximum: 2_147_483_647,
    description: 'The version of the order the judge saw; a stale one is refused with order.conflict',
  })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version: number;
}

export class RevokeOrderDto implements RevokeOrderRequest {
  @ApiProperty({ minLength: 1, maxLength: REASON_MAX_LENGTH }) @IsString() @MinLength(1) @MaxLength(REASON_MAX_LENGTH) reason: string;
}
