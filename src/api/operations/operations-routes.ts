import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ServiceContext } from '../service-context.js';

/** Liveness, readiness (the store answers) and Prometheus metrics; unauthenticated, for probes and scrapers. */
export function registerOperationsRoutes(app: FastifyInstance, context: ServiceContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    try {
      await sql`select 1`.execute(context.store.db);
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'store not reachable');
      return reply.status(503).send({ status: 'unavailable', reason: 'The store does not answer.' });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    void reply.type(context.metrics.registry.contentType);
    return context.metrics.registry.metrics();
  });
}
