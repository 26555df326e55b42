import { Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, PlatformOperatorGuard, Roles, type UserPrincipal } from '@ejustice/identity';
import { QUEUE_BOARD_PATH, QueueBoardSessions } from './queue-board-session';

/**
 * Opens the queue board (served at /api/admin/queues/) for the signed-in administrator's browser,
 * if they operate the platform (PLATFORM_OPERATOR_COURT_ID): the queues carry every court's jobs.
 */
@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin')
@UseGuards(PlatformOperatorGuard)
@Controller('api/admin/queue-board')
export class AdminQueueBoardController {
  constructor(private readonly sessions: QueueBoardSessions) {}

  @Post('session')
  @HttpCode(204)
  @ApiOperation({
    summary: `Open the job queue board for this browser: sets an HttpOnly cookie for ${QUEUE_BOARD_PATH}/ that lasts an hour at most and ends with the session`,
  })
  @ApiNoContentResponse({ description: `The cookie is set; open ${QUEUE_BOARD_PATH}/` })
  open(@CurrentUser() principal: UserPrincipal, @Res({ passthrough: true }) res: Response): void {
    const cookie = this.sessions.issue(principal);
    res.cookie(cookie.name, cookie.value, cookie.options);
  }
}
