import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { AuthoriseSealedCopyBody, ReasonBody, RecordPaymentBody } from '@ejustice/certification';

/** POST /api/certified-copies/:id/refuse and /revoke. */
export class ReasonDto implements ReasonBody {
  @ApiProperty({ maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

/** POST /api/certified-copies/:id/payment. */
export class RecordPaymentDto implements RecordPaymentBody {
  @ApiProperty({ enum: ['paid', 'waived'] }) @IsIn(['paid', 'waived']) outcome: 'paid' | 'waived';
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** POST /api/certified-copy-authorisations. */
export class AuthoriseSealedCopyDto implements AuthoriseSealedCopyBody {
  @ApiProperty() @IsUUID() documentId: string;
  @ApiProperty() @IsUUID() userId: string;
  @ApiProperty({ maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}
