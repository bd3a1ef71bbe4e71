import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requires } from '../../auth/permissions.js';
import { entityResponse } from '../../api/graph/entity-response.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { listMemoryCollection } from '../../api/graph/memory-collection.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { parseWriteBody } from '../../api/graph/write-body.js';
import { NotFoundError } from '../../errors/graph-error.js';
import { applicationTemplateCatalog } from './application-template-catalog.js';
import { applicationTemplates, findApplicationTemplate } from './index.js';
import { instantiateApplicationTemplate } from './instantiate.js';

const notFound = (id: string) => new NotFoundError(`Application template '${id}' was not found.`, { code: 'Request_ResourceNotFound' });

/** The gallery: list and query, get, and instantiate (201 with the new application and service principal). */
export const applicationTemplateRoutes: GraphRouteModule = (app, { context, version }) => {
  const read = { config: { permissions: requires.applicationsRead } };
  const write = { config: { permissions: requires.applicationsWrite } };
  const entities = applicationTemplates as unknown as readonly Record<string, unknown>[];

  app.get('/applicationTemplates', read, async (request) =>
    listMemoryCollection(request, context, version, 'applicationTemplates', applicationTemplateCatalog, entities),
  );

  app.get<{ Params: { id: string } }>('/applicationTemplates/:id', read, async (request) => {
    const template = findApplicationTemplate(request.params.id);
    if (!template) throw notFound(request.params.id);
    return entityResponse(request, context, version, 'applicationTemplates', applicationTemplateCatalog, template as unknown as Record<string, unknown>);
  });

  const instantiate = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const template = findApplicationTemplate(request.params.id);
    if (!template) throw notFound(request.params.id);
    const body = parseWriteBody({ displayName: z.string().trim().min(1).max(256), serviceManagementReference: z.string().nullable() }, request.body, { partial: true });
    const created = await instantiateApplicationTemplate(context.store.db, template, body.displayName ?? template.displayName);
    return reply.status(201).send({
      '@odata.context': odataContext(request, context, version, 'microsoft.graph.applicationServicePrincipal'),
      application: created.application,
      servicePrincipal: created.servicePrincipal,
    });
  };
  app.post<{ Params: { id: string } }>('/applicationTemplates/:id/instantiate', write, instantiate);
  app.post<{ Params: { id: string } }>('/applicationTemplates/:id/microsoft.graph.instantiate', write, instantiate);
};
