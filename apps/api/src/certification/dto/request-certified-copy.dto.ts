import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { CertifiedCopyFeeQuery, RequestCertifiedCopyBody } from '@ejustice/certification';

/** POST /api/certified-copies (signed in). */
export class RequestCertifiedCopyDto implements RequestCertifiedCopyBody {
  @ApiProperty() @IsUUID() documentId: string;
  @ApiProperty({ minimum: 1, maximum: 20 }) @IsInt() @Min(1) @Max(20) copies: number;
  @ApiProperty({ maxLength: 500 }) @IsString() @MinLength(1) @MaxLength(500) purpose: string;
}

/** POST /api/public/certified-copies (no account): where to deliver the copy. */
export class PublicRequestCertifiedCopyDto extends RequestCertifiedCopyDto {
  @ApiProperty({ maxLength: 254 }) @IsEmail() @MaxLength(254) email: string;
}

/** GET /api/certified-copies/fee and GET /api/public/certified-copies/fee: the same document and copies as a request. */
export class CertifiedCopyFeeQueryDto implements CertifiedCopyFeeQuery {
  @ApiProperty() @IsUUID() documentId: string;
  @ApiProperty({ minimum: 1, maximum: 20 }) @Type(() => Number) @IsInt() @Min(1) @Max(20) copies: number;
}
