import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../../errors/graph-error.js';
import type { Database } from '../../store/database.js';
import { JobChangedConcurrentlyError, readJobSchemaAtRevision, writeJobSchemaAtRevision, type JobSchemaAtRevision } from '../jobs/job-repository.js';
import { newSchemaVersion } from '../schema-update.js';
import type { DirectoryDefinition, SynchronizationSchema } from '../schema/index.js';
import type { SecretValues } from '../secrets/secret-store.js';
import { applyDiscovery, readSystemSchema } from './discover-directory.js';

/** Saves tried before the call gives up with 409; each retry only re-reads the schema, never the system. */
const saveAttempts = 5;

/** The directory a request names, by id or by name. */
export function findSchemaDirectory(schema: SynchronizationSchema, directoryRef: string): DirectoryDefinition {
  const directory = schema.directories.find((d) => d.id === directoryRef || d.name === directoryRef);
  if (!directory) throw new NotFoundError(`The directory '${directoryRef}' is not part of this schema.`);
  return directory;
}

/**
 * `POST …/schema/directories/{id}/discover`: reads the schema of the directory's system (slow: the network)
 * and saves the discovered definition into the job's schema, returning it. The save is conditional on the job
 * revision the schema was read at: when a schema PUT (or any job write) landed during the read, the discovery
 * is applied again to the schema as it is now, so neither change is lost.
 */
export async function discoverJobDirectory(
  db: Kysely<Database>,
  job: { readonly id: string; readonly templateId: string },
  directoryRef: string,
  secrets: SecretValues,
  now: Date,
): Promise<DirectoryDefinition> {
  let current = await readSchema(db, job.id);
  const system = await readSystemSchema(secrets, job.templateId, current.schema, findSchemaDirectory(current.schema, directoryRef).name);
  for (let attempt = 1; ; attempt += 1) {
    const directory = findSchemaDirectory(current.schema, directoryRef);
    const { discovered, persisted } = applyDiscovery(system, directory, current.schema, now);
    const directories = current.schema.directories.map((d) => (d.id === directory.id ? persisted : d));
    try {
      await writeJobSchemaAtRevision(db, job.id, { ...current.schema, directories, version: newSchemaVersion() }, current.revision);
      return discovered;
    } catch (error) {
      if (!(error instanceof JobChangedConcurrentlyError)) throw error;
      if (attempt >= saveAttempts) {
        throw new ConflictError(`The job changed ${saveAttempts} times while the discovered directory was being saved. Discover again.`, {
          code: 'JobChangedConcurrently',
        });
      }
    }
    current = await readSchema(db, job.id);
  }
}

async function readSchema(db: Kysely<Database>, jobId: string): Promise<JobSchemaAtRevision> {
  const read = await readJobSchemaAtRevision(db, jobId);
  if (!read) throw new NotFoundError(`The synchronization job '${jobId}' has no schema.`);
  return read;
}
