import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { appRoleAssignmentRoutes } from '../directory/app-role-assignments/app-role-assignment-routes.js';
import { applicationRoutes } from '../directory/applications/application-routes.js';
import { applicationTemplateRoutes } from '../directory/application-templates/application-template-routes.js';
import { contactRoutes } from '../directory/contacts/contact-routes.js';
import { deletedItemRoutes } from '../directory/deleted-items/deleted-item-routes.js';
import { deltaRoutes } from '../directory/delta/delta-routes.js';
import { extensionPropertyRoutes } from '../directory/extension-properties/extension-property-routes.js';
import { groupLinkRoutes } from '../directory/groups/group-link-routes.js';
import { groupRoutes } from '../directory/groups/group-routes.js';
import { meRoutes } from '../directory/users/me-routes.js';
import { organizationRoutes } from '../directory/organization/organization-routes.js';
import { servicePrincipalRoutes } from '../directory/service-principals/service-principal-routes.js';
import { userLinkRoutes } from '../directory/users/user-link-routes.js';
import { userRoutes } from '../directory/users/user-routes.js';
import { expressionRoutes } from '../sync/routes/expression-routes.js';
import { credentialRoutes } from '../sync/routes/credential-routes.js';
import { jobActionRoutes } from '../sync/routes/job-action-routes.js';
import { jobRoutes } from '../sync/routes/job-routes.js';
import { provisioningLogRoutes } from '../sync/provisioning-logs/provisioning-log-routes.js';
import { schemaRoutes } from '../sync/routes/schema-routes.js';
import { secretsRoutes } from '../sync/routes/secrets-routes.js';
import { templateRoutes } from '../sync/routes/template-routes.js';
import { installContentTypeParsers } from './content-types.js';
import { installErrorHandlers } from './errors/error-handler.js';
import { registerGraphApi } from './graph/graph-api.js';
import type { GraphRouteModule } from './graph/graph-route-module.js';
import { registerOAuthRoutes } from './oauth/oauth-routes.js';
import { installHttpMetrics } from './operations/metrics.js';
import { registerOperationsRoutes } from './operations/operations-routes.js';
import { installRequestIds, requestIdFor } from './request-ids.js';
import type { ServiceContext } from './service-context.js';

export interface BuildAppOptions {
  /** Fastify logger options; `false` for tests. */
  logger?: FastifyServerOptions['logger'];
  https?: { key: string | Buffer; cert: string | Buffer } | null;
}

/** Every Graph route module, in one list: a reader finds what the API serves here. */
export const graphRouteModules: readonly GraphRouteModule[] = [
  organizationRoutes,
  meRoutes,
  servicePrincipalRoutes,
  applicationRoutes,
  appRoleAssignmentRoutes,
  applicationTemplateRoutes,
  secretsRoutes,
  jobRoutes,
  jobActionRoutes,
  credentialRoutes,
  schemaRoutes,
  expressionRoutes,
  templateRoutes,
  provisioningLogRoutes,
  userRoutes,
  userLinkRoutes,
  groupRoutes,
  groupLinkRoutes,
  contactRoutes,
  deltaRoutes,
  deletedItemRoutes,
  extensionPropertyRoutes,
];

/**
 * Graph's alternate-key form `/servicePrincipals(appId='…')/…` becomes the path segment `appId=…`, which the
 * resource resolvers understand; everything else passes unchanged.
 */
export function rewriteAlternateKeys(url: string): string {
  if (!url.includes('(')) return url;
  return url.replace(/\/(servicePrincipals|applications)\(appId=(?:'|%27)([^'%/)]*)(?:'|%27)\)/i, '/$1/appId=$2');
}

/** Paths and fields never written to logs. */
export const redactedLogPaths = ['req.headers.authorization', 'req.headers.cookie', 'body.client_secret', 'body.password'];

export async function buildApp(context: ServiceContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    ...(options.https ? { https: options.https } : {}),
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 500 },
    bodyLimit: 8 * 1024 * 1024,
    genReqId: (raw) => requestIdFor(raw.headers),
    rewriteUrl: (raw) => rewriteAlternateKeys(raw.url ?? '/'),
  } as FastifyServerOptions);

  installRequestIds(app);
  installContentTypeParsers(app);
  installErrorHandlers(app);
  installHttpMetrics(app, context.metrics);

  registerOperationsRoutes(app, context);
  await app.register(async (scope) => registerOAuthRoutes(scope, context));
  await registerGraphApi(app, context, graphRouteModules);
  return app;
}
