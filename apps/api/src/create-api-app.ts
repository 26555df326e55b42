import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { type AppConfig, answerClientErrorsAsProblems, refuseHostileJson, refuseUnreadBodies, securityHeaders } from '@ejustice/platform';
import { mountQueueBoard } from './admin/queue-board/queue-board';
import { QUEUE_BOARD_PATH } from './admin/queue-board/queue-board-session';
import { ApiModule } from './api.module';
import { webAppFallback } from './web/web-app.middleware';

export async function createApiApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), { bufferLogs: true });
  return configureApiApp(app, config);
}

/**
 * Everything around the module: REST under /api, OpenAPI at /docs, /health, /metrics, and the
 * browser UI at every other path. The e2e tests call this on their own testing module, so they
 * exercise exactly what production runs.
 */
export function configureApiApp(app: NestExpressApplication, config: AppConfig): NestExpressApplication {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.set('trust proxy', config.http.trustProxyHops);
  app.disable('x-powered-by');
  const headers = securityHeaders(config);
  const docsHeaders = securityHeaders(config, { inlineScripts: true });
  const boardHeaders = securityHeaders(config, { sameOriginBase: true });
  const isBoard = (path: string) => path === QUEUE_BOARD_PATH || path.startsWith(`${QUEUE_BOARD_PATH}/`);
  app.use((req: Request, res: Response, next: NextFunction) =>
    (/^\/docs(\/|$)/.test(req.path) ? docsHeaders : isBoard(req.path) ? boardHeaders : headers)(req, res, next),
  );
  // Nest's typing reserves `verify` for its raw-body option, unused here; body-parser takes it.
  app.useBodyParser('json', { limit: '1mb', verify: refuseHostileJson } as Parameters<typeof app.useBodyParser<'json'>>[1]);
  app.use(refuseUnreadBodies);
  app.enableShutdownHooks();
  answerClientErrorsAsProblems(app.getHttpServer());
  // Before the api's routes and the web app's fallback, behind its own admin check.
  mountQueueBoard(app);

  const openApi = new DocumentBuilder()
    .setTitle('e-justice remote hearing platform')
    .setDescription('Hearings, identity, cases. Errors are RFC 9457 problem details with a stable `code`.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs/openapi.json' });

  app.useStaticAssets(config.web.distDir, { index: false, fallthrough: true, maxAge: '1h' });
  app.use(webAppFallback(config.web.distDir));
  NestLogger.log(`configureApiApp() ready [web:${config.web.distDir}]`, 'Bootstrap');
  return app;
}
