import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthoriseSealedCopy, type SealedCopyAuthorisationView } from '@ejustice/certification';
import { CurrentUser, type UserPrincipal } from '@ejustice/identity';
import { AuthoriseSealedCopyDto } from './dto/certified-copy-decision.dto';

@ApiTags('certification')
@ApiBearerAuth()
@Controller('api/certified-copy-authorisations')
export class SealedCopyAuthorisationsController {
  constructor(private readonly authorise: AuthoriseSealedCopy) {}

  @Post()
  @ApiOperation({ summary: 'A judge lets one user request a certified copy of one sealed document' })
  async create(@CurrentUser() judge: UserPrincipal, @Body() body: AuthoriseSealedCopyDto): Promise<SealedCopyAuthorisationView> {
    const row = await this.authorise.execute({ judge, ...body });
    return { id: row.id };
  }
}
