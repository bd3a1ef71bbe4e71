import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import type { ProvisioningLogWriter } from '../../sync/provisioning-logs/index.js';
import type { EngineOptions } from '../engine-options.js';
import { CycleLog } from '../logs/cycle-log.js';
import type { ConnectorDataStore } from '../state/connector-data-store.js';
import type { EscrowStore } from '../state/escrow-store.js';
import { ExportedMembers } from '../state/exported-members.js';
import { StagedDeletes } from '../state/staged-deletes.js';
import { CycleCounters } from './cycle-counters.js';
import { newReferenceWork, type CycleContext, type CycleKind } from './cycle-context.js';
import type { CycleEnvironment } from './cycle-environment.js';

export interface ContextParameters {
  readonly db: Kysely<Database>;
  readonly jobId: string;
  readonly cycleId: string;
  readonly kind: CycleKind;
  readonly environment: CycleEnvironment;
  readonly store: ConnectorDataStore;
  readonly escrows: EscrowStore;
  readonly stagedIds: readonly string[];
  readonly forceDeletes: boolean;
  readonly options: EngineOptions;
  readonly logs: ProvisioningLogWriter;
  readonly counters?: CycleCounters;
  /** Keep the written log records (provisionOnDemand answers with them). */
  readonly keepLogs?: boolean;
  readonly checkpoint: () => Promise<void>;
}

/** The context of a cycle or of a provisionOnDemand call: one pipeline, two ways in. */
export function buildCycleContext(parameters: ContextParameters): CycleContext {
  const { environment, db, jobId } = parameters;
  return {
    db,
    jobId,
    cycleId: parameters.cycleId,
    kind: parameters.kind,
    schema: environment.schema,
    source: environment.source,
    target: environment.target,
    store: parameters.store,
    members: new ExportedMembers(db, jobId),
    escrows: parameters.escrows,
    staged: new StagedDeletes(db, jobId),
    stagedIds: new Set(parameters.stagedIds),
    settings: { ...environment.settings, forceDeletes: parameters.forceDeletes },
    options: parameters.options,
    counters: parameters.counters ?? new CycleCounters(),
    log: new CycleLog(
      parameters.logs,
      {
        jobId,
        cycleId: parameters.cycleId,
        servicePrincipal: environment.servicePrincipal,
        sourceSystemName: environment.schema.sourceDirectoryName,
        targetSystemName: environment.servicePrincipal.displayName,
      },
      { keep: parameters.keepLogs ?? false },
    ),
    references: newReferenceWork(),
    deprovisions: [],
    visited: new Set(),
    logSkips: parameters.kind !== 'full',
    checkpoint: parameters.checkpoint,
  };
}
