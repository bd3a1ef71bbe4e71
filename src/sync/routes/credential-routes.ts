import type { z } from 'zod';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { ClientCredentialsTokenSource, ScimError } from '../../connectors/scim/index.js';
import { parseOnDemandRequest } from '../../engine/index.js';
import { BadRequestError } from '../../errors/graph-error.js';
import { validateCredentials } from '../credentials-validation.js';
import { getJob } from '../jobs/job-service.js';
import { parseSynchronizationInput } from '../schema/index.js';
import { graphOperation } from './graph-action.js';
import { ownerCollections, ownerOf, type OwnerParams } from './owner-params.js';
import { acquireAccessTokenBody, validateCredentialsBody } from './request-bodies.js';

type JobParams = OwnerParams & { jobId: string };

/** validateCredentials (job-bound and collection-bound), acquireAccessToken and provisionOnDemand. */
export const credentialRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const write = { config: { permissions: requires.synchronizationWrite } };

  for (const collection of ownerCollections) {
    const base = `/${collection}/:ownerId/synchronization`;

    const credentialsFor = async (servicePrincipalId: string, input: z.infer<typeof validateCredentialsBody>) => {
      if (input?.useSavedCredentials) return context.secrets.read(db, servicePrincipalId);
      return new Map((input?.credentials ?? []).flatMap(({ key, value }) => (value === null ? [] : [[key, value] as const])));
    };

    graphOperation<JobParams>(app, 'POST', `${base}/jobs/:jobId`, 'validateCredentials', write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const job = await getJob(db, owner, request.params.jobId);
      const body = parseSynchronizationInput(validateCredentialsBody, request.body ?? undefined, 'validateCredentials request');
      await validateCredentials(body?.templateId ?? job.templateId, await credentialsFor(owner.servicePrincipal.id, body));
      return reply.status(204).send();
    });

    graphOperation<OwnerParams>(app, 'POST', `${base}/jobs`, 'validateCredentials', write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const body = parseSynchronizationInput(validateCredentialsBody, request.body ?? undefined, 'validateCredentials request');
      if (!body?.templateId) throw new BadRequestError('templateId is required when no job is named.');
      await validateCredentials(body.templateId, await credentialsFor(owner.servicePrincipal.id, body));
      return reply.status(204).send();
    });

    graphOperation<OwnerParams>(app, 'POST', base, 'acquireAccessToken', write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const body = parseSynchronizationInput(acquireAccessTokenBody, request.body, 'acquireAccessToken request');
      const stored = await context.secrets.read(db, owner.servicePrincipal.id);
      const merged = new Map(stored);
      for (const { key, value } of body.credentials) if (value !== null) merged.set(key, value);
      const tokenUri = merged.get('Oauth2TokenExchangeUri');
      const clientId = merged.get('ClientIdentifier') ?? merged.get('Oauth2ClientId');
      const clientSecret = merged.get('ClientSecret') ?? merged.get('Oauth2ClientSecret');
      if (!tokenUri || !clientId || !clientSecret) {
        throw new BadRequestError('acquireAccessToken needs Oauth2TokenExchangeUri, ClientIdentifier and ClientSecret (given or saved).');
      }
      try {
        await new ClientCredentialsTokenSource({ tokenUri, clientId, clientSecret, timeoutMs: 15_000 }).token();
      } catch (error) {
        if (error instanceof ScimError) throw new BadRequestError(`The token endpoint refused the credentials: ${error.message}`, { code: 'InvalidCredentials' });
        throw error;
      }
      await context.secrets.replace(db, owner.servicePrincipal.id, [...merged].map(([key, value]) => ({ key, value })));
      return reply.status(204).send();
    });

    graphOperation<JobParams>(app, 'POST', `${base}/jobs/:jobId`, 'provisionOnDemand', write, async (request) => {
      const owner = await ownerOf(request, context, collection);
      const job = await getJob(db, owner, request.params.jobId);
      const result = await context.engine.provisionOnDemand(job, parseOnDemandRequest(request.body));
      return { '@odata.context': odataContext(request, context, version, 'microsoft.graph.stringKeyStringValuePair'), ...result };
    });
  }
};
