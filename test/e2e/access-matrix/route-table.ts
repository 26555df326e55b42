import { METHODS as HTTP_METHODS } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { http } from '@ejustice/testing';

/** "METHOD /path/{param}": one operation, named as the OpenAPI document names it. */
export type RouteKey = string;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Every method Node (and so Express) knows. */
const EVERY_HTTP_METHOD = HTTP_METHODS;

/** Every operation of the api's published OpenAPI document. */
export async function documentedRoutes(baseUrl: string): Promise<RouteKey[]> {
  const res = await http<{ paths: Record<string, Record<string, unknown>> }>(baseUrl, 'GET', '/docs/openapi.json');
  if (res.status !== 200) throw new Error(`GET /docs/openapi.json answered ${res.status}`);
  return Object.entries(res.body.paths)
    .flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => METHODS.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    )
    .sort();
}

interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * Every route the running api answers, read from the Express router Nest mounted its controllers
 * (and Swagger its pages) on: what really answers, whatever the document says. Express's HEAD for
 * every GET is not a route of its own. A path registered for every HTTP method at once is how
 * Nest mounts middleware given `forRoutes('*')` on Express 5 (`app.all`): those are listed
 * apart, by path.
 */
export function mountedRoutes(app: NestExpressApplication): { routes: RouteKey[]; middleware: string[] } {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: RouterLayer[] }; _router?: { stack: RouterLayer[] } };
  const router = express.router ?? express._router;
  if (!router) throw new Error('The Express router is not where this test looks for it');
  const routes = new Set<RouteKey>();
  const middleware = new Set<string>();
  for (const layer of router.stack) {
    if (!layer.route) continue;
    const methods = Object.entries(layer.route.methods)
      .filter(([method, on]) => on && method !== '_all')
      .map(([method]) => method.toUpperCase());
    for (const raw of [layer.route.path].flat()) {
      const path = raw.replace(/:(\w+)/g, '{$1}');
      if (EVERY_HTTP_METHOD.every((m) => methods.includes(m))) middleware.add(path);
      else for (const method of methods) routes.add(`${method} ${path}`);
    }
  }
  return { routes: [...routes].sort(), middleware: [...middleware].sort() };
}
