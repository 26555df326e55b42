import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Takes a well-formed X-Request-Id from a trusted proxy, or makes one; echoes it back. */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * Structured JSON logs (pino), one line per event, each line inside a request carrying its
 * request id. Credentials, tokens and passwords are redacted wherever they appear.
 */
@Module({})
export class LoggingModule {
  static forRoot(app: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              name: app,
              level: config.log.level,
              genReqId: requestIdFor,
              quietReqLogger: true,
              customAttributeKeys: { reqId: 'requestId' },
              redact: {
                paths: [
                  'req.headers.authorization',
                  'req.headers.cookie',
                  'res.headers["set-cookie"]',
                  '*.password',
                  '*.refreshToken',
                  '*.accessToken',
                  '*.token',
                ],
                censor: '[redacted]',
              },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
              transport: config.log.pretty ? { target: 'pino/file', options: { destination: 1 } } : undefined,
            },
          }),
        }),
      ],
    };
  }
}

/** One-time hearing links carry their token in the path; never write it to a log. */
function redactUrl(url: string): string {
  return url.replace(/(\/join\/|token=)[A-Za-z0-9_-]{16,}/g, '$1[redacted]');
}
