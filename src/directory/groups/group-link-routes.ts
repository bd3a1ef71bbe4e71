import type { FastifyRequest } from 'fastify';
import { sql, type RawBuilder } from 'kysely';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import type { ResourceCatalog } from '../../api/odata/index.js';
import { DirectoryObjectNotFoundError } from '../directory-errors.js';
import { sendCount } from '../directory-objects/count-response.js';
import { directoryObjectCatalog } from '../directory-objects/directory-object-catalog.js';
import { countDirectoryObjects, listDirectoryObjects, type DirectoryListing } from '../directory-objects/directory-listing.js';
import { requireObjectId } from '../directory-objects/object-key.js';
import { resolveReferences, type LinkableType } from '../directory-objects/object-lookup.js';
import { loadDeclaredExtensions, type DeclaredExtensions, type DirectoryObjectKind } from '../directory-objects/object-renderer.js';
import { assertNotSynchronized } from '../directory-objects/on-premises-authority.js';
import {
  groupsContaining,
  groupsContainingTransitively,
  membersOf,
  membersOfType,
  ownersOf,
  transitiveMembersOf,
  transitiveMembersOfType,
} from '../links/link-sources.js';
import { addGroupLinks, removeGroupLink, type GroupRelation } from '../links/membership-repository.js';
import { objectIdOfRefBody } from '../links/references.js';
import { userCatalog } from '../users/user-catalog.js';
import { groupCatalog } from './group-catalog.js';
import { loadGroup } from './group-routes.js';

type GroupRequest = FastifyRequest<{ Params: { id: string } }>;

/** A list reached from a group: the path after `/groups/{id}/`, its rows, and how to query and render them. */
interface GroupNavigation {
  readonly path: string;
  readonly entitySet: string;
  readonly source: (groupId: string) => RawBuilder<unknown>;
  readonly catalog: (extensions: DeclaredExtensions) => ResourceCatalog;
  /** Set when every row is of one kind (a type-cast segment): no `@odata.type`, that kind's full catalog. */
  readonly kind?: DirectoryObjectKind;
}

const navigations: readonly GroupNavigation[] = [
  { path: 'members', entitySet: 'directoryObjects', source: membersOf, catalog: () => directoryObjectCatalog },
  {
    path: 'members/microsoft.graph.user',
    entitySet: 'users',
    source: (id) => membersOfType(id, 'user'),
    catalog: (extensions) => userCatalog(extensions.user),
    kind: 'user',
  },
  {
    path: 'members/microsoft.graph.group',
    entitySet: 'groups',
    source: (id) => membersOfType(id, 'group'),
    catalog: (extensions) => groupCatalog(extensions.group),
    kind: 'group',
  },
  { path: 'transitiveMembers', entitySet: 'directoryObjects', source: transitiveMembersOf, catalog: () => directoryObjectCatalog },
  {
    path: 'transitiveMembers/microsoft.graph.user',
    entitySet: 'users',
    source: (id) => transitiveMembersOfType(id, 'user'),
    catalog: (extensions) => userCatalog(extensions.user),
    kind: 'user',
  },
  {
    path: 'transitiveMembers/microsoft.graph.group',
    entitySet: 'groups',
    source: (id) => transitiveMembersOfType(id, 'group'),
    catalog: (extensions) => groupCatalog(extensions.group),
    kind: 'group',
  },
  { path: 'owners', entitySet: 'directoryObjects', source: ownersOf, catalog: () => directoryObjectCatalog },
  { path: 'memberOf', entitySet: 'directoryObjects', source: groupsContaining, catalog: (extensions) => groupCatalog(extensions.group) },
  {
    path: 'transitiveMemberOf',
    entitySet: 'directoryObjects',
    source: groupsContainingTransitively,
    catalog: (extensions) => groupCatalog(extensions.group),
  },
];

const accepted: Readonly<Record<GroupRelation, readonly LinkableType[]>> = {
  members: ['user', 'group'],
  owners: ['user', 'servicePrincipal'],
};

/** Members and owners of a group through `$ref`, and the lists reached from a group. */
export const groupLinkRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.groupsRead } };
  const write = { config: { permissions: requires.groupsWrite } };

  for (const navigation of navigations) {
    const listing = async (request: GroupRequest): Promise<DirectoryListing> => {
      const group = await loadGroup(db, request.params.id);
      const extensions = await loadDeclaredExtensions(db);
      return {
        entitySet: navigation.entitySet,
        from: navigation.source(group.id),
        scope: sql`1 = 1`,
        catalog: navigation.catalog(extensions),
        kind: navigation.kind,
        extensions,
      };
    };
    app.get<{ Params: { id: string } }>(`/groups/:id/${navigation.path}`, read, async (request) =>
      listDirectoryObjects(request, context, version, await listing(request)),
    );
    app.get<{ Params: { id: string } }>(`/groups/:id/${navigation.path}/$count`, read, async (request, reply) =>
      sendCount(reply, await countDirectoryObjects(request, context, version, await listing(request))),
    );
  }

  for (const relation of ['members', 'owners'] as const) {
    app.post<{ Params: { id: string } }>(`/groups/:id/${relation}/$ref`, write, async (request, reply) => {
      const targetId = objectIdOfRefBody(request.body);
      await db.transaction().execute(async (trx) => {
        const group = await loadGroup(trx, request.params.id);
        if (relation === 'members') assertNotSynchronized(group);
        await addGroupLinks(trx, group.id, relation, await resolveReferences(trx, [targetId], relation, accepted[relation]));
      });
      return reply.status(204).send();
    });

    app.delete<{ Params: { id: string; targetId: string } }>(`/groups/:id/${relation}/:targetId/$ref`, write, async (request, reply) => {
      const targetId = requireObjectId(request.params.targetId);
      await db.transaction().execute(async (trx) => {
        const group = await loadGroup(trx, request.params.id);
        if (relation === 'members') assertNotSynchronized(group);
        if (!(await removeGroupLink(trx, group.id, relation, targetId))) throw new DirectoryObjectNotFoundError(request.params.targetId);
      });
      return reply.status(204).send();
    });
  }
};
