import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { NotFoundError } from '../../errors/graph-error.js';
import { organizationOf } from './organization.js';

/** `GET /organization` and `/organization/{id}`: the tenant, as scripts read it to learn the tenant id and domains. */
export const organizationRoutes: GraphRouteModule = (app, { context, version }) => {
  const permissions = [...requires.usersRead, ...requires.applicationsRead];
  app.get('/organization', { config: { permissions } }, async (request) => ({
    '@odata.context': odataContext(request, context, version, 'organization'),
    value: [organizationOf(context.tenant)],
  }));
  app.get<{ Params: { id: string } }>('/organization/:id', { config: { permissions } }, async (request) => {
    if (request.params.id.toLowerCase() !== context.tenant.id.toLowerCase()) {
      throw new NotFoundError(`Resource '${request.params.id}' does not exist or one of its queried reference-property objects are not present.`);
    }
    return { '@odata.context': odataContext(request, context, version, 'organization/$entity'), ...organizationOf(context.tenant) };
  });
};
