import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}

describe('deployment files', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const services = compose.services;

  it('runs PostgreSQL 16, Redis 7, the api, a media node and the worker', () => {
    expect(services.postgres.image).toBe('postgres:16');
    expect(services.redis.image).toBe('redis:7');
    expect(services.api.command).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(services.media.command).toEqual(['node', 'dist/apps/media/src/main.js']);
    expect(services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(services.migrate.command).toEqual(['node', 'dist/scripts/migrate.js', 'up']);
  });

  it('publishes the media node’s UDP range for its workers, starting at MEDIA_RTC_PORT_BASE', () => {
    const base = Number(services.media.environment?.MEDIA_RTC_PORT_BASE);
    const udp = services.media.ports?.find((p) => p.endsWith('/udp'));
    expect(udp).toMatch(new RegExp(`^${base}-\\d+:${base}-\\d+/udp$`));
  });

  it('gives the api, the media node and the worker one document store: the media node writes the recordings into it', () => {
    const dir = services.api.environment?.STORAGE_DIR;
    for (const name of ['api', 'media', 'worker']) {
      expect(services[name].environment?.STORAGE_DIR).toBe(dir);
      expect(services[name].volumes).toContain(`storage:${dir}`);
    }
  });

  it('builds on Node 24, like .nvmrc says', () => {
    expect(readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim()).toBe('24');
    expect(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toMatch(/^FROM node:24-bookworm AS build$/m);
  });
});
