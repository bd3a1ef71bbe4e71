import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { createJob, deleteJob, getJob, updateJobSettings } from '../jobs/job-service.js';
import { listJobs } from '../jobs/job-repository.js';
import { toGraphJob } from '../jobs/synchronization-job.js';
import { createJobBody, updateJobBody } from './request-bodies.js';
import { parseSynchronizationInput } from '../schema/index.js';
import { ownerCollections, ownerOf, type OwnerParams } from './owner-params.js';

type JobParams = OwnerParams & { jobId: string };

/** Jobs: list, create (201, disabled), get, PATCH settings, delete (204). */
export const jobRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.synchronizationRead } };
  const write = { config: { permissions: requires.synchronizationWrite } };
  for (const collection of ownerCollections) {
    const jobs = `/${collection}/:ownerId/synchronization/jobs`;

    app.get<{ Params: OwnerParams }>(jobs, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      return {
        '@odata.context': odataContext(request, context, version, `${owner.contextPath}/synchronization/jobs`),
        value: (await listJobs(db, owner.servicePrincipal.id)).map(toGraphJob),
      };
    });

    app.post<{ Params: OwnerParams }>(jobs, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const body = parseSynchronizationInput(createJobBody, request.body, 'synchronizationJob');
      const job = await createJob(db, owner, body.templateId, body.synchronizationJobSettings);
      return reply.status(201).send({
        '@odata.context': odataContext(request, context, version, `${owner.contextPath}/synchronization/jobs/$entity`),
        ...toGraphJob(job),
      });
    });

    app.get<{ Params: JobParams }>(`${jobs}/:jobId`, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      const job = await getJob(db, owner, request.params.jobId);
      return { '@odata.context': odataContext(request, context, version, `${owner.contextPath}/synchronization/jobs/$entity`), ...toGraphJob(job) };
    });

    app.patch<{ Params: JobParams }>(`${jobs}/:jobId`, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const body = parseSynchronizationInput(updateJobBody, request.body ?? {}, 'synchronizationJob');
      await updateJobSettings(db, owner, request.params.jobId, body.synchronizationJobSettings ?? []);
      return reply.status(204).send();
    });

    app.delete<{ Params: JobParams }>(`${jobs}/:jobId`, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      await deleteJob(db, owner, request.params.jobId);
      return reply.status(204).send();
    });
  }
};
