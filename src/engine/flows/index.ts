import type { ConnectorKind } from '../../sync/templates/index.js';
import { adWritebackFlow } from './ad-writeback.js';
import { cloudSyncInboundFlow } from './cloud-sync-inbound.js';
import type { Flow } from './flow.js';
import { scimOutboundFlow } from './scim-outbound.js';

export type { Flow, FlowConnectors, FlowInput } from './flow.js';

/** The flows the engine runs, by `source->target` connector kinds of the job's template. */
const flows: Readonly<Partial<Record<`${ConnectorKind}->${ConnectorKind}`, Flow>>> = {
  'directory->scim': scimOutboundFlow,
  'directory->ldap': adWritebackFlow,
  'ldap->directory': cloudSyncInboundFlow,
};

export function flowFor(source: ConnectorKind, target: ConnectorKind): Flow | undefined {
  return flows[`${source}->${target}`];
}
