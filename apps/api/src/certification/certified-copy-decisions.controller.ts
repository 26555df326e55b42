import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CertifiedCopyView, type CopyAction, DecideCertifiedCopy, copyView } from '@ejustice/certification';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';
import { ReasonDto, RecordPaymentDto } from './dto/certified-copy-decision.dto';

/** The court clerks' actions on certified-copy requests; the rules are `decideCopyAction`'s. */
@ApiTags('certification')
@ApiBearerAuth()
@Controller('api/certified-copies/:id')
export class CertifiedCopyDecisionsController {
  constructor(private readonly decide: DecideCertifiedCopy) {}

  private async act(clerk: UserPrincipal, copyId: string, action: CopyAction): Promise<CertifiedCopyView> {
    return copyView(await this.decide.execute({ clerk, copyId, action }));
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a request (issued at once when its fee is settled)' })
  approve(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string): Promise<CertifiedCopyView> {
    return this.act(user, id, { kind: 'approve' });
  }

  @Post('refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse a request, with the reason' })
  refuse(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string, @Body() body: ReasonDto): Promise<CertifiedCopyView> {
    return this.act(user, id, { kind: 'refuse', reason: body.reason });
  }

  @Post('payment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the fee paid or waived' })
  payment(
    @CurrentUser() user: UserPrincipal,
    @Param('id', uuidParam()) id: string,
    @Body() body: RecordPaymentDto,
  ): Promise<CertifiedCopyView> {
    return this.act(user, id, { kind: 'record_payment', outcome: body.outcome, note: body.note ?? null });
  }

  @Post('revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an issued copy, with the reason; verification then says revoked' })
  revoke(@CurrentUser() user: UserPrincipal, @Param('id', uuidParam()) id: string, @Body() body: ReasonDto): Promise<CertifiedCopyView> {
    return this.act(user, id, { kind: 'revoke', reason: body.reason });
  }
}
