import type { Kysely } from 'kysely';
import type { ScimPatchDialect } from '../../connectors/scim/index.js';
import type { AppRole } from '../../directory/applications/application.js';
import type { Database } from '../../store/database.js';
import type { SynchronizationError, SynchronizationJobRecord } from '../../sync/jobs/synchronization-job.js';
import type { SynchronizationSchema } from '../../sync/schema/index.js';
import type { SourceConnector } from '../connectors/source-connector.js';
import type { TargetConnector } from '../connectors/target-connector.js';
import type { EngineOptions } from '../engine-options.js';
import type { CompiledSchema } from '../mapping/compiled-mapping.js';

/** What every flow gets to connect a job's source and target. */
export interface FlowInput {
  readonly db: Kysely<Database>;
  readonly job: SynchronizationJobRecord;
  readonly servicePrincipal: { readonly id: string; readonly appId: string; readonly displayName: string; readonly appRoles: readonly AppRole[] };
  /** The service principal's synchronization secrets, decrypted. */
  readonly secrets: ReadonlyMap<string, string>;
  readonly schema: CompiledSchema;
  /** The job's schema as stored, which `schema` was compiled from (scope filters, directory definitions). */
  readonly schemaDocument: SynchronizationSchema;
  readonly options: EngineOptions;
  /** Overrides the SCIM tenant URL's PATCH dialect (provisionOnDemand ignores the flag). */
  readonly dialect?: ScimPatchDialect;
}

/** A flow's two ends. Failures to connect are JobLevelFailures (the status and logs report them). */
export interface FlowConnectors {
  readonly source: SourceConnector;
  readonly target: TargetConnector;
  /** Releases what the connectors hold open (directory connections); called once the cycle or on-demand call ends. */
  close?(): Promise<void>;
  /**
   * A configuration problem the connectors work around (a scope entry they ignore): the cycle runs and ends with
   * EntryLevelErrors and this as its error, so the status says what was left out and why.
   */
  readonly configurationError?: SynchronizationError;
}

/**
 * One direction of provisioning (directory → SCIM app, AD → directory, …): builds the connectors of a job from
 * its secrets. Building connects nothing yet; the first request does.
 */
export type Flow = (input: FlowInput) => FlowConnectors | Promise<FlowConnectors>;
