import type { FastifyRequest } from 'fastify';
import { publicBaseUrl } from '../public-url.js';
import type { ServiceContext } from '../service-context.js';
import type { GraphVersion } from './graph-route-module.js';

/** `@odata.context` for a response: `{base}/{version}/$metadata#{fragment}`. */
export function odataContext(request: FastifyRequest, context: ServiceContext, version: GraphVersion, fragment: string): string {
  return `${publicBaseUrl(request, context.config.publicUrl)}/${version}/$metadata#${fragment}`;
}
