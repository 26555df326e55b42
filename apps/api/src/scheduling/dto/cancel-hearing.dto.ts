import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ADJOURNMENT_REASONS, type AdjournmentReason } from '@ejustice/scheduling';
import type { HearingCancellationRequest } from '@ejustice/scheduling-data/contract/schedule-run.contract';

/** POST /api/hearings/:hearingId/cancel */
export class CancelHearingDto implements HearingCancellationRequest {
  @ApiProperty({ description: 'Why the hearing is called off: one of the scheduler’s adjournment reasons', enum: ADJOURNMENT_REASONS })
  @IsIn(ADJOURNMENT_REASONS, { message: `$property must be one of: ${ADJOURNMENT_REASONS.join(', ')}` })
  reason: AdjournmentReason;
}
