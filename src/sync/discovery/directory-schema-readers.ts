import {
  LdapConfigurationError,
  LdapConnection,
  LdapError,
  LdapInvalidCredentialsError,
  LdapTimeoutError,
  LdapUnreachableError,
  readDirectorySchema,
  readLdapSettings,
  type DirectorySchema,
  type LdapConnectionOptions,
  type LdapConnectionSettings,
} from '../../connectors/ldap/index.js';
import { ScimClient, ScimConfigurationError, ScimError, ScimTokenError, ScimTransportError, ScimUnauthorizedError, type ScimResource } from '../../connectors/scim/index.js';
import { BadRequestError } from '../../errors/graph-error.js';
import type { SecretValues } from '../secrets/secret-store.js';

/** A request waits for discovery: it connects and reads quickly or fails. */
const timeouts = { connectTimeoutMs: 10_000, operationTimeoutMs: 30_000 };

/** Connects, reads the directory's subschema and disconnects; connection problems throw LdapError. */
export async function readLiveDirectorySchema(settings: LdapConnectionSettings, options: LdapConnectionOptions): Promise<DirectorySchema> {
  const connection = await LdapConnection.open(settings, options);
  try {
    return await readDirectorySchema(connection);
  } finally {
    await connection.close();
  }
}

/** The live schema of the directory the job's secrets connect (Domain, Server, UserName, Password). */
export async function readLdapSchemaForDiscovery(secrets: SecretValues): Promise<DirectorySchema> {
  try {
    return await readLiveDirectorySchema(readLdapSettings(secrets), timeouts);
  } catch (error) {
    if (!(error instanceof LdapError)) throw error;
    const code =
      error instanceof LdapConfigurationError
        ? 'MissingSecrets'
        : error instanceof LdapInvalidCredentialsError
          ? 'InvalidCredentials'
          : error instanceof LdapUnreachableError || error instanceof LdapTimeoutError
            ? 'TargetUnreachable'
            : 'DiscoveryFailed';
    throw new BadRequestError(`Schema discovery reads the directory's schema and failed: ${error.message}.`, { code });
  }
}

/** `GET {BaseAddress}/Schemas` with the job's credentials. */
export async function readScimSchemasForDiscovery(secrets: SecretValues): Promise<readonly ScimResource[]> {
  let client: ScimClient | undefined;
  try {
    client = ScimClient.fromSecrets(secrets, { timeoutMs: timeouts.operationTimeoutMs });
    return await client.schemas();
  } catch (error) {
    if (error instanceof ScimConfigurationError) {
      throw new BadRequestError(`Schema discovery reads the application's /Schemas and failed: ${error.message}.`, { code: 'MissingSecrets' });
    }
    if (!(error instanceof ScimError)) throw error;
    const code =
      error instanceof ScimUnauthorizedError || (error instanceof ScimTokenError && !error.retryable)
        ? 'InvalidCredentials'
        : error instanceof ScimTransportError || error instanceof ScimTokenError
          ? 'TargetUnreachable'
          : 'DiscoveryFailed';
    throw new BadRequestError(`Schema discovery reads the application's /Schemas and failed: ${error.message}`, { code });
  } finally {
    await client?.close();
  }
}
