import type { FastifyRequest } from 'fastify';

/** The base URL the client used to reach us, unless PROVISIO_PUBLIC_URL pins it (behind a proxy). */
export function publicBaseUrl(request: FastifyRequest, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  return `${request.protocol}://${request.host}`;
}
