import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { pauseJobNow, restartJobNow, startJobNow } from '../jobs/job-service.js';
import { parseRestartScope } from '../jobs/restart-scope.js';
import { graphOperation } from './graph-action.js';
import { parseSynchronizationInput } from '../schema/index.js';
import { ownerCollections, ownerOf, type OwnerParams } from './owner-params.js';
import { restartJobBody } from './request-bodies.js';

type JobParams = OwnerParams & { jobId: string };

/** start, pause, restart: 204 on success, in every job state. */
export const jobActionRoutes: GraphRouteModule = (app, { context }) => {
  const { db } = context.store;
  const write = { config: { permissions: requires.synchronizationWrite } };
  for (const collection of ownerCollections) {
    const job = `/${collection}/:ownerId/synchronization/jobs/:jobId`;

    graphOperation<JobParams>(app, 'POST', job, 'start', write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      await startJobNow(db, context.secrets, owner, request.params.jobId);
      return reply.status(204).send();
    });

    graphOperation<JobParams>(app, 'POST', job, 'pause', write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      await pauseJobNow(db, owner, request.params.jobId);
      return reply.status(204).send();
    });

    graphOperation<JobParams>(app, 'POST', job, 'restart', write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const body = parseSynchronizationInput(restartJobBody, request.body ?? undefined, 'restart request');
      const scope = parseRestartScope(body?.criteria?.resetScope ?? undefined);
      await restartJobNow(db, context.secrets, owner, request.params.jobId, scope);
      return reply.status(204).send();
    });
  }
};
