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
} from '../../connectors/ldap/index.js';
import { BadRequestError } from '../../errors/graph-error.js';
import type { SecretValues } from '../secrets/secret-store.js';

/** A request waits for discovery: it connects and reads quickly or fails. */
const timeouts = { connectTimeoutMs: 10_000, operationTimeoutMs: 30_000 };

/** The live schema of the directory the job's secrets connect (Domain, Server, UserName, Password). */
export async function readLdapSchemaForDiscovery(secrets: SecretValues): Promise<DirectorySchema> {
  let connection: LdapConnection | undefined;
  try {
    connection = await LdapConnection.open(readLdapSettings(secrets), timeouts);
    return await readDirectorySchema(connection);
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
  } finally {
    await connection?.close();
  }
}
