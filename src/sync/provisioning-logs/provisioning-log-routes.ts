import { entityResponse } from '../../api/graph/entity-response.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { requires } from '../../auth/permissions.js';
import { provisioningLogCatalog } from './provisioning-log-catalog.js';
import { ProvisioningLogNotFoundError } from './provisioning-log-errors.js';
import { listProvisioningLogs } from './provisioning-log-listing.js';
import { findProvisioningLog } from './provisioning-log-repository.js';

/**
 * `/auditLogs/provisioning` and `/auditLogs/provisioning/{id}` on both versions; beta also serves the same
 * records as `/auditLogs/directoryProvisioning`, its other navigation property of the same element type.
 */
export const provisioningLogRoutes: GraphRouteModule = (app, { context, version }) => {
  const read = { config: { permissions: requires.auditLogsRead } };
  const entitySets = version === 'beta' ? ['provisioning', 'directoryProvisioning'] : ['provisioning'];
  for (const name of entitySets) {
    const entitySet = `auditLogs/${name}`;
    app.get(`/${entitySet}`, read, (request) => listProvisioningLogs(request, context, version, entitySet));
    app.get<{ Params: { id: string } }>(`/${entitySet}/:id`, read, async (request) => {
      const summary = await findProvisioningLog(context.store.db, request.params.id);
      if (summary === undefined) throw new ProvisioningLogNotFoundError(request.params.id);
      return entityResponse(request, context, version, entitySet, provisioningLogCatalog, summary as unknown as Record<string, unknown>);
    });
  }
};
