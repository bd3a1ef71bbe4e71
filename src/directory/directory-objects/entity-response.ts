import type { FastifyRequest } from 'fastify';
import type { GraphVersion } from '../../api/graph/graph-route-module.js';
import { contextUrl, parseQueryOptions, type QueryOptions, type RawQuery, type ResourceCatalog } from '../../api/odata/index.js';
import { publicBaseUrl } from '../../api/public-url.js';
import type { ServiceContext } from '../../api/service-context.js';
import { renderDirectoryObject, type DeclaredExtensions, type DirectoryObjectKind } from './object-renderer.js';

export interface EntityTarget {
  /** `users`, `groups`, or `directoryObjects` for a navigation (manager) that may be of any type. */
  readonly entitySet: string;
  readonly catalog: ResourceCatalog;
  readonly kind: DirectoryObjectKind;
  readonly data: string;
  readonly extensions: DeclaredExtensions;
  readonly annotate?: boolean;
  readonly expand?: (entities: Record<string, unknown>[], options: QueryOptions) => Promise<void>;
}

/** One user or group as Graph returns it: `@odata.context` with `/$entity`, `$select`, `$expand`. */
export async function directoryEntityResponse(
  request: FastifyRequest,
  context: ServiceContext,
  version: GraphVersion,
  target: EntityTarget,
): Promise<Record<string, unknown>> {
  const options = parseQueryOptions(request.query as RawQuery, {
    allowed: target.expand === undefined ? ['select', 'format'] : ['select', 'format', 'expand'],
    catalog: target.catalog,
    dollarOptional: version === 'beta',
  });
  const entity = renderDirectoryObject(target.kind, target.data, {
    version,
    select: options.select,
    annotate: target.annotate ?? false,
    extensions: target.extensions,
  });
  if (options.expand !== undefined && target.expand !== undefined) await target.expand([entity], options);
  return {
    '@odata.context': contextUrl(publicBaseUrl(request, context.config.publicUrl), version, target.entitySet, options.select, 'entity'),
    ...entity,
  };
}
