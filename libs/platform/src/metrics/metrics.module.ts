import { createHash, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Controller, Get, Header, Headers, Inject, Injectable, Module, type NestMiddleware } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { DomainError } from '../errors/domain-error';
import { Public } from '../http/public.decorator';

/** One registry per process, with Node's default metrics and the platform's own. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'ejustice_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  /**
   * The main thread's busy time so far (event-loop utilisation's `active`): its rate is how busy the
   * thread that answers every request is, which the process's CPU (worker threads included) does not
   * tell. A rate near 1 means requests queue for the thread, whatever the cores left idle.
   */
  readonly eventLoopBusy = new Counter({
    name: 'ejustice_event_loop_busy_seconds_total',
    help: "Time the main thread's event loop spent busy",
    registers: [this.registry],
    collect: eventLoopBusyCollector(),
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ejustice_' });
  }

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter<string> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Counter<string>;
    return new Counter({ name, help, labelNames: [...labelNames], registers: [this.registry] });
  }

  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Histogram<string> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Histogram<string>;
    return new Histogram({ name, help, labelNames: [...labelNames], buckets: [...buckets], registers: [this.registry] });
  }
}

/** Brings the counter up to the event loop's busy time at each scrape. */
function eventLoopBusyCollector(): (this: Counter) => void {
  let reported = 0;
  return function (this: Counter) {
    const busy = performance.eventLoopUtilization().active / 1000;
    if (busy <= reported) return;
    this.inc(busy - reported);
    reported = busy;
  };
}

/** Times every request under its route pattern (not its raw URL, which would carry ids). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({ method: req.method, route: route ? `${req.baseUrl}${route}` : 'unmatched', status: String(res.statusCode) });
    });
    next();
  }
}

/**
 * The scrape endpoint, for a Prometheus scraper holding METRICS_TOKEN only: the figures tell an
 * outsider which hearings run and how busy the court is. Without a configured token it is closed.
 * Not behind sign-in: a scraper has no account, and a person's session opens nothing here.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly tokenDigest: Buffer | undefined;

  constructor(
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.tokenDigest = config.metrics.token === undefined ? undefined : digest(config.metrics.token);
  }

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (!this.tokenDigest) {
      throw new DomainError('not_found', 'metrics.disabled', 'Metrics are not served here: set METRICS_TOKEN to let a scraper read them.');
    }
    const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
    // Compared as digests of equal length, in constant time.
    if (presented === undefined || !timingSafeEqual(digest(presented), this.tokenDigest)) {
      throw new DomainError('unauthenticated', 'metrics.token_required', 'Metrics are for the scraper holding the metrics token.');
    }
    return this.metrics.registry.metrics();
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

@Module({ providers: [Metrics, HttpMetricsMiddleware], controllers: [MetricsController], exports: [Metrics, HttpMetricsMiddleware] })
export class MetricsModule {}
