import type { FastifyRequest } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import type { Database } from '../../store/database.js';
import { softDeleteGroup } from '../deleted-items/object-lifecycle.js';
import { DirectoryObjectNotFoundError } from '../directory-errors.js';
import { assertCloudWritableChange, assertNotSynchronized, isSynchronized } from '../directory-objects/on-premises-authority.js';
import { sendCount } from '../directory-objects/count-response.js';
import { countDirectoryObjects, listDirectoryObjects, type DirectoryListing } from '../directory-objects/directory-listing.js';
import { directoryEntityResponse } from '../directory-objects/entity-response.js';
import { requireObjectId } from '../directory-objects/object-key.js';
import { resolveReferences } from '../directory-objects/object-lookup.js';
import { loadDeclaredExtensions, type DeclaredExtensions } from '../directory-objects/object-renderer.js';
import { newGuid } from '../guid.js';
import { addGroupLinks } from '../links/membership-repository.js';
import { assertLinkChangeLimit, boundObjectIds } from '../links/references.js';
import { newGroup, type Group } from './group.js';
import { groupCatalog } from './group-catalog.js';
import { applyGroupChanges, parseGroupWrite } from './group-input.js';
import { findGroup, insertGroup, updateGroup } from './group-repository.js';

/** A live group by id; a key that is not a GUID is Graph's 400, an unknown one its 404. */
export async function loadGroup(db: Kysely<Database>, key: string): Promise<Group> {
  const group = await findGroup(db, requireObjectId(key));
  if (!group) throw new DirectoryObjectNotFoundError(key);
  return group;
}

/** Adds the `members@odata.bind` / `owners@odata.bind` links of a create or update body, at most 20 together. */
async function bindLinks(db: Kysely<Database>, groupId: string, memberIds: readonly string[], ownerIds: readonly string[]): Promise<void> {
  await addGroupLinks(db, groupId, 'members', await resolveReferences(db, memberIds, 'members', ['user', 'group']));
  await addGroupLinks(db, groupId, 'owners', await resolveReferences(db, ownerIds, 'owners', ['user', 'servicePrincipal']));
}

/** A write body's properties without its `…@odata.bind` links. */
function bodyProperties(body: unknown): Record<string, unknown> {
  const record = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(record).filter(([key]) => !key.includes('@')));
}

function boundLinks(request: FastifyRequest): { memberIds: string[]; ownerIds: string[] } {
  const memberIds = boundObjectIds(request.body, 'members');
  const ownerIds = boundObjectIds(request.body, 'owners');
  assertLinkChangeLimit(memberIds, ownerIds);
  return { memberIds, ownerIds };
}

/** `/groups`: list and query, count, create (with members and owners), get, update, soft delete. */
export const groupRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.groupsRead } };
  const write = { config: { permissions: requires.groupsWrite } };
  const domain = context.tenant.defaultDomain;

  const groupsListing = (extensions: DeclaredExtensions): DirectoryListing => ({
    entitySet: 'groups',
    from: sql.table('groups'),
    scope: sql`deleted_at is null`,
    catalog: groupCatalog(extensions.group),
    kind: 'group',
    extensions,
  });

  const respond = (request: FastifyRequest, group: Group, extensions: DeclaredExtensions) =>
    directoryEntityResponse(request, context, version, {
      entitySet: 'groups',
      catalog: groupCatalog(extensions.group),
      kind: 'group',
      data: JSON.stringify(group),
      extensions,
    });

  app.get('/groups', read, async (request) => listDirectoryObjects(request, context, version, groupsListing(await loadDeclaredExtensions(db))));

  app.get('/groups/$count', read, async (request, reply) =>
    sendCount(reply, await countDirectoryObjects(request, context, version, groupsListing(await loadDeclaredExtensions(db)))),
  );

  app.post('/groups', write, async (request, reply) => {
    const extensions = await loadDeclaredExtensions(db);
    const { changes } = parseGroupWrite(request.body, { extensions: extensions.group });
    const { memberIds, ownerIds } = boundLinks(request);
    const group = newGroup({ id: newGuid(), ...changes } as Parameters<typeof newGroup>[0], domain);
    await db.transaction().execute(async (trx) => {
      await insertGroup(trx, group);
      await bindLinks(trx, group.id, memberIds, ownerIds);
    });
    return reply.status(201).send(await respond(request, group, extensions));
  });

  app.get<{ Params: { id: string } }>('/groups/:id', read, async (request) => {
    const extensions = await loadDeclaredExtensions(db);
    return respond(request, await loadGroup(db, request.params.id), extensions);
  });

  app.patch<{ Params: { id: string } }>('/groups/:id', write, async (request, reply) => {
    const extensions = await loadDeclaredExtensions(db);
    const { memberIds, ownerIds } = boundLinks(request);
    await db.transaction().execute(async (trx) => {
      const current = await loadGroup(trx, request.params.id);
      // Before Graph's group rules: a synchronized mail-enabled group would otherwise meet those first.
      if (isSynchronized(current)) {
        assertCloudWritableChange('group', current, { ...current, ...bodyProperties(request.body) });
        if (memberIds.length > 0) assertNotSynchronized(current);
      }
      const { changes } = parseGroupWrite(request.body, { current, extensions: extensions.group });
      const changed = Object.keys(changes);
      if (changed.length > 0) await updateGroup(trx, applyGroupChanges(current, changes, domain), changed);
      await bindLinks(trx, current.id, memberIds, ownerIds);
    });
    return reply.status(204).send();
  });

  app.delete<{ Params: { id: string } }>('/groups/:id', write, async (request, reply) => {
    await db.transaction().execute(async (trx) => {
      const group = await loadGroup(trx, request.params.id);
      assertNotSynchronized(group);
      await softDeleteGroup(trx, group);
    });
    return reply.status(204).send();
  });
};
