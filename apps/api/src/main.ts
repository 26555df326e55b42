// First: V8's settings hold from the application's first allocation.
import './v8-flags';
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@ejustice/platform';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  // The api signs access tokens and join tickets; in production both secrets must be its own.
  const config = loadConfig(undefined, { secrets: ['JWT_SECRET', 'MEDIA_TICKET_PRIVATE_KEY'] });
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
  console.log(
    JSON.stringify({ level: 30, name: 'api', msg: `listening [url:http://${config.http.host}:${config.http.port}] [docs:/docs]` }),
  );
}

main().catch((error: unknown) => {
  // A bad environment is the operator's to fix: say which variable, without a stack trace.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
