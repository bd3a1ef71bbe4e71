import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { requires } from '../../auth/permissions.js';
import { entityResponse } from '../../api/graph/entity-response.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { listSqlCollection, type SqlCollection } from '../../api/graph/sql-collection.js';
import { parseWriteBody } from '../../api/graph/write-body.js';
import { BadRequestError, NotFoundError } from '../../errors/graph-error.js';
import type { Kysely } from 'kysely';
import type { Permission } from '../../auth/permissions.js';
import type { AppRoleAssignmentsTable, Database } from '../../store/database.js';
import { loadGroup } from '../groups/group-routes.js';
import { loadUser } from '../users/user-routes.js';
import { isGuid } from '../guid.js';
import { resolvePrincipal } from '../principals.js';
import { loadServicePrincipal } from '../service-principals/service-principal-routes.js';
import { findServicePrincipalById } from '../service-principals/service-principal-repository.js';
import type { AppRoleAssignment } from './app-role-assignment.js';
import { appRoleAssignmentCatalog } from './app-role-assignment-catalog.js';
import { appRoleAssignmentFromRow, assignAppRole, removeAppRoleAssignment } from './app-role-assignment-repository.js';

/** The "Default Access" role: assigning a principal to an app that declares no app roles. */
const defaultAccessRoleId = '00000000-0000-0000-0000-000000000000';

const guid = z.string().refine(isGuid, 'must be a GUID');
const assignmentBody = { principalId: guid, resourceId: guid, appRoleId: guid };

type Entity = AppRoleAssignment & Record<string, unknown>;

/** Finds the object in the request URL (404 when absent) and returns its id. */
type OwnerLoader = (db: Kysely<Database>, key: string) => Promise<string>;

/**
 * App role assignments: `appRoleAssignedTo` of a service principal (who is assigned to this app — the
 * provisioning scope "assigned users and groups") and `appRoleAssignments` (what this principal was granted —
 * for API clients, their Microsoft Graph permissions), also under `/users/{id}` and `/groups/{id}`.
 */
