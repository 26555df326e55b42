import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { RequestCertifiedCopyBody } from '@ejustice/certification';

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
