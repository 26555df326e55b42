import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';
import { EmptyAsAbsent, PageQuery } from '@ejustice/platform';
import type { InboxQuery } from '@ejustice/filing';

/** GET /api/inbox */
export class InboxQueryDto extends PageQuery implements InboxQuery {
  @ApiPropertyOptional() @EmptyAsAbsent() @IsOptional() @Type(() => String) @IsIn(['true', 'false']) unread?: 'true' | 'false';
}
