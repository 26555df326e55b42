import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/** HSTS for a year once the platform is served over https; a browser then never tries http again. */
const HSTS_SECONDS = 365 * 24 * 3600;

/**
 * The response headers of every api and web page response (helmet): a content security policy
 * that runs only the platform's own scripts, connects only to itself and its media nodes, and
 * lets no other site frame a page (a witness's hearing page overlaid by another site is the
 * clickjacking we refuse); no MIME sniffing; no referrer (one-time links carry their token in
 * the path); HSTS when PUBLIC_URL is https.
 *
 * `inlineScripts` is for the OpenAPI page (/docs) only: Swagger UI runs an inline script. That
 * page holds no data, only the api's shape. `sameOriginBase` is for the queue board
 * (/api/admin/queues), whose page sets a same-origin <base> for its assets and routes.
 */
export function securityHeaders(config: AppConfig, { inlineScripts = false, sameOriginBase = false } = {}): RequestHandler {
  const https = new URL(config.http.publicUrl).protocol === 'https:';
  const inline = inlineScripts ? ["'unsafe-inline'"] : [];
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", ...inline],
        // React sets style properties through the DOM; the stylesheets are the bundle's own.
        'style-src': ["'self'", ...inline],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...config.http.mediaConnectSources],
        'object-src': ["'none'"],
        'base-uri': [sameOriginBase ? "'self'" : "'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: HSTS_SECONDS, includeSubDomains: true, preload: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
