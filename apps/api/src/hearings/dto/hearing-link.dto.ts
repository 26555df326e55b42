import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ExchangeLinkRequest, IssueLinkRequest } from '@ejustice/hearings';

/** POST /api/hearings/:id/participants/:participantId/links */
export class IssueLinkDto implements IssueLinkRequest {
  @ApiPropertyOptional({ description: 'Hours until the link expires (default from HEARING_LINK_TTL_HOURS)', minimum: 1, maximum: 2160 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2160)
  ttlHours?: number;
}

/** POST /api/hearing-links/exchange */
export class ExchangeLinkDto implements ExchangeLinkRequest {
  @ApiProperty({ description: 'The token from the one-time link' }) @IsString() @MaxLength(100) token: string;
}
