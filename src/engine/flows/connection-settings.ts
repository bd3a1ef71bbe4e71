import { LdapConfigurationError } from '../../connectors/ldap/index.js';
import { ScimConfigurationError } from '../../connectors/scim/index.js';
import { JobLevelFailure } from '../engine-errors.js';
import { scimJobFailure } from '../targets/scim-failures.js';
import { ldapConnectionActions } from './ldap-connection-actions.js';

/**
 * What a flow builds from the job's connection secrets (LDAP settings, a SCIM client). Secrets that are missing
 * or unusable stop the job the same way in every flow: JobLevelFailure `InvalidConfiguration` (the job is
 * quarantined) with the connector's message, which names the secrets, and the advice of the connector's system
 * (the secrets a directory connection needs, or a SCIM application's), as the status and provisionOnDemand show it.
 */
export function fromConnectionSecrets<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof LdapConfigurationError) {
      throw new JobLevelFailure('InvalidConfiguration', `${error.message}.`, { recommendedAction: ldapConnectionActions.InvalidConfiguration, cause: error });
    }
    if (error instanceof ScimConfigurationError) throw scimJobFailure('InvalidConfiguration', `${error.message}.`, error);
    throw error;
  }
}
