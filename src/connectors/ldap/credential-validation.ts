import { assertDeletedObjectsReadable } from './ad-usn-reader.js';
import type { DeltaMethod } from './change-batch.js';
import { readLdapSettings, type LdapConnectionSettings } from './connection-settings.js';
import { bestDeltaMethod } from './delta-reader.js';
import { LdapConnection, type LdapConnectionOptions } from './ldap-connection.js';
import {
  LdapConfigurationError,
  LdapError,
  LdapInsufficientRightsError,
  LdapInvalidCredentialsError,
  LdapNoSuchObjectError,
  LdapOperationError,
  LdapStrongAuthRequiredError,
  LdapTimeoutError,
  LdapTlsError,
  LdapUnreachableError,
} from './ldap-errors.js';
import type { DirectoryKind } from './root-dse.js';

/**
 * Outcome of "test connection" for a directory: `valid` with what was found, or why not.
 * `misconfigured`: secrets missing or wrong (no Server, bad base DN, plain LDAP refused, TLS name mismatch);
 * `invalidCredentials`: the bind was refused; `unreachable`: no server answered (or in time);
 * `insufficientRights`: bound, but the account cannot read what a sync needs.
 */
export type LdapCredentialValidation =
  | {
      readonly status: 'valid';
      readonly server: string;
      readonly directory: DirectoryKind;
      readonly baseDn: string;
      readonly deltaMethod: DeltaMethod;
    }
  | {
      readonly status: 'misconfigured' | 'invalidCredentials' | 'unreachable' | 'insufficientRights' | 'failed';
      readonly message: string;
      readonly error: LdapError;
    };

/** Reads the settings (from secrets or as given), binds, reads the base entry and settles the delta method. */
export async function validateCredentials(
  source: ReadonlyMap<string, string> | LdapConnectionSettings,
  options: LdapConnectionOptions = {},
): Promise<LdapCredentialValidation> {
  let connection: LdapConnection | undefined;
  try {
    const settings = isSettings(source) ? source : readLdapSettings(source);
    connection = await LdapConnection.open(settings, options);
    const dse = await connection.rootDse();
    if ((await connection.read(settings.baseDn, ['objectClass'])) === undefined) {
      throw new LdapNoSuchObjectError(`The base ${settings.baseDn} does not exist on ${connection.server ?? 'the server'} (check Domain / BaseDN)`, {
        dn: settings.baseDn,
        server: connection.server,
      });
    }
    const deltaMethod = await bestDeltaMethod(connection);
    if (deltaMethod === 'usnChanged') await assertDeletedObjectsReadable(connection, settings.baseDn);
    return Object.freeze({ status: 'valid', server: connection.server ?? '', directory: dse.kind, baseDn: settings.baseDn, deltaMethod });
  } catch (error) {
    const failure = error instanceof LdapError ? error : new LdapOperationError(`Validation failed: ${String(error)}`, { cause: error });
    return Object.freeze({ status: statusOf(failure), message: failure.message, error: failure });
  } finally {
    await connection?.close();
  }
}

function isSettings(source: ReadonlyMap<string, string> | LdapConnectionSettings): source is LdapConnectionSettings {
  return Array.isArray((source as LdapConnectionSettings).servers) && typeof (source as LdapConnectionSettings).bindName === 'string';
}

function statusOf(error: LdapError): Exclude<LdapCredentialValidation['status'], 'valid'> {
  if (error instanceof LdapInvalidCredentialsError) return 'invalidCredentials';
  if (error instanceof LdapUnreachableError || error instanceof LdapTimeoutError) return 'unreachable';
  if (error instanceof LdapInsufficientRightsError) return 'insufficientRights';
  if (
    error instanceof LdapConfigurationError ||
    error instanceof LdapNoSuchObjectError ||
    error instanceof LdapTlsError ||
    error instanceof LdapStrongAuthRequiredError
  ) {
    return 'misconfigured';
  }
  return 'failed';
}
