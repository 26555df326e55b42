import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn } from 'class-validator';
import { ROLES, type Role } from '@ejustice/vocabulary/role';

/** The whole new set of an account's roles (not a difference): what the administrator sees is what it becomes. */
export class SetAccountRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['clerk'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  roles: Role[];
}
