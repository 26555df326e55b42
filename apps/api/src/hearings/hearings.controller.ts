import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Public, uuidParam } from '@ejustice/platform';
import { CurrentUser, Roles, type UserPrincipal } from '@ejustice/identity';
import {
  AddHearingParticipant,
  HEARING_ROLES,
  HEARING_TYPES,
  type HearingRole,
  HearingLinks,
  type HearingType,
  ScheduleHearing,
} from '@ejustice/hearings';

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
  ) {}

  @Post()
  @Roles('judge', 'clerk')
  @ApiOperation({ summary: 'Schedule a hearing in a case (judges and clerks)' })
  async create(@CurrentUser() principal: UserPrincipal, @Body() body: ScheduleHearingDto) {
    const h = await this.schedule.execute({ principal, ...body, presidingJudgeId: body.presidingJudgeId ?? null });
    return { id: h.id, caseId: h.caseId, title: h.title, hearingType: h.hearingType, status: h.status, scheduledStart: h.scheduledStart, scheduledEnd: h.scheduledEnd, presidingJudgeId: h.presidingJudgeId };
  }

  @Post(':id/participants')
  @Roles('judge', 'clerk')
  @ApiOperation({ summary: 'Add a participant to a hearing (judges and clerks)' })
  async participant(@CurrentUser() principal: UserPrincipal, @Param('id', uuidParam()) hearingId: string, @Body() body: AddParticipantDto) {
    const p = await this.addParticipant.execute({ principal, hearingId, hearingRole: body.hearingRole, displayName: body.displayName, userId: body.userId ?? null, partyId: body.partyId ?? null });
    return { id: p.id, hearingId: p.hearingId, hearingRole: p.hearingRole, displayName: p.displayName, state: p.state };
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
  exchange(@Body() body: ExchangeLinkDto) {
    return this.links.exchange(body.token);
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
