import type { FastifyRequest } from 'fastify';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { NotFoundError } from '../../errors/graph-error.js';
import { discoverJobDirectory, findSchemaDirectory } from '../discovery/discover-job-directory.js';
import { getJob, runtimeOf } from '../jobs/job-service.js';
import { readJobSchema, writeJobSchema } from '../jobs/job-repository.js';
import { findOwnerTemplate } from '../owner-templates.js';
import { newSchemaVersion, prepareSchemaUpdate } from '../schema-update.js';
import type { SynchronizationSchema } from '../schema/index.js';
import type { SynchronizationOwner } from '../synchronization-owner.js';
import { graphOperation } from './graph-action.js';
import { ownerCollections, ownerOf, type OwnerParams } from './owner-params.js';

type JobParams = OwnerParams & { jobId: string };
type DirectoryParams = JobParams & { directoryId: string };

/** A job's schema: get (directories inline), PUT/PATCH as full replace, DELETE resets to the template's. */
export const schemaRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.synchronizationRead } };
  const write = { config: { permissions: requires.synchronizationWrite } };

  const loadSchema = async (owner: SynchronizationOwner, jobId: string): Promise<SynchronizationSchema> => {
    await getJob(db, owner, jobId);
    const schema = await readJobSchema(db, jobId);
    if (!schema) throw new NotFoundError(`The synchronization job '${jobId}' has no schema.`);
    return schema;
  };

  for (const collection of ownerCollections) {
    const schemaPath = `/${collection}/:ownerId/synchronization/jobs/:jobId/schema`;
    const contextOf = (request: FastifyRequest<{ Params: JobParams }>, owner: SynchronizationOwner, suffix: string) =>
      odataContext(request, context, version, `${owner.contextPath}/synchronization/jobs('${request.params.jobId}')/schema${suffix}`);

    app.get<{ Params: JobParams }>(schemaPath, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      const schema = await loadSchema(owner, request.params.jobId);
      return { '@odata.context': contextOf(request, owner, '/$entity'), ...schema };
    });

    const replace = async (request: FastifyRequest<{ Params: JobParams }>) => {
      const owner = await ownerOf(request, context, collection);
      const job = await getJob(db, owner, request.params.jobId);
      const stored = await loadSchema(owner, job.id);
      await writeJobSchema(db, job.id, prepareSchemaUpdate(request.body, stored.id, runtimeOf(job.templateId).expressionDialect));
    };
    app.put<{ Params: JobParams }>(schemaPath, write, async (request, reply) => {
      await replace(request);
      return reply.status(204).send();
    });
    app.patch<{ Params: JobParams }>(schemaPath, write, async (request, reply) => {
      await replace(request);
      return reply.status(204).send();
    });

    app.delete<{ Params: JobParams }>(schemaPath, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const job = await getJob(db, owner, request.params.jobId);
      const template = await findOwnerTemplate(db, owner, job.templateId);
      const stored = await loadSchema(owner, job.id);
      const reset = template?.schema ?? { id: stored.id, version: null, synchronizationRules: [], directories: [] };
      await writeJobSchema(db, job.id, { ...structuredClone(reset), id: stored.id, version: newSchemaVersion() } as SynchronizationSchema);
      return reply.status(204).send();
    });

    app.get<{ Params: JobParams }>(`${schemaPath}/directories`, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      const schema = await loadSchema(owner, request.params.jobId);
      return { '@odata.context': contextOf(request, owner, '/directories'), value: schema.directories };
    });

    app.get<{ Params: DirectoryParams }>(`${schemaPath}/directories/:directoryId`, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      const directory = findSchemaDirectory(await loadSchema(owner, request.params.jobId), request.params.directoryId);
      return { '@odata.context': contextOf(request, owner, '/directories/$entity'), ...directory };
    });

    graphOperation<DirectoryParams>(app, 'POST', `${schemaPath}/directories/:directoryId`, 'discover', write, async (request) => {
      const owner = await ownerOf(request, context, collection);
      const job = await getJob(db, owner, request.params.jobId);
      const secrets = await context.secrets.read(db, owner.servicePrincipal.id);
      const discovered = await discoverJobDirectory(db, job, request.params.directoryId, secrets, new Date());
      return { '@odata.context': contextOf(request, owner, '/directories/$entity'), ...discovered };
    });
  }
};
