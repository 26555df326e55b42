import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** POST /api/hearings/:id/join-ticket (an empty body is the usual request). */
export class JoinTicketDto {
  @ApiPropertyOptional({
    description:
      'The media node (the previous ticket’s `nodeId`) the client could not reach: the api checks it at once and moves the hearing if it is dead. Heeded only when it names the node carrying the hearing.',
    maxLength: 100,
  })
  // Absent is the usual request; null is not a node id (IsOptional would let it through).
  @ValidateIf((_dto, value) => value !== undefined)
  @IsString()
  @MaxLength(100)
  @Matches(/^[A-Za-z0-9._:-]+$/, { message: 'unreachableNodeId must be a media node id.' })
  unreachableNodeId?: string;
}
