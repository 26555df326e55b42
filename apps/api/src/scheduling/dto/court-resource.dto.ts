import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import {
  type InterpreterRequest,
  RESOURCE_LIMITS as L,
  RESOURCE_SUPPORT_ROLES,
  type ResourceSessionKind,
  type ResourceSupportRole,
  type RoomRequest,
  type SupporterRequest,
} from '@ejustice/scheduling-data/contract/scheduling-resources.contract';
import { KindsOrNull, Tags, WeekdaysOrNull } from './scheduling-resource-fields';

/** POST /api/courts/:courtId/scheduling/rooms and PUT .../rooms/:id (the whole room). */
export class RoomDto implements RoomRequest {
  @ApiProperty({ maxLength: L.roomNameLength, example: 'Courtroom 3' })
  @IsString()
  @Length(1, L.roomNameLength)
  name!: string;

  @ApiProperty({ description: 'A virtual room holds remote hearings' })
  @IsBoolean()
  virtual!: boolean;

  @Tags('Its equipment, e.g. live_link for a witness giving evidence from elsewhere', ['live_link'])
  equipment!: string[];

  @WeekdaysOrNull('The days it is open')
  availableWeekdays!: number[] | null;

  @KindsOrNull('The sessions it is open in')
  availableKinds!: ResourceSessionKind[] | null;
}

/** POST /api/courts/:courtId/scheduling/interpreters and PUT .../interpreters/:id. */
export class InterpreterDto implements InterpreterRequest {
  @ApiProperty({ maxLength: L.nameLength, example: 'Interpreter Salem' })
  @IsString()
  @Length(1, L.nameLength)
  name!: string;

  @Tags('The languages interpreted (at least one)', ['ar', 'fr'], 1)
  languages!: string[];

  @WeekdaysOrNull('The days the interpreter works')
  availableWeekdays!: number[] | null;

  @KindsOrNull('The sessions the interpreter works in')
  availableKinds!: ResourceSessionKind[] | null;
}

/** POST /api/courts/:courtId/scheduling/supporters and PUT .../supporters/:id. */
export class SupporterDto implements SupporterRequest {
  @ApiProperty({ maxLength: L.nameLength, example: 'Intermediary Idrissi' })
  @IsString()
  @Length(1, L.nameLength)
  name!: string;

  @ApiProperty({ enum: RESOURCE_SUPPORT_ROLES })
  @IsIn(RESOURCE_SUPPORT_ROLES)
  role!: ResourceSupportRole;

  @WeekdaysOrNull('The days they work')
  availableWeekdays!: number[] | null;

  @KindsOrNull('The sessions they work in')
  availableKinds!: ResourceSessionKind[] | null;
}
