import { DirectorySource } from '../../connectors/directory/index.js';
import { ScimClient } from '../../connectors/scim/index.js';
import { ScimTarget } from '../targets/scim-target.js';
import { fromConnectionSecrets } from './connection-settings.js';
import type { Flow } from './flow.js';

/**
 * App provisioning: the directory's users and groups in the job's assignment scope (or all of them with
 * `SyncAll`) to a SCIM 2.0 application, connected by `BaseAddress` and `SecretToken` or client credentials.
 */
export const scimOutboundFlow: Flow = ({ db, secrets, servicePrincipal, options, dialect }) => {
  const client = fromConnectionSecrets(() =>
    ScimClient.fromSecrets(secrets, {
      timeoutMs: options.scim.timeoutMs,
      maxConcurrency: options.scim.maxConcurrency,
      memberChunkSize: options.scim.memberChunkSize,
    }),
  );
  const syncAll = (secrets.get('SyncAll') ?? '').toLowerCase() === 'true';
  return {
    source: new DirectorySource(db, { servicePrincipalId: servicePrincipal.id, appRoles: servicePrincipal.appRoles, syncAll }),
    target: new ScimTarget(client, dialect ?? client.dialect),
    close: () => client.close(),
  };
};
