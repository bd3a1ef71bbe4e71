import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { NotFoundError } from '../../errors/graph-error.js';
import { FILTER_OPERATOR_CATALOG, functionCatalog, parseExpressionResponse, type Dialect } from '../../expressions/index.js';
import { getJob, runtimeOf } from '../jobs/job-service.js';
import { findOwnerTemplate } from '../owner-templates.js';
import { graphOperation } from './graph-action.js';
import { parseSynchronizationInput } from '../schema/index.js';
import { ownerCollections, ownerOf, type OwnerParams } from './owner-params.js';


const parseExpressionBody = z.object({
  expression: z.string().nullable().optional(),
  testInputObject: z
    .object({ properties: z.array(z.object({ key: z.string().nullable().optional(), value: z.unknown() })).nullable().optional() })
    .nullable()
    .optional(),
  targetAttributeDefinition: z.unknown().optional(),
});

type JobParams = OwnerParams & { jobId: string };
type TemplateParams = OwnerParams & { templateId: string };

/**
 * parseExpression, functions and filterOperators under a job's and a template's schema. The job's template
 * decides the dialect: cloud sync templates use the cloud sync function set.
 */
export const expressionRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.synchronizationRead } };

  for (const collection of ownerCollections) {
    const bases: { path: string; dialectOf: (request: FastifyRequest) => Promise<Dialect> }[] = [
      {
        path: `/${collection}/:ownerId/synchronization/jobs/:jobId/schema`,
        dialectOf: async (request) => {
          const typed = request as FastifyRequest<{ Params: JobParams }>;
          const job = await getJob(db, await ownerOf(typed, context, collection), typed.params.jobId);
          return runtimeOf(job.templateId).expressionDialect;
        },
      },
      {
        path: `/${collection}/:ownerId/synchronization/templates/:templateId/schema`,
        dialectOf: async (request) => {
          const typed = request as FastifyRequest<{ Params: TemplateParams }>;
          const template = await findOwnerTemplate(db, await ownerOf(typed, context, collection), typed.params.templateId);
          if (!template) throw new NotFoundError(`The synchronization template '${typed.params.templateId}' was not found.`, { code: 'ResourceNotFound' });
          return runtimeOf(template.id).expressionDialect;
        },
      },
    ];
    for (const { path, dialectOf } of bases) {
      graphOperation(app, 'POST', path, 'parseExpression', read, async (request) => {
        const dialect = await dialectOf(request);
        const body = parseSynchronizationInput(parseExpressionBody, request.body, 'parseExpression request');
        return {
          '@odata.context': odataContext(request, context, version, 'microsoft.graph.parseExpressionResponse'),
          ...(await parseExpressionResponse(body, { dialect })),
        };
      });
      graphOperation(app, 'GET', path, 'functions', read, async (request) => ({
        '@odata.context': odataContext(request, context, version, 'Collection(microsoft.graph.attributeMappingFunctionSchema)'),
        value: functionCatalog(await dialectOf(request)),
      }));
      graphOperation(app, 'GET', path, 'filterOperators', read, async (request) => {
        await dialectOf(request);
        return {
          '@odata.context': odataContext(request, context, version, 'Collection(microsoft.graph.filterOperatorSchema)'),
          value: FILTER_OPERATOR_CATALOG,
        };
      });
    }
  }
};
