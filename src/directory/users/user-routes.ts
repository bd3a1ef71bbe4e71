import { sql, type Kysely } from 'kysely';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import type { Database } from '../../store/database.js';
import { softDeleteUser } from '../deleted-items/object-lifecycle.js';
import { DirectoryObjectNotFoundError } from '../directory-errors.js';
import { assertCloudWritableChange, assertNotSynchronized } from '../directory-objects/on-premises-authority.js';
import { countDirectoryObjects, listDirectoryObjects, type DirectoryListing } from '../directory-objects/directory-listing.js';
import { directoryEntityResponse } from '../directory-objects/entity-response.js';
import { loadDeclaredExtensions, type DeclaredExtensions } from '../directory-objects/object-renderer.js';
import { sendCount } from '../directory-objects/count-response.js';
import { newGuid } from '../guid.js';
import { assignManager } from '../links/manager-repository.js';
import { objectIdOfReference } from '../links/references.js';
import { newUser, type User } from './user.js';
import { userCatalog } from './user-catalog.js';
import { expandManager } from './user-expand.js';
import { applyUserChanges, parseUserWrite } from './user-input.js';
import { assertPasswordPolicy, hashUserPassword } from './user-password.js';
import { findUser, insertUser, updateUser, type StoredUser } from './user-repository.js';

/** A live user by id or userPrincipalName, or Graph's 404. */
export async function loadUser(db: Kysely<Database>, key: string): Promise<StoredUser> {
  const stored = await findUser(db, key);
  if (!stored) throw new DirectoryObjectNotFoundError(key);
  return stored;
}

/** `/users`: list and query, count, create, get, update, soft delete. */
export const userRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.usersRead } };
  const write = { config: { permissions: requires.usersWrite } };
  const domain = context.tenant.defaultDomain;

  const usersListing = (extensions: DeclaredExtensions): DirectoryListing => ({
    entitySet: 'users',
    from: sql.table('users'),
    scope: sql`deleted_at is null`,
    catalog: userCatalog(extensions.user),
    kind: 'user',
    extensions,
    expand: expandManager(db, version, extensions),
  });

  const respond = async (request: Parameters<typeof directoryEntityResponse>[0], data: string, extensions: DeclaredExtensions) =>
    directoryEntityResponse(request, context, version, {
      entitySet: 'users',
      catalog: userCatalog(extensions.user),
      kind: 'user',
      data,
      extensions,
      expand: expandManager(db, version, extensions),
    });

  app.get('/users', read, async (request) => listDirectoryObjects(request, context, version, usersListing(await loadDeclaredExtensions(db))));

  app.get('/users/$count', read, async (request, reply) =>
    sendCount(reply, await countDirectoryObjects(request, context, version, usersListing(await loadDeclaredExtensions(db)))),
  );

  app.post('/users', write, async (request, reply) => {
    const extensions = await loadDeclaredExtensions(db);
    const parsed = parseUserWrite(request.body, { create: true, extensions: extensions.user, tenantDomain: domain });
    const password = parsed.password!;
    assertPasswordPolicy(password);
    const managerId = parsed.managerBind === undefined ? undefined : objectIdOfReference(parsed.managerBind);
    const passwordHash = await hashUserPassword(password);
    const now = new Date().toISOString();
    // parseUserWrite checked that a create carries userPrincipalName (and the other required properties).
    const fields = { ...parsed.changes, id: newGuid(), lastPasswordChangeDateTime: now } as Parameters<typeof newUser>[0];
    const user = newUser(fields, now);
    await db.transaction().execute(async (trx) => {
      await insertUser(trx, user, { managerId: null, passwordHash });
      if (managerId !== undefined) await assignManager(trx, user.id, managerId, null);
    });
    return reply.status(201).send(await respond(request, JSON.stringify(user), extensions));
  });

  app.get<{ Params: { id: string } }>('/users/:id', read, async (request) => {
    const extensions = await loadDeclaredExtensions(db);
    const { user } = await loadUser(db, request.params.id);
    return respond(request, JSON.stringify(user), extensions);
  });

  app.patch<{ Params: { id: string } }>('/users/:id', write, async (request, reply) => {
    const extensions = await loadDeclaredExtensions(db);
    const parsed = parseUserWrite(request.body, { create: false, extensions: extensions.user, tenantDomain: domain });
    if (parsed.password !== undefined) assertPasswordPolicy(parsed.password);
    const managerId = parsed.managerBind === undefined ? undefined : objectIdOfReference(parsed.managerBind);
    const passwordHash = parsed.password === undefined ? undefined : await hashUserPassword(parsed.password);
    await db.transaction().execute(async (trx) => {
      const stored = await loadUser(trx, request.params.id);
      const changed = Object.keys(parsed.changes);
      if (changed.length > 0 || passwordHash !== undefined) {
        let updated: User = applyUserChanges(stored.user, parsed.changes);
        if (passwordHash !== undefined) updated = { ...updated, lastPasswordChangeDateTime: new Date().toISOString() };
        assertCloudWritableChange('user', stored.user, updated);
        await updateUser(trx, updated, passwordHash === undefined ? changed : [...changed, 'passwordProfile'], passwordHash);
      }
      if (managerId !== undefined) {
        if (managerId !== stored.managerId) assertNotSynchronized(stored.user);
        await assignManager(trx, stored.user.id, managerId, stored.managerId);
      }
    });
    return reply.status(204).send();
  });

  app.delete<{ Params: { id: string } }>('/users/:id', write, async (request, reply) => {
    await db.transaction().execute(async (trx) => {
      const { user } = await loadUser(trx, request.params.id);
      assertNotSynchronized(user);
      await softDeleteUser(trx, user);
    });
    return reply.status(204).send();
  });
};
