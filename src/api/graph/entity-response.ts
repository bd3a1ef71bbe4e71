import type { FastifyRequest } from 'fastify';
import { contextUrl, parseQueryOptions, projectEntity, type RawQuery, type ResourceCatalog } from '../odata/index.js';
import { publicBaseUrl } from '../public-url.js';
import type { ServiceContext } from '../service-context.js';
import type { GraphVersion } from './graph-route-module.js';

/** A single entity as Graph returns it: `@odata.context` with `/$entity`, shaped by `$select`. */
export function entityResponse(
  request: FastifyRequest,
  context: ServiceContext,
  version: GraphVersion,
  entitySet: string,
  catalog: ResourceCatalog,
  entity: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const options = parseQueryOptions(request.query as RawQuery, { allowed: ['select', 'format'], catalog, dollarOptional: version === 'beta' });
  return {
    '@odata.context': contextUrl(publicBaseUrl(request, context.config.publicUrl), version, entitySet, options.select, 'entity'),
    ...projectEntity(entity, options.select),
  };
}
