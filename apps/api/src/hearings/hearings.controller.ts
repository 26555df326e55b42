import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Public, uuidParam } from '@ejustice/platform';
import { CurrentUser, type ParticipantPrincipal, Roles, type UserPrincipal } from '@ejustice/identity';
import {
  AddHearingParticipant,
  HEARING_ROLES,
  HEARING_TYPES,
  type HearingRole,
  HearingLinks,
  type HearingType,
  IssueJoinTicket,
  type JoinTicket,
  ScheduleHearing,
} from '@ejustice/hearings';
import { HearingJoinAuthGuard } from './hearing-join-auth.guard';
import { type HearingDetailView, HearingRoomQueries, type MyHearingView, type TodayHearingView } from './hearing-room.queries';

export class ScheduleHearingDto {
  @ApiProperty() @IsUUID() caseId: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title: string;
  @ApiProperty({ enum: HEARING_TYPES }) @IsIn(HEARING_TYPES) hearingType: HearingType;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() scheduledStart: Date;
  @ApiProperty({ type: String, format: 'date-time' }) @Type(() => Date) @IsDate() scheduledEnd: Date;
  @ApiPropertyOptional() @IsOptional() @IsUUID() presidingJudgeId?: string;
}

export class AddParticipantDto {
  @ApiProperty({ enum: HEARING_ROLES }) @IsIn(HEARING_ROLES) hearingRole: HearingRole;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) displayName: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() partyId?: string;
}

export class IssueLinkDto {
  @ApiPropertyOptional({ description: 'Hours until the link expires (default from HEARING_LINK_TTL_HOURS)', minimum: 1, maximum: 2160 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2160)
  ttlHours?: number;
}

export class ExchangeLinkDto {
  @ApiProperty({ description: 'The token from the one-time link' }) @IsString() @MaxLength(100) token: string;
}

@ApiTags('hearings')
@ApiBearerAuth()
@Controller('api/hearings')
export class HearingsController {
  constructor(
    private readonly schedule: ScheduleHearing,
    private readonly addParticipant: AddHearingParticipant,
    private readonly links: HearingLinks,
    private readonly joinTickets: IssueJoinTicket,
    private readonly roomQueries: HearingRoomQueries,
  ) {}

  @Get('today')
  @Roles('judge', 'clerk')
  @ApiOperation({ summary: "Today's hearings in the court's time zone: the judge's own, or the whole court's for a clerk" })
  today(@CurrentUser() principal: UserPrincipal): Promise<TodayHearingView[]> {
    return this.roomQueries.today(principal);
  }

  @Get('mine')
  @ApiOperation({ summary: 'Hearings the caller is listed in that are still to be held or running, soonest first' })
  mine(@CurrentUser() principal: UserPrincipal): Promise<MyHearingView[]> {
    return this.roomQueries.mine(principal);
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
      'Bearer: an access token of a participant of the hearing, of its presiding judge or of a clerk of its court, or the hearing-session token from POST /api/hearing-links/exchange (accepted on this endpoint only). Returns the media node URL and a ticket naming the node. A non-party of a confidential or sealed case is refused (403 `hearing.attendance_not_allowed`) until the presiding judge gives leave by an attendance order.',
  })
  joinTicket(@Req() req: { user: UserPrincipal | ParticipantPrincipal }, @Param('id', uuidParam()) hearingId: string): Promise<JoinTicket> {
    return this.joinTickets.execute({ principal: req.user, hearingId });
  }

  @Post()
  @Roles('judge', 'clerk')
  @ApiOperation({ summary: 'Schedule a hearing in a case (judges and clerks)' })
  async create(@CurrentUser() principal: UserPrincipal, @Body() body: ScheduleHearingDto) {
    const h = await this.schedule.execute({ principal, ...body, presidingJudgeId: body.presidingJudgeId ?? null });
    return {
      id: h.id,
      caseId: h.caseId,
      title: h.title,
      hearingType: h.hearingType,
      status: h.status,
      scheduledStart: h.scheduledStart,
      scheduledEnd: h.scheduledEnd,
      presidingJudgeId: h.presidingJudgeId,
    };
  }

  @Post(':id/participants')
  @Roles('judge', 'clerk')
  @ApiOperation({
    summary: 'Add a participant to a hearing (judges and clerks)',
    description:
      'An account must be of the hearing’s court and hold the account role the hearing role needs (judge, clerk, prosecutor, counsel); the bench needs an account. A judge added to a hearing with no presiding judge is named to preside (`presiding`). A non-party of a confidential or sealed case is listed with a warning (`hearing.attendance_needs_leave`): they join only once the presiding judge makes an attendance order.',
  })
  async participant(@CurrentUser() principal: UserPrincipal, @Param('id', uuidParam()) hearingId: string, @Body() body: AddParticipantDto) {
    const {
      participant: p,
      presiding,
      warnings,
    } = await this.addParticipant.execute({
      principal,
      hearingId,
      hearingRole: body.hearingRole,
      displayName: body.displayName,
      userId: body.userId ?? null,
      partyId: body.partyId ?? null,
    });
    return {
      id: p.id,
      hearingId: p.hearingId,
      hearingRole: p.hearingRole,
      displayName: p.displayName,
      state: p.state,
      ...(p.hearingRole === 'judge' ? { presiding } : {}),
      warnings,
    };
  }

  @Post(':id/participants/:participantId/links')
  @Roles('judge', 'clerk')
  @ApiOperation({ summary: 'Issue a one-time link for a participant; the token is shown only in this response' })
  async issueLink(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) hearingId: string,
    @Param('participantId', uuidParam('participantId')) participantId: string,
    @Body() body: IssueLinkDto,
  ) {
    return this.links.issue({ principal, hearingId, participantId, ttlHours: body.ttlHours });
  }
}

@ApiTags('hearings')
@Controller('api/hearing-links')
export class HearingLinksController {
  constructor(private readonly links: HearingLinks) {}

  @Post('exchange')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a one-time hearing link for a hearing session token (works once)' })
  exchange(@Body() body: ExchangeLinkDto, @Req() req: Request) {
    // Kept with the link for the court to see where it was used from (req.ip honours trust proxy).
    return this.links.exchange(body.token, { address: req.ip, userAgent: req.headers['user-agent'] });
  }

  @Post(':linkId/revoke')
  @HttpCode(204)
  @ApiBearerAuth()
  @Roles('judge', 'clerk')
  @ApiOperation({ summary: 'Withdraw a hearing link (judges and clerks)' })
  async revoke(@CurrentUser() principal: UserPrincipal, @Param('linkId', uuidParam('linkId')) linkId: string): Promise<void> {
    await this.links.revoke({ principal, linkId });
  }
}
