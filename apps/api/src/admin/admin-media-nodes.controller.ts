import { Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DrainMediaNode, MediaNodeDirectory, type MediaNodeView } from '@ejustice/hearings';
import { CurrentUser, PlatformOperatorGuard, Roles, type UserPrincipal } from '@ejustice/identity';
import { userActor } from '@ejustice/platform';

/**
 * The platform's media nodes, for the administrator: their load, and draining one (it takes no
 * new hearing; its hearings finish where they are) before maintenance. Every drain and undrain
 * is audited; see DrainMediaNode. The same as `./ejustice media nodes | drain | undrain`.
 * The nodes carry every court's hearings: only the platform's operators (PLATFORM_OPERATOR_COURT_ID).
 */
@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin')
@UseGuards(PlatformOperatorGuard)
@Controller('api/admin/media-nodes')
export class AdminMediaNodesController {
  constructor(
    private readonly directory: MediaNodeDirectory,
    private readonly drainNode: DrainMediaNode,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The media nodes of this pool: load, draining, last heartbeat (and nodes gone but still marked draining)' })
  list(): Promise<MediaNodeView[]> {
    return this.directory.nodes();
  }

  @Post(':nodeId/drain')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Drain a media node: it takes no new hearing, its hearings finish where they are; kept across its restarts until undrained',
  })
  drain(@CurrentUser() principal: UserPrincipal, @Param('nodeId') nodeId: string): Promise<MediaNodeView> {
    return this.drainNode.execute({ actor: userActor(principal.userId), nodeId, want: 'drain', by: 'admin' });
  }

  @Delete(':nodeId/drain')
  @ApiOperation({ summary: 'Undrain a media node: it takes new hearings again (also lifts the drain of a node that is gone)' })
  undrain(@CurrentUser() principal: UserPrincipal, @Param('nodeId') nodeId: string): Promise<MediaNodeView> {
    return this.drainNode.execute({ actor: userActor(principal.userId), nodeId, want: 'undrain', by: 'admin' });
  }
}
