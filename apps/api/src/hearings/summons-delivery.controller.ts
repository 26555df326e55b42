import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type UserPrincipal } from '@ejustice/identity';
import { RecordSummonsDelivery, type SummonsView } from '@ejustice/hearings';
import { uuidParam } from '@ejustice/platform';
import { SummonsDeliveryDto } from './dto/summons.dto';

@ApiTags('hearings')
@ApiBearerAuth()
@Controller('api/summonses')
export class SummonsDeliveryController {
  constructor(private readonly deliver: RecordSummonsDelivery) {}

  @Post(':id/delivery')
  @HttpCode(200)
  @Roles('clerk')
  @ApiOperation({
    summary: 'Clerks of the court: record that the person was told (link handed over, phone, post, in person)',
    description:
      'The same delivery asked again answers as before; another is refused with 409 `summons.already_delivered`, and one of a summons a later publication replaced with 409 `summons.superseded`. A summons of another court is 404 `summons.not_found`. Audited `hearing.summons_delivered`.',
  })
  record(
    @CurrentUser() principal: UserPrincipal,
    @Param('id', uuidParam()) summonsId: string,
    @Body() body: SummonsDeliveryDto,
  ): Promise<SummonsView> {
    return this.deliver.execute({ principal, summonsId, method: body.method, note: body.note ?? null });
  }
}
