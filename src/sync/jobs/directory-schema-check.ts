import type { Kysely } from 'kysely';
import {
  describeShortfalls,
  LdapConfigurationError,
  LdapError,
  readLdapSettings,
  schemaShortfalls,
  type DirectorySchema,
  type LdapConnectionSettings,
} from '../../connectors/ldap/index.js';
import { BadRequestError } from '../../errors/graph-error.js';
import type { Database } from '../../store/database.js';
import { directoryAttributesWritten, schemaExtensionHint, writesOf } from '../directory-target-schema.js';
import { readLiveDirectorySchema } from '../discovery/directory-schema-readers.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { readJobSchema } from './job-repository.js';
import type { SynchronizationJobRecord } from './synchronization-job.js';

/** Short: `start` waits for it. */
const connectionOptions = { connectTimeoutMs: 5_000, operationTimeoutMs: 15_000 };

/**
 * Before a job that writes to a directory starts (Exchange hybrid writeback, group provisioning to AD), its
 * live schema must allow every attribute the job's mappings write — for Exchange writeback that is the schema
 * extension Exchange setup adds. A schema that was read and lacks them is a 400 naming what is missing. A job
 * whose connection is not configured yet, or whose directory does not answer, starts: its cycles check again
 * and report the problem in status, as for any job that cannot reach its systems.
 */
export async function assertDirectorySchemaAllowsJob(db: Kysely<Database>, secrets: SecretStore, job: SynchronizationJobRecord): Promise<void> {
  let settings: LdapConnectionSettings;
  try {
    settings = readLdapSettings(await secrets.read(db, job.servicePrincipalId));
  } catch (error) {
    if (error instanceof LdapConfigurationError) return;
    throw error;
  }
  const schema = await readSchema(settings);
  const stored = await readJobSchema(db, job.id);
  if (schema === undefined || stored === undefined) return;
  const shortfalls = schemaShortfalls(schema, directoryAttributesWritten(writesOf(stored)));
  if (shortfalls.length === 0) return;
  const hint = schemaExtensionHint(shortfalls);
  throw new BadRequestError(
    `The job cannot start: the schema of ${settings.domain ?? settings.baseDn} does not allow what the job writes: ${describeShortfalls(shortfalls)}.${hint === undefined ? '' : ` ${hint}`}`,
    { code: 'DirectorySchemaIncomplete' },
  );
}

async function readSchema(settings: LdapConnectionSettings): Promise<DirectorySchema | undefined> {
  try {
    return await readLiveDirectorySchema(settings, connectionOptions);
  } catch (error) {
    if (error instanceof LdapError) return undefined;
    throw error;
  }
}
