import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import { requires } from '../../auth/permissions.js';
import { entityResponse } from '../../api/graph/entity-response.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { listSqlCollection, type SqlCollection } from '../../api/graph/sql-collection.js';
import { parseWriteBody } from '../../api/graph/write-body.js';
import { BadRequestError, NotFoundError } from '../../errors/graph-error.js';
import type { Database } from '../../store/database.js';
import { newGuid } from '../guid.js';
import { deleteServicePrincipal, findServicePrincipalByAppId } from '../service-principals/service-principal-repository.js';
import { newApplication, type Application } from './application.js';
import { applicationCatalog } from './application-catalog.js';
import {
  deleteApplication,
  findApplicationByAppId,
  findApplicationById,
  insertApplication,
  updateApplication,
  withPasswordCredentials,
} from './application-repository.js';
import { addPassword, removePassword } from './password-credentials.js';

type Entity = Application & Record<string, unknown>;

const strings = z.array(z.string());
const appRole = z.object({
  allowedMemberTypes: strings,
  description: z.string().nullable().default(null),
  displayName: z.string().nullable().default(null),
  id: z.string().regex(/^[0-9a-f-]{36}$/i, 'must be a GUID'),
  isEnabled: z.boolean().default(true),
  origin: z.string().default('Application'),
  value: z.string().nullable().default(null),
});
const writable = {
  displayName: z.string().min(1).max(256),
  description: z.string().nullable(),
  identifierUris: strings,
  appRoles: z.array(appRole),
  notes: z.string().nullable(),
  signInAudience: z.enum(['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount']),
  tags: strings,
  requiredResourceAccess: z.array(z.unknown()),
  web: z.object({ homePageUrl: z.string().nullable().default(null), logoutUrl: z.string().nullable().default(null), redirectUris: strings.default([]) }),
};

const notFound = (id: string) =>
  new NotFoundError(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/** An application named by object id, or by appId through the `(appId='…')` alternate key. */
export async function loadApplication(db: Kysely<Database>, key: string): Promise<Application> {
  const application = key.startsWith('appId=') ? await findApplicationByAppId(db, key.slice('appId='.length)) : await findApplicationById(db, key);
  if (!application) throw notFound(key.replace(/^appId=/, ''));
  return application;
}

/** `/applications`: app registrations, with client secrets through addPassword and removePassword. */
export const applicationRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.applicationsRead } };
  const write = { config: { permissions: requires.applicationsWrite } };
  const collection: SqlCollection<Entity> = {
    entitySet: 'applications',
    table: 'applications',
    catalog: applicationCatalog,
    directoryObject: true,
    scope: sql`deleted_at is null`,
    toEntity: (row) => JSON.parse(row.data as string) as Entity,
    complete: async (entities) => (await withPasswordCredentials(db, entities)) as Entity[],
  };
  const respond = (request: Parameters<typeof entityResponse>[0], application: Application) =>
    entityResponse(request, context, version, 'applications', applicationCatalog, application as Entity);

  app.get('/applications', read, (request) => listSqlCollection(request, context, version, collection));

  app.get<{ Params: { id: string } }>('/applications/:id', read, async (request) => respond(request, await loadApplication(db, request.params.id)));

  app.post('/applications', write, async (request, reply) => {
    const body = parseWriteBody(writable, request.body, { partial: true });
    if (body.displayName === undefined) throw new BadRequestError("The property 'displayName' is required.", { code: 'Request_BadRequest' });
    const application = newApplication({ ...body, id: newGuid(), appId: newGuid(), displayName: body.displayName } as Parameters<typeof newApplication>[0]);
    await db.transaction().execute((trx) => insertApplication(trx, application));
    return reply.status(201).send(respond(request, application));
  });

  app.patch<{ Params: { id: string } }>('/applications/:id', write, async (request, reply) => {
    const body = parseWriteBody(writable, request.body, { partial: true });
    await db.transaction().execute(async (trx) => {
      const application = await loadApplication(trx, request.params.id);
      await updateApplication(trx, { ...application, ...body } as Application, Object.keys(body));
    });
    return reply.status(204).send();
  });

  app.delete<{ Params: { id: string } }>('/applications/:id', write, async (request, reply) => {
    await db.transaction().execute(async (trx) => {
      const application = await loadApplication(trx, request.params.id);
      const sp = await findServicePrincipalByAppId(trx, application.appId);
      if (sp) await deleteServicePrincipal(trx, sp.id);
      await deleteApplication(trx, application.id);
    });
    return reply.status(204).send();
  });

  const passwordInput = z.object({
    passwordCredential: z
      .object({
        displayName: z.string().max(256).nullable().optional(),
        startDateTime: z.iso.datetime({ offset: true }).optional(),
        endDateTime: z.iso.datetime({ offset: true }).optional(),
      })
      .optional(),
  });
  for (const name of ['addPassword', 'microsoft.graph.addPassword']) {
    app.post<{ Params: { id: string } }>(`/applications/:id/${name}`, write, async (request) => {
      const parsed = passwordInput.safeParse(request.body ?? {});
      if (!parsed.success) throw new BadRequestError(`Invalid passwordCredential: ${parsed.error.issues[0]?.message ?? 'invalid'}.`, { code: 'Request_BadRequest' });
      const input = parsed.data.passwordCredential ?? {};
      const start = input.startDateTime ? new Date(input.startDateTime).toISOString() : undefined;
      const end = input.endDateTime ? new Date(input.endDateTime).toISOString() : undefined;
      if (start && end && end <= start) throw new BadRequestError('endDateTime must be after startDateTime.', { code: 'Request_BadRequest' });
      const credential = await db.transaction().execute(async (trx) => {
        const application = await loadApplication(trx, request.params.id);
        return addPassword(trx, application.id, {
          ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
          ...(start ? { startDateTime: start } : {}),
          ...(end ? { endDateTime: end } : {}),
        });
      });
      return { '@odata.context': odataContext(request, context, version, 'microsoft.graph.passwordCredential'), ...credential };
    });
  }
  const removeInput = z.object({ keyId: z.string().regex(/^[0-9a-f-]{36}$/i, 'keyId must be a GUID') });
  for (const name of ['removePassword', 'microsoft.graph.removePassword']) {
    app.post<{ Params: { id: string } }>(`/applications/:id/${name}`, write, async (request, reply) => {
      const parsed = removeInput.safeParse(request.body ?? {});
      if (!parsed.success) throw new BadRequestError(`Invalid removePassword request: ${parsed.error.issues[0]?.message ?? 'invalid'}.`, { code: 'Request_BadRequest' });
      await db.transaction().execute(async (trx) => {
        const application = await loadApplication(trx, request.params.id);
        if (!(await removePassword(trx, application.id, parsed.data.keyId))) {
          throw new NotFoundError(`No password credential with keyId '${parsed.data.keyId}' exists on the application.`, { code: 'Request_ResourceNotFound' });
        }
      });
      return reply.status(204).send();
    });
  }
};
