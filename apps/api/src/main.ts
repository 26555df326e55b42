import 'reflect-metadata';
import { ConfigError, loadConfig } from '@ejustice/platform';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = loadConfig();
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
