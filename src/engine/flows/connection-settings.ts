import { LdapConfigurationError } from '../../connectors/ldap/index.js';
import { ScimConfigurationError } from '../../connectors/scim/index.js';
import { JobLevelFailure } from '../engine-errors.js';

/**
 * What a flow builds from the job's connection secrets (LDAP settings, a SCIM client). Secrets that are missing
 * or unusable stop the job the same way in every flow: JobLevelFailure `InvalidConfiguration` (the job is
 * quarantined) with the connector's message, which names the secrets, as the status and provisionOnDemand show it.
 */
export function fromConnectionSecrets<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof LdapConfigurationError || error instanceof ScimConfigurationError) {
      throw new JobLevelFailure('InvalidConfiguration', `${error.message}.`, { cause: error });
    }
    throw error;
  }
}
