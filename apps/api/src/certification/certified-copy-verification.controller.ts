import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CertificationErrors, CertifiedCopyRegister, type CopyVerificationView, VerificationRateLimiter } from '@ejustice/certification';
import { clientNetwork } from '@ejustice/identity/auth/client-network';
import { DomainError, Public } from '@ejustice/platform';

/** The largest file verification reads: a certified copy of the largest document a court accepts, and then some. */
const MAX_UPLOAD_BYTES = 128 * 1024 * 1024;

async function readPdfBody(req: Request): Promise<Buffer> {
  if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/pdf'))
    throw new DomainError(
      'unsupported',
      'certification.not_pdf',
      'Send the copy itself as the request body, with Content-Type: application/pdf.',
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPLOAD_BYTES)
      throw new DomainError('too_large', 'certification.upload_too_large', 'This file is larger than any certified copy.');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) throw new DomainError('invalid', 'certification.empty_upload', 'The request body is empty: send the PDF of the copy.');
  return Buffer.concat(chunks);
}

/** Public verification of certified copies, by code or by the file; rate-limited per client network. */
@ApiTags('certification')
@Public()
@Controller('api/certified-copy-verification')
export class CertifiedCopyVerificationController {
  constructor(
    private readonly register: CertifiedCopyRegister,
    private readonly limiter: VerificationRateLimiter,
  ) {}

  @Get(':code')
  @ApiOperation({ summary: 'What a verification code certifies, and whether the copy is valid or revoked' })
  async byCode(@Req() req: Request, @Param('code') code: string): Promise<CopyVerificationView> {
    await this.limiter.consume(clientNetwork(req.ip));
    if (code.length > 40) throw CertificationErrors.codeNotFound();
    return this.register.byCode(code);
  }

  @Post()
  @HttpCode(200)
  @ApiConsumes('application/pdf')
  @ApiOperation({ summary: 'Verify a copy by its file: its SHA-256 against the register, and its seal' })
  async byFile(@Req() req: Request): Promise<CopyVerificationView> {
    await this.limiter.consume(clientNetwork(req.ip));
    return this.register.byFile(await readPdfBody(req));
  }
}
