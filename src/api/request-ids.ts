import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's `client-request-id`, echoed back as Graph does so client logs can be correlated. */
    clientRequestId: string | undefined;
  }
}

const guidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request id for Fastify's genReqId: the caller's `request-id` when it is a GUID, else a fresh one. */
export function requestIdFor(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['request-id'];
  return typeof given === 'string' && guidShape.test(given) ? given : randomUUID();
}

/** Echoes `request-id` and `client-request-id` on every response, errors included. */
export function installRequestIds(app: FastifyInstance): void {
  app.decorateRequest('clientRequestId', undefined);
  app.addHook('onRequest', (request, reply, done) => {
    const clientRequestId = request.headers['client-request-id'];
    request.clientRequestId = typeof clientRequestId === 'string' ? clientRequestId.slice(0, 128) : undefined;
    reply.header('request-id', request.id);
    if (request.clientRequestId !== undefined) reply.header('client-request-id', request.clientRequestId);
    done();
  });
}
