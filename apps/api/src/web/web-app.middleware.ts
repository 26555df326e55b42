import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

const API_PREFIXES = ['/api', '/docs', '/health', '/metrics', '/socket.io'];

/**
 * Serves the browser UI's index.html for client-side routes (`/`, `/join/<token>`, ...), so a
 * witness can open a link directly. API paths and files with an extension pass through.
 */
export function webAppFallback(distDir: string) {
  const indexPath = join(distDir, 'index.html');
  let cached: string | undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (API_PREFIXES.some((p) => req.path === p || req.path.startsWith(`${p}/`))) return next();
    if (/\.[a-z0-9]+$/i.test(req.path)) return next();
    if (!existsSync(indexPath)) {
      res
        .status(503)
        .type('text/plain')
        .send('The web interface has not been built. Run ./ejustice start (or npm run build:web) and reload.');
      return;
    }
    cached ??= readFileSync(indexPath, 'utf8');
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(cached);
  };
}
