import type { FastifyReply, FastifyRequest } from 'fastify';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule, GraphVersion } from '../../api/graph/graph-route-module.js';
import { contextUrl, parseSelect, QueryOptionError, type ResourceCatalog } from '../../api/odata/index.js';
import { publicBaseUrl } from '../../api/public-url.js';
import type { ServiceContext } from '../../api/service-context.js';
import { currentWatermark } from '../change-feed.js';
import { loadDeclaredExtensions, renderDirectoryObject, type DeclaredExtensions } from '../directory-objects/object-renderer.js';
import { groupCatalog } from '../groups/group-catalog.js';
import { userCatalog } from '../users/user-catalog.js';
import { readDeltaPage } from './delta-reader.js';
import { decodeDeltaToken, encodeDeltaToken, type DeltaScope, type DeltaState } from './delta-token.js';

interface DeltaResource {
  readonly kind: 'user' | 'group';
  readonly entitySet: 'users' | 'groups';
  readonly scope: DeltaScope;
  readonly catalog: (extensions: DeclaredExtensions) => ResourceCatalog;
}

const resources: readonly DeltaResource[] = [
  { kind: 'user', entitySet: 'users', scope: 'users.delta', catalog: (extensions) => userCatalog(extensions.user) },
  {
    kind: 'group',
    entitySet: 'groups',
    scope: 'groups.delta',
    // `members` is selectable here: it asks for membership tracking (`members@delta`).
    catalog: (extensions) => {
      const catalog = groupCatalog(extensions.group);
      return { ...catalog, selectable: [...(catalog.selectable ?? []), 'members'] };
    },
  },
];

const defaultPageSize = 200;
const maxPageSize = 999;

/** `Prefer: odata.maxpagesize=N` sets the page size, as Graph's delta honours it. */
function pageSizeOf(request: FastifyRequest): number | undefined {
  const prefer = request.headers.prefer;
  const match = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(Array.isArray(prefer) ? prefer.join(',') : (prefer ?? ''));
  return match ? Math.min(Math.max(Number(match[1]), 1), maxPageSize) : undefined;
}

/** The series state of this request: from `$deltatoken` / `$skiptoken`, or a new series (`$select` allowed only here). */
async function stateOf(request: FastifyRequest, context: ServiceContext, resource: DeltaResource, catalog: ResourceCatalog): Promise<DeltaState> {
  let select: readonly string[] | null = null;
  let token: string | undefined;
  let latest = false;
  for (const [key, value] of Object.entries(request.query as Record<string, string | string[] | undefined>)) {
    const name = key.replace(/^\$/, '').toLowerCase();
    if (Array.isArray(value)) throw QueryOptionError.duplicate(`$${name}`);
    if (value === undefined) continue;
    if (name === 'select') select = parseSelect(value, catalog) ?? null;
    else if (name === 'deltatoken' && value.toLowerCase() === 'latest') latest = true;
    else if (name === 'deltatoken' || name === 'skiptoken') token = value;
    else if (name === 'format') continue;
    else if (key.startsWith('$')) throw QueryOptionError.notSupported(key);
  }
  if (token !== undefined) return decodeDeltaToken(context.skipTokens, resource.scope, token);
  const watermark = await currentWatermark(context.store.db);
  if (latest) return { phase: 'next', watermark, select };
  return { phase: 'initial', watermark, after: null, resume: null, select };
}

/**
 * `GET /users/delta` and `/groups/delta`: a first round of every object, then rounds of what changed, each
 * paged with `@odata.nextLink` and closed by an `@odata.deltaLink` whose token starts the next round.
 * `$deltatoken=latest` returns only a deltaLink, for clients that need no initial state.
 */
export const deltaRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  for (const resource of resources) {
    const permissions = resource.kind === 'user' ? requires.usersRead : requires.groupsRead;
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const extensions = await loadDeclaredExtensions(db);
      const catalog = resource.catalog(extensions);
      const state = await stateOf(request, context, resource, catalog);
      const selected = state.select ?? undefined;
      const members = resource.kind === 'group' && (selected === undefined || selected.includes('members'));
      const properties = selected?.filter((name) => name !== 'members');
      const pageSize = pageSizeOf(request);
      const page = await readDeltaPage(
        db,
        state,
        {
          kind: resource.kind,
          members,
          render: (data) => renderDirectoryObject(resource.kind, data, { version, select: properties, annotate: false, extensions }),
        },
        pageSize ?? defaultPageSize,
      );
      if (pageSize !== undefined) reply.header('preference-applied', `odata.maxpagesize=${pageSize}`);
      return deltaBody(request, context, version, resource, selected, page.entries, page.next);
    };
    // Graph's function may be named bare or qualified, with or without `()` (Kiota-generated SDKs add them).
    for (const name of ['delta', 'delta()', 'microsoft.graph.delta', 'microsoft.graph.delta()']) {
      app.get(`/${resource.entitySet}/${name}`, { config: { permissions } }, handler);
    }
  }
};

function deltaBody(
  request: FastifyRequest,
  context: ServiceContext,
  version: GraphVersion,
  resource: DeltaResource,
  select: readonly string[] | undefined,
  entries: readonly Record<string, unknown>[],
  next: DeltaState,
): Record<string, unknown> {
  const base = publicBaseUrl(request, context.config.publicUrl);
  const link = `${base}/${version}/${resource.entitySet}/delta`;
  const token = encodeURIComponent(encodeDeltaToken(context.skipTokens, resource.scope, next));
  return {
    '@odata.context': contextUrl(base, version, resource.entitySet, select),
    ...(next.phase === 'next' ? { '@odata.deltaLink': `${link}?$deltatoken=${token}` } : { '@odata.nextLink': `${link}?$skiptoken=${token}` }),
    value: entries,
  };
}
