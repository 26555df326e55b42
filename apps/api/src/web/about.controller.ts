import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AboutView, type AppConfig, PLATFORM_LICENSE, Public } from '@ejustice/platform';

/**
 * What the web app's footer needs on every page, signed in or not: the platform's licence and
 * where its source is (AGPL-3.0 section 13). Read from the configuration, no database.
 */
@ApiTags('platform')
@Public()
@Controller('api/about')
export class AboutController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'The platform’s licence and where users can get its source code (null when SOURCE_CODE_URL is not set)' })
  about(): AboutView {
    return { license: PLATFORM_LICENSE, sourceCodeUrl: this.config.http.sourceCodeUrl ?? null };
  }
}
