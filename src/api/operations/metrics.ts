import type { FastifyInstance } from 'fastify';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import { FastHistogram } from './fast-histogram.js';

const okOutcome = ['ok'];
const failedOutcome = ['error'];

/** Prometheus metrics of one service instance (a registry per instance, so tests can run many side by side). */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new FastHistogram(
    'provisio_http_request_duration_seconds',
    'HTTP request latency by route pattern, method and status code.',
    ['method', 'route', 'status_code'],
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    this.registry,
  );

  readonly storeQueryDuration = new FastHistogram(
    'provisio_store_query_duration_seconds',
    'Latency of database queries.',
    ['outcome'],
    [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    this.registry,
  );

  readonly tokensIssued = new Counter({
    name: 'provisio_tokens_issued_total',
    help: 'Access tokens issued by the token endpoint, by grant type.',
    labelNames: ['grant_type'] as const,
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'provisio_' });
  }

  observeQuery(durationMs: number, failed: boolean): void {
    this.storeQueryDuration.observe(failed ? failedOutcome : okOutcome, durationMs / 1000);
  }
}

/** Times every request by its route pattern (never the raw URL: ids would explode the label set). */
export function installHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe([request.method, route, String(reply.statusCode)], reply.elapsedTime / 1000);
    done();
  });
}
