import {
  DrsrPasswordHashSource,
  PasswordHashError,
  readReplicationSettings,
  type PasswordHashSource,
} from '../../connectors/ad-password-hashes/index.js';
import type { CompiledSchema } from '../mapping/compiled-mapping.js';
import { passwordHashFailure } from './password-hash-failures.js';

/** The AppKey scenario that turns password hash sync on for the tenant (seed 001, engine-behavior §5.4). */
export const passwordHashScenario = 'AD2AADPasswordHash';

/** Whether the `AppKey` secret enables password hash sync: `{"appKeyScenario":"AD2AADPasswordHash"}`. */
export function passwordHashSyncEnabled(secrets: ReadonlyMap<string, string>): boolean {
  const appKey = secrets.get('AppKey');
  if (appKey === undefined) return false;
  try {
    return (JSON.parse(appKey) as { appKeyScenario?: unknown } | null)?.appKeyScenario === passwordHashScenario;
  } catch {
    return false;
  }
}

/**
 * Whether a provisioning job's schema asks for password hashes: an object mapping to `User` maps
 * `CredentialData` from `[PasswordHash]`, as seed 001 adds it to the user and inetOrgPerson mappings.
 */
export function mapsCredentialData(schema: CompiledSchema): boolean {
  for (const mapping of schema.objectMappings.values()) {
    if (mapping.targetObjectName.toLowerCase() !== 'user') continue;
    for (const attribute of mapping.attributes) {
      if (attribute.targetPath.toLowerCase() !== 'credentialdata') continue;
      if (attribute.expression?.referencedAttributes.some((name) => name.toLowerCase() === 'passwordhash')) return true;
    }
  }
  return false;
}

/** Where a job's password hashes come from, and the domain partition they are read from (for logs). */
export interface JobPasswordHashSource {
  readonly source: PasswordHashSource;
  readonly namingContext: string;
}

/**
 * The job's hash source over directory replication, from the LDAP connection's secrets (Domain or BaseDN,
 * Server, UserName, Password). Incomplete secrets are a job-level failure naming what is missing.
 */
export function openPasswordHashSource(secrets: ReadonlyMap<string, string>): JobPasswordHashSource {
  try {
    const settings = readReplicationSettings(secrets);
    return { source: new DrsrPasswordHashSource(settings), namingContext: settings.namingContext };
  } catch (error) {
    if (error instanceof PasswordHashError) throw passwordHashFailure(error);
    throw error;
  }
}
