import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { publicBaseUrl } from '../../api/public-url.js';
import { DirectoryObjectNotFoundError } from '../directory-errors.js';
import { sendCount } from '../directory-objects/count-response.js';
import { countDirectoryObjects, listDirectoryObjects, type DirectoryListing } from '../directory-objects/directory-listing.js';
import { directoryEntityResponse } from '../directory-objects/entity-response.js';
import { loadDeclaredExtensions, type DeclaredExtensions } from '../directory-objects/object-renderer.js';
import { assertNotSynchronized } from '../directory-objects/on-premises-authority.js';
import { groupCatalog } from '../groups/group-catalog.js';
import { directReportsOf, groupsContaining, groupsContainingTransitively } from '../links/link-sources.js';
import { assignManager, removeManager } from '../links/manager-repository.js';
import { objectIdOfRefBody } from '../links/references.js';
import { userCatalog } from './user-catalog.js';
import { expandManager } from './user-expand.js';
import { loadUser } from './user-routes.js';

type UserRequest = FastifyRequest<{ Params: { id: string } }>;

/** A list reached from a user: the path after `/users/{id}/`, its rows, and how to query and render them. */
interface UserNavigation {
  readonly path: string;
  readonly source: (userId: string) => RawBuilder<unknown>;
  readonly catalog: (extensions: DeclaredExtensions) => DirectoryListing['catalog'];
  /** Set for a type-cast segment (`/memberOf/microsoft.graph.group`): one kind, no `@odata.type`. */
  readonly kind?: 'group';
}

const groups = (extensions: DeclaredExtensions) => groupCatalog(extensions.group);

const navigations: readonly UserNavigation[] = [
  { path: 'directReports', source: directReportsOf, catalog: (extensions) => userCatalog(extensions.user) },
  { path: 'memberOf', source: groupsContaining, catalog: groups },
  { path: 'memberOf/microsoft.graph.group', source: groupsContaining, catalog: groups, kind: 'group' },
  { path: 'transitiveMemberOf', source: groupsContainingTransitively, catalog: groups },
  { path: 'transitiveMemberOf/microsoft.graph.group', source: groupsContainingTransitively, catalog: groups, kind: 'group' },
];

/** The manager link (`/manager`, `/manager/$ref`) and the lists reached from a user: reports and groups. */
export const userLinkRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.usersRead } };
  const write = { config: { permissions: requires.usersWrite } };

  /** The user's live manager row, or Graph's 404 naming `manager`. */
  const loadManager = async (request: UserRequest) => {
    const { managerId } = await loadUser(db, request.params.id);
    const manager =
      managerId === null
        ? undefined
        : await db.selectFrom('users').select(['id', 'data']).where('id', '=', managerId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!manager) throw new DirectoryObjectNotFoundError('manager');
    return manager;
  };

  app.get<{ Params: { id: string } }>('/users/:id/manager', read, async (request) => {
    const manager = await loadManager(request);
    const extensions = await loadDeclaredExtensions(db);
    return directoryEntityResponse(request, context, version, {
      entitySet: 'directoryObjects',
      catalog: userCatalog(extensions.user),
      kind: 'user',
      data: manager.data,
      extensions,
      annotate: true,
    });
  });

  app.get<{ Params: { id: string } }>('/users/:id/manager/$ref', read, async (request) => {
    const manager = await loadManager(request);
    const base = publicBaseUrl(request, context.config.publicUrl);
    return {
      '@odata.context': odataContext(request, context, version, 'directoryObjects/$entity'),
      '@odata.id': `${base}/v2/${context.tenant.id}/directoryObjects/${manager.id}/Microsoft.DirectoryServices.User`,
    };
  });

  app.put<{ Params: { id: string } }>('/users/:id/manager/$ref', write, async (request, reply) => {
    const managerId = objectIdOfRefBody(request.body);
    await db.transaction().execute(async (trx) => {
      const stored = await loadUser(trx, request.params.id);
      if (managerId !== stored.managerId) assertNotSynchronized(stored.user);
      await assignManager(trx, stored.user.id, managerId, stored.managerId);
    });
    return reply.status(204).send();
  });

  app.delete<{ Params: { id: string } }>('/users/:id/manager/$ref', write, async (request, reply) => {
    await db.transaction().execute(async (trx) => {
      const stored = await loadUser(trx, request.params.id);
      if (stored.managerId === null) throw new DirectoryObjectNotFoundError('manager');
      assertNotSynchronized(stored.user);
      await removeManager(trx, stored.user.id, stored.managerId);
    });
    return reply.status(204).send();
  });

  for (const navigation of navigations) {
    const listing = async (request: UserRequest): Promise<DirectoryListing> => {
      const { user } = await loadUser(db, request.params.id);
      const extensions = await loadDeclaredExtensions(db);
      return {
        entitySet: navigation.kind === undefined ? 'directoryObjects' : 'groups',
        from: navigation.source(user.id),
        scope: sql`1 = 1`,
        catalog: navigation.catalog(extensions),
        kind: navigation.kind,
        extensions,
        ...(navigation.path === 'directReports' ? { expand: expandManager(db, version, extensions) } : {}),
      };
    };
    app.get<{ Params: { id: string } }>(`/users/:id/${navigation.path}`, read, async (request) =>
      listDirectoryObjects(request, context, version, await listing(request)),
    );
    app.get<{ Params: { id: string } }>(`/users/:id/${navigation.path}/$count`, read, async (request, reply: FastifyReply) =>
      sendCount(reply, await countDirectoryObjects(request, context, version, await listing(request))),
    );
  }
};
