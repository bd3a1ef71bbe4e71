import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { maskSecrets } from '../secrets/secret-store.js';
import { parseSynchronizationInput } from '../schema/index.js';
import { ownerCollections, ownerOf, type OwnerParams } from './owner-params.js';
import { secretsBody, synchronizationBody } from './request-bodies.js';

/** The synchronization entity and its secrets: PUT replaces the set (204), GET shows credentials masked. */
export const secretsRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.synchronizationRead } };
  const write = { config: { permissions: requires.synchronizationWrite } };
  for (const collection of ownerCollections) {
    const base = `/${collection}/:ownerId/synchronization`;

    app.get<{ Params: OwnerParams }>(base, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      return {
        '@odata.context': odataContext(request, context, version, `${owner.contextPath}/synchronization/$entity`),
        id: owner.servicePrincipal.id,
        secrets: maskSecrets(await context.secrets.read(db, owner.servicePrincipal.id)),
      };
    });

    // PUT on the synchronization entity carries its secrets; DELETE removes every job and the secrets.
    app.put<{ Params: OwnerParams }>(base, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const body = parseSynchronizationInput(synchronizationBody, request.body, 'synchronization');
      if (body.secrets !== undefined) await context.secrets.replace(db, owner.servicePrincipal.id, body.secrets);
      return reply.status(204).send();
    });

    app.delete<{ Params: OwnerParams }>(base, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('synchronization_jobs').where('service_principal_id', '=', owner.servicePrincipal.id).execute();
        await trx.deleteFrom('synchronization_secrets').where('service_principal_id', '=', owner.servicePrincipal.id).execute();
      });
      return reply.status(204).send();
    });

    app.get<{ Params: OwnerParams }>(`${base}/secrets`, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      return {
        '@odata.context': odataContext(request, context, version, `${owner.contextPath}/synchronization/secrets`),
        value: maskSecrets(await context.secrets.read(db, owner.servicePrincipal.id)),
      };
    });

    app.put<{ Params: OwnerParams }>(`${base}/secrets`, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const body = parseSynchronizationInput(secretsBody, request.body, 'secrets');
      await context.secrets.replace(db, owner.servicePrincipal.id, body.value);
      return reply.status(204).send();
    });
  }
};
