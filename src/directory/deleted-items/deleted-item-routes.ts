import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { holdsAny } from '../../api/auth/principal.js';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { parseWriteBody } from '../../api/graph/write-body.js';
import { AuthorizationDeniedError } from '../../errors/graph-error.js';
import { DirectoryObjectNotFoundError } from '../directory-errors.js';
import { sendCount } from '../directory-objects/count-response.js';
import { countDirectoryObjects, listDirectoryObjects, type DirectoryListing } from '../directory-objects/directory-listing.js';
import { directoryEntityResponse } from '../directory-objects/entity-response.js';
import { requireObjectId } from '../directory-objects/object-key.js';
import { loadDeclaredExtensions, type DeclaredExtensions } from '../directory-objects/object-renderer.js';
import { groupCatalog } from '../groups/group-catalog.js';
import { userCatalog } from '../users/user-catalog.js';
import { findDeletedObject, purgeDeletedObject, restoreGroup, restoreUser, type DeletableType } from './object-lifecycle.js';

const permissions = {
  user: { read: requires.usersRead, write: requires.usersWrite },
  group: { read: requires.groupsRead, write: requires.groupsWrite },
} as const;

const restoreBody = { newUserPrincipalName: z.string().min(1).max(113), autoReconcileProxyConflict: z.boolean() };

/**
 * `/directory/deletedItems`: soft-deleted users and groups, listed by type, read, restored or deleted for
 * good. Routes by id serve either type; the caller must hold the permission for the type it finds.
 */
export const deletedItemRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const domain = context.tenant.defaultDomain;
  const anyRead = { config: { permissions: [...new Set([...requires.usersRead, ...requires.groupsRead])] } };
  const anyWrite = { config: { permissions: [...new Set([...requires.usersWrite, ...requires.groupsWrite])] } };

  const deletedListing = (type: DeletableType, extensions: DeclaredExtensions): DirectoryListing => ({
    entitySet: `directory/deletedItems/microsoft.graph.${type}`,
    from: sql.table(type === 'user' ? 'users' : 'groups'),
    scope: sql`deleted_at is not null`,
    catalog: type === 'user' ? userCatalog(extensions.user, { deleted: true }) : groupCatalog(extensions.group, { deleted: true }),
    kind: type,
    extensions,
  });

  for (const type of ['user', 'group'] as const) {
    const read = { config: { permissions: permissions[type].read } };
    app.get(`/directory/deletedItems/microsoft.graph.${type}`, read, async (request) =>
      listDirectoryObjects(request, context, version, deletedListing(type, await loadDeclaredExtensions(db))),
    );
    app.get(`/directory/deletedItems/microsoft.graph.${type}/$count`, read, async (request, reply) =>
      sendCount(reply, await countDirectoryObjects(request, context, version, deletedListing(type, await loadDeclaredExtensions(db)))),
    );
  }

  /** The deleted object the path names, once the caller is known to hold the permission for its type. */
  const loadDeleted = async (request: FastifyRequest<{ Params: { id: string } }>, access: 'read' | 'write', database = db) => {
    const found = await findDeletedObject(database, requireObjectId(request.params.id));
    if (!found) throw new DirectoryObjectNotFoundError(request.params.id);
    if (request.principal === undefined || !holdsAny(request.principal, permissions[found.type][access])) throw new AuthorizationDeniedError();
    return found;
  };

  const respond = async (request: FastifyRequest, type: DeletableType, data: string) => {
    const extensions = await loadDeclaredExtensions(db);
    return directoryEntityResponse(request, context, version, {
      entitySet: 'directoryObjects',
      catalog: type === 'user' ? userCatalog(extensions.user, { deleted: true }) : groupCatalog(extensions.group, { deleted: true }),
      kind: type,
      data,
      extensions,
      annotate: true,
    });
  };

  app.get<{ Params: { id: string } }>('/directory/deletedItems/:id', anyRead, async (request) => {
    const found = await loadDeleted(request, 'read');
    return respond(request, found.type, JSON.stringify(found.object));
  });

  const restore = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const body = parseWriteBody(restoreBody, request.body ?? {}, { partial: true });
    const restored = await db.transaction().execute(async (trx) => {
      const found = await loadDeleted(request, 'write', trx);
      if (found.type === 'user') return { type: found.type, object: await restoreUser(trx, found.object, domain, body.newUserPrincipalName) };
      return { type: found.type, object: await restoreGroup(trx, found.object) };
    });
    return reply.status(200).send(await respond(request, restored.type, JSON.stringify(restored.object)));
  };
  app.post<{ Params: { id: string } }>('/directory/deletedItems/:id/restore', anyWrite, restore);
  app.post<{ Params: { id: string } }>('/directory/deletedItems/:id/microsoft.graph.restore', anyWrite, restore);

  app.delete<{ Params: { id: string } }>('/directory/deletedItems/:id', anyWrite, async (request, reply) => {
    await db.transaction().execute(async (trx) => {
      const found = await loadDeleted(request, 'write', trx);
      await purgeDeletedObject(trx, found.type, found.object.id);
    });
    return reply.status(204).send();
  });
};
