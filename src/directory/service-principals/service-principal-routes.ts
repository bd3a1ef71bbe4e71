import { sql } from 'kysely';
import { z } from 'zod';
import { requires } from '../../auth/permissions.js';
import { entityResponse } from '../../api/graph/entity-response.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { listSqlCollection, type SqlCollection } from '../../api/graph/sql-collection.js';
import { parseWriteBody } from '../../api/graph/write-body.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors/graph-error.js';
import { findApplicationByAppId } from '../applications/application-repository.js';
import { newGuid } from '../guid.js';
import type { ServicePrincipal } from './service-principal.js';
import { newServicePrincipal } from './service-principal.js';
import { servicePrincipalCatalog } from './service-principal-catalog.js';
import {
  deleteServicePrincipal,
  findServicePrincipalByAppId,
  findServicePrincipalById,
  insertServicePrincipal,
  servicePrincipalFromData,
  updateServicePrincipal,
} from './service-principal-repository.js';

const collection: SqlCollection<ServicePrincipal & Record<string, unknown>> = {
  entitySet: 'servicePrincipals',
  table: 'service_principals',
  catalog: servicePrincipalCatalog,
  directoryObject: true,
  scope: sql`deleted_at is null`,
  toEntity: (row) => servicePrincipalFromData(row.data as string) as ServicePrincipal & Record<string, unknown>,
  storedJson: true,
};

const strings = z.array(z.string());
const writable = {
  accountEnabled: z.boolean(),
  appRoleAssignmentRequired: z.boolean(),
  description: z.string().nullable(),
  displayName: z.string().min(1).max(256),
  homepage: z.string().nullable(),
  loginUrl: z.string().nullable(),
  logoutUrl: z.string().nullable(),
  notes: z.string().nullable(),
  notificationEmailAddresses: strings,
  preferredSingleSignOnMode: z.string().nullable(),
  replyUrls: strings,
  servicePrincipalNames: strings,
  tags: strings,
};

const notFound = (id: string) =>
  new NotFoundError(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/** A service principal named by object id, or by appId through the `(appId='…')` alternate key. */
export async function loadServicePrincipal(db: Parameters<typeof findServicePrincipalById>[0], key: string): Promise<ServicePrincipal> {
  const sp = key.startsWith('appId=') ? await findServicePrincipalByAppId(db, key.slice('appId='.length)) : await findServicePrincipalById(db, key);
  if (!sp) throw notFound(key.replace(/^appId=/, ''));
  return sp;
}

/** `/servicePrincipals`: list and query, get, create for an app registration, update, delete. */
export const servicePrincipalRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.applicationsRead } };
  const write = { config: { permissions: requires.applicationsWrite } };

  app.get('/servicePrincipals', read, (request) => listSqlCollection(request, context, version, collection));

  app.get<{ Params: { id: string } }>('/servicePrincipals/:id', read, async (request) => {
    const sp = await loadServicePrincipal(db, request.params.id);
    return entityResponse(request, context, version, 'servicePrincipals', servicePrincipalCatalog, sp as unknown as Record<string, unknown>);
  });

  app.post('/servicePrincipals', write, async (request, reply) => {
    const body = parseWriteBody({ ...writable, appId: z.string() }, request.body, { partial: true });
    if (!body.appId) throw new BadRequestError("The property 'appId' is required when creating a service principal.", { code: 'Request_BadRequest' });
    const application = await findApplicationByAppId(db, body.appId);
    if (!application) {
      throw new BadRequestError(`The appId '${body.appId}' of the service principal does not reference a valid application object.`, { code: 'Request_BadRequest' });
    }
    if (await findServicePrincipalByAppId(db, application.appId)) {
      throw new ConflictError('The service principal cannot be created because one already exists for this application.', { code: 'Request_MultipleObjectsWithSameKeyValue' });
    }
    const { appId: _appId, ...fields } = body;
    const sp = newServicePrincipal({
      id: newGuid(),
      appId: application.appId,
      applicationTemplateId: application.applicationTemplateId,
      appRoles: application.appRoles,
      ...fields,
      displayName: fields.displayName ?? application.displayName,
    } as Parameters<typeof newServicePrincipal>[0]);
    await db.transaction().execute((trx) => insertServicePrincipal(trx, sp));
    return reply.status(201).send(entityResponse(request, context, version, 'servicePrincipals', servicePrincipalCatalog, sp as unknown as Record<string, unknown>));
  });

  app.patch<{ Params: { id: string } }>('/servicePrincipals/:id', write, async (request, reply) => {
    const body = parseWriteBody(writable, request.body, { partial: true });
    await db.transaction().execute(async (trx) => {
      const sp = await loadServicePrincipal(trx, request.params.id);
      await updateServicePrincipal(trx, { ...sp, ...body } as ServicePrincipal, Object.keys(body));
    });
    return reply.status(204).send();
  });

  app.delete<{ Params: { id: string } }>('/servicePrincipals/:id', write, async (request, reply) => {
    await db.transaction().execute(async (trx) => {
      const sp = await loadServicePrincipal(trx, request.params.id);
      await deleteServicePrincipal(trx, sp.id);
    });
    return reply.status(204).send();
  });
};
