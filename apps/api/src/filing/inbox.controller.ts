import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboxQueries, type InboxMessageView, type InboxPageView } from '@ejustice/filing';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { InboxQueryDto } from './dto/inbox-query.dto';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxQueries) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s in-app notifications, newest first' })
  list(@CurrentUser() user: UserPrincipal, @Query() q: InboxQueryDto): Promise<InboxPageView> {
    return this.inbox.list(user.userId, { unread: q.unread === 'true', limit: q.limit, offset: q.offset });
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a notification read' })
  read(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string): Promise<InboxMessageView> {
    return this.inbox.markRead(user.userId, id);
  }
}
