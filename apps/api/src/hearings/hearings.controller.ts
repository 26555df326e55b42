import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery, Public, uuidParam } from '@ejustice/platform';
import { CurrentUser, type ParticipantPrincipal, Roles, type UserPrincipal } from '@ejustice/identity';
import {
  AddHearingParticipant,
  type AddedParticipantView,
  type HearingDetailView,
  HearingLinks,
  HearingRoomQueries,
  IssueJoinTicket,
  type IssuedHearingLinkView,
  type JoinTicket,
  type MyHearingView,
  ScheduleHearing,
  type ScheduledHearingView,
  type TodayHearingView,
  WithdrawHearingParticipant,
  type WithdrawnSeatView,
  addedParticipantView,
  scheduledHearingView,
} from '@ejustice/hearings';
import { AddParticipantDto } from './dto/add-participant.dto';
import { IssueLinkDto } from './dto/hearing-link.dto';
import { JoinTicketDto } from './dto/join-ticket.dto';
import { ScheduleHearingDto } from './dto/schedule-hearing.dto';
import { HearingJoinAuthGuard } from './hearing-join-auth.guard';

@ApiTags('hearings')
@ApiBearerAuth()
@Controller('api/hearings')
export class HearingsController {
  constructor(
    private readonly schedule: ScheduleHearing,
    private readonly addParticipant: AddHearingParticipant,
    private readonly withdrawParticipant: WithdrawHearingParticipant,
    private readonly links: HearingLinks,
    private readonly joinTickets: IssueJoinTicket,
    private readonly roomQueries: HearingRoomQueries,
  ) {}

  @Get('today')
  @Roles('judge', 'clerk')
  @ApiOperation({
    summary: "Today's hearings in the court's time zone: the judge's own, or the whole court's for a clerk",
    description: 'Soonest first, as an array of at most `limit` hearings from `offset`.',
  })
  today(@CurrentUser() principal: UserPrincipal, @Query() page: PageQuery): Promise<TodayHearingView[]> {
    return this.roomQueries.today(principal, page);
  }

  @Get('mine')
  @ApiOperation({
    summary: 'Hearings the caller is listed in that are still to be held or running, soonest first',
    description: 'An array of at most `limit` hearings from `offset`.',
  })
  mine(@CurrentUser() principal: UserPrincipal, @Query() page: PageQuery): Promise<MyHearingView[]> {
    return this.roomQueries.mine(principal, page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A hearing and its participants as the caller may see them (court staff, or participants of the hearing)' })
  detail(@CurrentUser() principal: UserPrincipal, @Param('id', uuidParam()) hearingId: string): Promise<HearingDetailView> {
    return this.roomQueries.detail(principal, hearingId);
  }

  @Post(':id/join-ticket')
  @Public()
  @UseGuards(HearingJoinAuthGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'A short-lived ticket to join the hearing room on the media node that carries it',
    description:
      'Bearer: an access token of a participant of the hearing, of its presiding judge or of a clerk of its court, or the hearing-session token from POST /api/hearing-links/exchange (accepted on this endpoint only). Returns the media node URL and a ticket naming the node. A client whose connection to its media node dropped names that node in `unreachableNodeId`: the api then checks the node at once and, if it is dead, places the hearing on another. A non-party of a confidential or sealed case is refused (403 `hearing.attendance_not_allowed`) until the presiding judge gives leave by an attendance order.',
  })
  joinTicket(
    @Req() req: { user: UserPrincipal | ParticipantPrincipal },
    @Param('id', uuidParam()) hearingId: string,
    @Body() body: JoinTicketDto,
  ): Promise<JoinTicket> {
    return this.joinTickets.execute({ principal: req.user, hearingId, unreachableNodeId: body.unreachableNodeId ?? null });
  }

  @Post()
  @Roles('judge', 'clerk')
  @ApiOperation({ summary: 'Schedule a hearing in a case (judges and clerks)' })
  async create(@CurrentUser() principal: UserPrincipal, @Body() body: ScheduleHearingDto): Promise<ScheduledHearingView> {
    return scheduledHearingView(
      await this.schedule.execute({
        principal,
        ...body,
        presidingJudgeId: body.presidingJudgeId ?? null,
        floorLanguage: body.floorLanguage ?? null,
        roomId: body.roomId ?? null,
      }),
    );
  }

  @Post(':id/participants')
  @Roles('judge', 'clerk')
  @ApiOperation({
    summary: 'Add a participant to a hearing (judges and clerks)',
    description:
      'An account must be of the hearing’s court and hold the account role the hearing role needs (judge, clerk, prosecutor, counsel); the bench needs an account. A judge added to a hearing with no presiding judge is named to preside (`presiding`). A person sits once in a hearing: an account, a party of the case, or one of the court’s interpreters or supporters already seated (and not removed) is refused with 409 `hearing.already_participant`. A non-party of a confidential or sealed case is listed with a warning (`hearing.attendance_needs_leave`): they join only once the presiding judge makes an attendance order.',
  })
  async participant(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) hearingId: string,
    @Body() body: AddParticipantDto,
  ): Promise<AddedParticipantView> {
    return addedParticipantView(
      await this.addParticipant.execute({
        principal,
        hearingId,
        hearingRole: body.hearingRole,
        displayName: body.displayName,
        userId: body.userId ?? null,
        partyId: body.partyId ?? null,
        language: body.language ?? null,
        courtInterpreterId: body.courtInterpreterId ?? null,
        courtSupporterId: body.courtSupporterId ?? null,
      }),
    );
  }

  @Post(':id/participants/:participantId/withdraw')
  @Roles('judge', 'clerk')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a seat given by mistake, before its holder joins (judges and clerks)',
    description:
      'The participant is removed from the hearing and every link of theirs still live is revoked (a session opened with one ends); a live room drops them from its lists. Only a seat nobody has taken up: someone who has been in the hearing room is removed there (409 `hearing.participant_joined`); a judge’s seat is never withdrawn (409 `hearing.judge_seat_kept`); a seat gone already is 409 `hearing.participant_already_removed`.',
  })
  withdraw(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) hearingId: string,
    @Param('participantId', uuidParam('participantId')) participantId: string,
  ): Promise<WithdrawnSeatView> {
    return this.withdrawParticipant.execute({ principal, hearingId, participantId });
  }

  @Post(':id/participants/:participantId/links')
  @Roles('judge', 'clerk')
  @ApiOperation({ summary: 'Issue a one-time link for a participant; the token is shown only in this response' })
  issueLink(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) hearingId: string,
    @Param('participantId', uuidParam('participantId')) participantId: string,
    @Body() body: IssueLinkDto,
  ): Promise<IssuedHearingLinkView> {
    return this.links.issue({ principal, hearingId, participantId, ttlHours: body.ttlHours });
  }
}
