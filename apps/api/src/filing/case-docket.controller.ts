import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseViewer } from '@ejustice/cases';
import { type DocketView, FilingQueries } from '@ejustice/filing';
import { CurrentUser } from '@ejustice/identity';
import { uuidParam } from '@ejustice/platform';

/** A case's docket with its documents: served by the filing lib, which owns the documents. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/cases')
export class CaseDocketController {
  constructor(private readonly queries: FilingQueries) {}

  @Get(':id/docket')
  @ApiOperation({ summary: 'A case’s docket with its documents: only what the caller may read; protected people by pseudonym' })
  docket(@CurrentUser() user: CaseViewer, @Param('id', uuidParam()) id: string): Promise<DocketView> {
    return this.queries.docket(user, id);
  }
}
