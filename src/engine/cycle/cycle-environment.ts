import type { Kysely } from 'kysely';
import type { ScimPatchDialect } from '../../connectors/scim/index.js';
import { findServicePrincipalById } from '../../directory/service-principals/service-principal-repository.js';
import type { Database } from '../../store/database.js';
import { runtimeOf } from '../../sync/jobs/job-service.js';
import { readJobSchema } from '../../sync/jobs/job-repository.js';
import type { SynchronizationError, SynchronizationJobRecord } from '../../sync/jobs/synchronization-job.js';
import type { SecretStore } from '../../sync/secrets/secret-store.js';
import type { SourceConnector } from '../connectors/source-connector.js';
import { ConnectorNotImplementedError, EngineError, JobLevelFailure } from '../engine-errors.js';
import type { EngineOptions } from '../engine-options.js';
import { compileSchema, MappingCompilationError, type CompiledSchema } from '../mapping/compiled-mapping.js';
import { resolveDeleteThreshold } from '../stages/delete-threshold.js';
import { flowFor } from '../flows/index.js';
import { TrackedTarget } from '../targets/tracked-target.js';
import type { CycleSettings } from './cycle-context.js';

/** What a job's cycle connects: its service principal, compiled schema, source, target and settings. */
export interface CycleEnvironment {
  readonly servicePrincipal: { readonly id: string; readonly displayName: string; readonly appId: string };
  readonly schema: CompiledSchema;
  readonly source: SourceConnector;
  readonly target: TrackedTarget;
  readonly settings: Omit<CycleSettings, 'forceDeletes'>;
  /** A configuration problem the flow works around, which the cycle reports (FlowConnectors.configurationError). */
  readonly configurationError: SynchronizationError | null;
  /** Releases the connectors' connections; the cycle (or on-demand call) calls it when it ends. */
  close(): Promise<void>;
}

/**
 * Builds a job's environment from the store: the flow of the template's connector kinds (a kind the engine
 * does not run is a ConnectorNotImplementedError the status reports), the secrets (credentials,
 * SkipOutOfScopeDeletions, SyncNotificationSettings) and the schema compiled once per version. `dialect`
 * overrides the tenant URL's PATCH dialect (provisionOnDemand ignores the flag).
 */
export async function loadCycleEnvironment(
  db: Kysely<Database>,
  secrets: SecretStore,
  job: SynchronizationJobRecord,
  options: EngineOptions,
  dialect?: ScimPatchDialect,
): Promise<CycleEnvironment> {
  const runtime = runtimeOf(job.templateId);
  const flow = flowFor(runtime.source, runtime.target);
  if (!flow) {
    throw new ConnectorNotImplementedError(
      `Jobs of template '${job.templateId}' read from ${describe(runtime.source)} and write to ${describe(runtime.target)}; Provisio's engine does not run that flow.`,
    );
  }
  const sp = await findServicePrincipalById(db, job.servicePrincipalId);
  if (!sp) throw new EngineError('ServicePrincipalNotFound', `The service principal ${job.servicePrincipalId} of job ${job.id} no longer exists.`);
  const values = await secrets.read(db, job.servicePrincipalId);
  const schemaDocument = await readJobSchema(db, job.id);
  if (!schemaDocument) throw new EngineError('JobNotFound', `Job ${job.id} no longer exists.`);
  let schema: CompiledSchema;
  try {
    schema = compileSchema(job.id, schemaDocument, runtime.expressionDialect);
  } catch (error) {
    if (error instanceof MappingCompilationError) throw new JobLevelFailure('InvalidSchema', error.message, { recommendedAction: invalidSchemaAction, cause: error });
    throw error;
  }
  const displayName = sp.displayName ?? sp.appId;
  const servicePrincipal = { id: sp.id, displayName, appId: sp.appId, appRoles: sp.appRoles };
  const connectors = await flow({ db, job, servicePrincipal, secrets: values, schema, schemaDocument, options, ...(dialect ? { dialect } : {}) });
  return {
    servicePrincipal,
    schema,
    source: connectors.source,
    target: new TrackedTarget(connectors.target, displayName),
    settings: {
      skipOutOfScopeDeletions: (values.get('SkipOutOfScopeDeletions') ?? '').toLowerCase() === 'true',
      threshold: resolveDeleteThreshold(values.get('SyncNotificationSettings'), job.settings),
    },
    configurationError: connectors.configurationError ?? null,
    close: async () => {
      await connectors.close?.();
    },
  };
}

const invalidSchemaAction = 'The job schema no longer compiles. Fix the attribute mappings and save the schema again.';

function describe(kind: string): string {
  switch (kind) {
    case 'directory':
      return "Provisio's directory";
    case 'scim':
      return 'a SCIM 2.0 application';
    case 'ldap':
      return 'Active Directory over LDAP';
    case 'adReplication':
      return 'Active Directory by directory replication (password hashes)';
    case 'apiInbound':
      return 'API-driven inbound provisioning (bulkUpload)';
    default:
      return "a gallery application's own API";
  }
}
