import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { parseWriteBody } from '../../api/graph/write-body.js';
import type { Database } from '../../store/database.js';
import { findApplicationByAppId, findApplicationById } from '../applications/application-repository.js';
import type { Application } from '../applications/application.js';
import { DirectoryObjectNotFoundError, DuplicatePropertyValueError, RequiredPropertyError } from '../directory-errors.js';
import { isUniqueViolation } from '../directory-objects/unique-violation.js';
import { newGuid } from '../guid.js';
import { extensionDataTypes, extensionPropertyName, extensionTargetObjects, type ExtensionProperty } from './extension-property.js';
import {
  deleteExtensionProperty,
  findExtensionPropertyByName,
  insertExtensionProperty,
  listExtensionProperties,
  listExtensionPropertiesOfApplication,
} from './extension-property-repository.js';

const createBody = {
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, 'letters, digits and underscores, starting with a letter'),
  dataType: z.enum(extensionDataTypes),
  targetObjects: z.array(z.enum(extensionTargetObjects)).min(1),
  isMultiValued: z.boolean(),
};

/** An application by object id, or by appId through the `(appId='…')` alternate key. */
async function loadApplication(db: Kysely<Database>, key: string): Promise<Application> {
  const application = key.startsWith('appId=') ? await findApplicationByAppId(db, key.slice('appId='.length)) : await findApplicationById(db, key);
  if (!application) throw new DirectoryObjectNotFoundError(key);
  return application;
}

/**
 * Directory extension properties: declared on an application (`/applications/{id}/extensionProperties`),
 * they become `extension_{appId}_{name}` attributes users and groups can carry and queries can filter on.
 */
export const extensionPropertyRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.applicationsRead } };
  const write = { config: { permissions: requires.applicationsWrite } };
  const collectionContext = (request: FastifyRequest, application: Application) =>
    odataContext(request, context, version, `applications('${application.id}')/extensionProperties`);

  app.get<{ Params: { id: string } }>('/applications/:id/extensionProperties', read, async (request) => {
    const application = await loadApplication(db, request.params.id);
    return { '@odata.context': collectionContext(request, application), value: await listExtensionPropertiesOfApplication(db, application.id) };
  });

  app.post<{ Params: { id: string } }>('/applications/:id/extensionProperties', write, async (request, reply) => {
    const body = parseWriteBody(createBody, request.body, { partial: true });
    for (const property of ['name', 'dataType', 'targetObjects'] as const) {
      if (body[property] === undefined) throw new RequiredPropertyError(property);
    }
    const created = await db.transaction().execute(async (trx) => {
      const application = await loadApplication(trx, request.params.id);
      const property: ExtensionProperty = {
        id: newGuid(),
        deletedDateTime: null,
        appDisplayName: application.displayName,
        dataType: body.dataType!,
        isMultiValued: body.isMultiValued ?? false,
        isSyncedFromOnPremises: false,
        name: extensionPropertyName(application.appId, body.name!),
        targetObjects: [...new Set(body.targetObjects!)],
      };
      if (await findExtensionPropertyByName(trx, property.name)) throw new DuplicatePropertyValueError('name');
      try {
        await insertExtensionProperty(trx, application.id, property);
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuplicatePropertyValueError('name');
        throw error;
      }
      return { application, property };
    });
    return reply.status(201).send({ '@odata.context': `${collectionContext(request, created.application)}/$entity`, ...created.property });
  });

  app.get<{ Params: { id: string; propertyId: string } }>('/applications/:id/extensionProperties/:propertyId', read, async (request) => {
    const application = await loadApplication(db, request.params.id);
    const property = (await listExtensionPropertiesOfApplication(db, application.id)).find((p) => p.id === request.params.propertyId.toLowerCase());
    if (!property) throw new DirectoryObjectNotFoundError(request.params.propertyId);
    return { '@odata.context': `${collectionContext(request, application)}/$entity`, ...property };
  });

  app.delete<{ Params: { id: string; propertyId: string } }>('/applications/:id/extensionProperties/:propertyId', write, async (request, reply) => {
    await db.transaction().execute(async (trx) => {
      const application = await loadApplication(trx, request.params.id);
      if (!(await deleteExtensionProperty(trx, application.id, request.params.propertyId.toLowerCase()))) {
        throw new DirectoryObjectNotFoundError(request.params.propertyId);
      }
    });
    return reply.status(204).send();
  });

  const available = async (request: FastifyRequest, reply: FastifyReply) => {
    const body = parseWriteBody({ isSyncedFromOnPremises: z.boolean() }, request.body ?? {}, { partial: true });
    const all = await listExtensionProperties(db);
    const value = body.isSyncedFromOnPremises === undefined ? all : all.filter((p) => p.isSyncedFromOnPremises === body.isSyncedFromOnPremises);
    return reply.send({ '@odata.context': odataContext(request, context, version, 'Collection(microsoft.graph.extensionProperty)'), value });
  };
  const readDirectory = { config: { permissions: [...new Set([...requires.applicationsRead, ...requires.usersRead, ...requires.groupsRead])] } };
  app.post('/directoryObjects/getAvailableExtensionProperties', readDirectory, available);
  app.post('/directoryObjects/microsoft.graph.getAvailableExtensionProperties', readDirectory, available);
};
