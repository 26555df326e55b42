import 'reflect-metadata';
import { ConfigError, loadConfig } from '@ejustice/platform';
import { createMediaApp, startMediaApp } from './create-media-app';

async function main(): Promise<void> {
  // A media node only checks join tickets: it needs their public key, and nothing that signs.
  const config = loadConfig(undefined, { secrets: ['MEDIA_TICKET_PUBLIC_KEY'] });
  const app = await createMediaApp(config);
  const { url } = await startMediaApp(app, config);
  console.log(
    JSON.stringify({
      level: 30,
      name: 'media',
      msg: `listening [url:${url}] [node:${config.media.nodeId}] [workers:${config.media.numWorkers}]`,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