export const appRoleAssignmentRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.applicationsRead } };
  const write = { config: { permissions: requires.appRoleAssignmentsWrite } };

  const listing = (column: 'resource_id' | 'principal_id', id: string, entitySet: string): SqlCollection<Entity> => ({
    entitySet,
    table: 'app_role_assignments',
    catalog: appRoleAssignmentCatalog,
    directoryObject: false,
    scope: sql`${sql.ref(column)} = ${id}`,
    columns: ['id', 'app_role_id', 'principal_id', 'principal_type', 'principal_display_name', 'resource_id', 'resource_display_name', 'created_at'],
    toEntity: (row) => appRoleAssignmentFromRow(row as unknown as AppRoleAssignmentsTable) as Entity,
  });

  const create = async (request: FastifyRequest<{ Params: { id: string } }>, side: 'resource' | 'principal', owner: OwnerLoader) => {
    const body = parseWriteBody(assignmentBody, request.body, { partial: false });
    return db.transaction().execute(async (trx) => {
      const self = { id: await owner(trx, request.params.id) };
      if (side === 'resource' && body.resourceId.toLowerCase() !== self.id) {
        throw new BadRequestError('resourceId must be the id of the object in the request URL.', { code: 'Request_BadRequest' });
      }
      if (side === 'principal' && body.principalId.toLowerCase() !== self.id) {
        throw new BadRequestError('principalId must be the id of the object in the request URL.', { code: 'Request_BadRequest' });
      }
      const resource = await findServicePrincipalById(trx, body.resourceId);
      if (!resource) throw new NotFoundError(`Resource '${body.resourceId}' does not exist or one of its queried reference-property objects are not present.`);
      const principal = await resolvePrincipal(trx, body.principalId);
      if (!principal) throw new NotFoundError(`Resource '${body.principalId}' does not exist or one of its queried reference-property objects are not present.`);
      const appRoleId = body.appRoleId.toLowerCase();
      const role = resource.appRoles.find((r) => r.id.toLowerCase() === appRoleId);
      const allowed =
        (role !== undefined && role.isEnabled && role.allowedMemberTypes.includes(principal.type === 'ServicePrincipal' ? 'Application' : 'User')) ||
        (appRoleId === defaultAccessRoleId && resource.appRoles.length === 0);
      if (!allowed) {
        throw new BadRequestError('Permission being assigned was not found on application', { code: 'Request_BadRequest', target: 'appRoleId' });
      }
      const existing = await trx
        .selectFrom('app_role_assignments')
        .select('id')
        .where('resource_id', '=', resource.id)
        .where('principal_id', '=', principal.id)
        .where('app_role_id', '=', appRoleId)
        .executeTakeFirst();
      if (existing) throw new BadRequestError('Permission being assigned already exists on the object', { code: 'Request_BadRequest' });
      return assignAppRole(trx, {
        appRoleId,
        principalId: principal.id,
        principalType: principal.type,
        principalDisplayName: principal.displayName,
        resourceId: resource.id,
        resourceDisplayName: resource.displayName,
      });
    });
  };

  const remove = async (request: FastifyRequest<{ Params: { id: string; assignmentId: string } }>, column: 'resource_id' | 'principal_id', owner: OwnerLoader) => {
    await db.transaction().execute(async (trx) => {
      const self = { id: await owner(trx, request.params.id) };
      const row = await trx
        .selectFrom('app_role_assignments')
        .select('id')
        .where('id', '=', request.params.assignmentId.toLowerCase())
        .where(column, '=', self.id)
        .executeTakeFirst();
      if (!row || !(await removeAppRoleAssignment(trx, row.id))) {
        throw new NotFoundError(`Resource '${request.params.assignmentId}' does not exist or one of its queried reference-property objects are not present.`);
      }
    });
  };

  const servicePrincipalId: OwnerLoader = async (trx, key) => (await loadServicePrincipal(trx, key)).id;
  const routes = [
    { collection: 'servicePrincipals', segment: 'appRoleAssignedTo', column: 'resource_id', side: 'resource', owner: servicePrincipalId, read },
    { collection: 'servicePrincipals', segment: 'appRoleAssignments', column: 'principal_id', side: 'principal', owner: servicePrincipalId, read },
    {
      collection: 'users',
      segment: 'appRoleAssignments',
      column: 'principal_id',
      side: 'principal',
      owner: async (trx, key) => (await loadUser(trx, key)).user.id,
      read: { config: { permissions: requires.usersRead } },
    },
    {
      collection: 'groups',
      segment: 'appRoleAssignments',
      column: 'principal_id',
      side: 'principal',
      owner: async (trx, key) => (await loadGroup(trx, key)).id,
      read: { config: { permissions: requires.groupsRead } },
    },
  ] as const satisfies readonly {
    collection: string;
    segment: string;
    column: 'resource_id' | 'principal_id';
    side: 'resource' | 'principal';
    owner: OwnerLoader;
    read: { config: { permissions: readonly Permission[] } };
  }[];
  for (const { collection, segment, column, side, owner, read: readAccess } of routes) {
    app.get<{ Params: { id: string } }>(`/${collection}/:id/${segment}`, readAccess, async (request) => {
      const id = await owner(db, request.params.id);
      return listSqlCollection(request, context, version, listing(column, id, `${collection}('${id}')/${segment}`));
    });
    app.post<{ Params: { id: string } }>(`/${collection}/:id/${segment}`, write, async (request, reply) => {
      const assignment = await create(request, side, owner);
      const id = await owner(db, request.params.id);
      return reply
        .status(201)
        .send(entityResponse(request, context, version, `${collection}('${id}')/${segment}`, appRoleAssignmentCatalog, assignment as Entity));
    });
    app.delete<{ Params: { id: string; assignmentId: string } }>(`/${collection}/:id/${segment}/:assignmentId`, write, async (request, reply) => {
      await remove(request, column, owner);
      return reply.status(204).send();
    });
  }
};
