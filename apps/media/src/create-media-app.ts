import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { type AppConfig, answerClientErrorsAsProblems, securityHeaders } from '@ejustice/platform';
import { MediaModule } from './media.module';
import { NodeHeartbeat } from './node/node-heartbeat.service';

/**
 * Boots the media node and starts listening; registers it in Redis under the URL browsers will
 * use (MEDIA_PUBLIC_URL, or the bound address when listening on an ephemeral port, as tests do).
 */
export async function startMediaApp(app: INestApplication, config: AppConfig): Promise<{ url: string }> {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // Internet-facing like the api: the same headers on /health and /metrics, the same refusals.
  app.use(securityHeaders(config));
  answerClientErrorsAsProblems(app.getHttpServer());
  await app.listen(config.media.port, config.media.host);
  const address = app.getHttpServer().address() as { port: number };
  const url = config.media.port === 0 ? `http://${config.media.host}:${address.port}` : config.media.publicUrl;
  await app.get(NodeHeartbeat).start(url);
  return { url };
}

export async function createMediaApp(config: AppConfig): Promise<INestApplication> {
  return NestFactory.create(MediaModule.forRoot(config), { bufferLogs: true });
}
