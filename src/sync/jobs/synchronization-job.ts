import { findSynchronizationTemplateDefinition } from '../templates/index.js';

/** Graph's synchronizationSchedule. */
export interface SynchronizationSchedule {
  readonly expiration: string | null;
  readonly interval: string;
  readonly state: 'Active' | 'Disabled' | 'Paused';
}

export interface SynchronizationError {
  readonly code: string;
  readonly message: string;
  readonly tenantActionable: boolean;
}

export interface SynchronizationTaskExecution {
  readonly activityIdentifier: string;
  readonly countEntitled: number;
  readonly countEntitledForProvisioning: number;
  readonly countEscrowed: number;
  readonly countEscrowedRaw: number;
  readonly countExported: number;
  readonly countExports: number;
  readonly countImported: number;
  readonly countImportedDeltas: number;
  readonly countImportedReferenceDeltas: number;
  readonly error: SynchronizationError | null;
  readonly state: 'Succeeded' | 'Failed' | 'EntryLevelErrors';
  readonly timeBegan: string;
  readonly timeEnded: string;
}

export type QuarantineReason =
  | 'EncounteredBaseEscrowThreshold'
  | 'EncounteredTotalEscrowThreshold'
  | 'EncounteredEscrowProportionThreshold'
  | 'EncounteredQuarantineException'
  | 'Unknown'
  | 'QuarantinedOnDemand'
  | 'TooManyDeletes'
  | 'IngestionInterrupted';

export interface SynchronizationQuarantine {
  readonly currentBegan: string;
  readonly nextAttempt: string;
  readonly reason: QuarantineReason;
  readonly seriesBegan: string;
  readonly seriesCount: number;
  readonly error: SynchronizationError | null;
}

export interface SynchronizationProgress {
  readonly completedUnits: number;
  readonly progressObservationDateTime: string;
  readonly totalUnits: number;
  readonly units: string | null;
}

/** Graph's synchronizationStatus. */
export interface SynchronizationStatus {
  readonly code: 'NotConfigured' | 'NotRun' | 'Active' | 'Paused' | 'Quarantine';
  readonly countSuccessiveCompleteFailures: number;
  readonly escrowsPruned: boolean;
  readonly lastExecution: SynchronizationTaskExecution | null;
  readonly lastSuccessfulExecution: SynchronizationTaskExecution | null;
  readonly lastSuccessfulExecutionWithExports: SynchronizationTaskExecution | null;
  readonly progress: readonly SynchronizationProgress[];
  readonly quarantine: SynchronizationQuarantine | null;
  readonly steadyStateFirstAchievedTime: string;
  readonly steadyStateLastAchievedTime: string;
  readonly synchronizedEntryCountByType: readonly { readonly key: string; readonly value: number }[];
  readonly troubleshootingUrl: string | null;
}

export interface KeyValuePair {
  readonly name: string;
  readonly value: string | null;
}

/** A job as stored: the Graph shape plus what the runner needs. The schema is kept apart (it is large). */
export interface SynchronizationJobRecord {
  readonly id: string;
  readonly servicePrincipalId: string;
  readonly templateId: string;
  readonly schedule: SynchronizationSchedule;
  readonly status: SynchronizationStatus;
  readonly settings: readonly KeyValuePair[];
  /** Restart-scope flags awaiting the next cycle. */
  readonly pendingReset: number;
  readonly runRequestedAt: string | null;
  readonly nextRunAt: string | null;
  readonly revision: number;
}

/**
 * The Graph `synchronizationJob` representation. Cloud sync jobs report their template's factoryTag as
 * `templateId`, as the hosted service does (seed 000: created from AD2AADProvisioning, shown as
 * ADDCInPassthrough); the job id keeps the requested template id.
 */
export function toGraphJob(job: SynchronizationJobRecord) {
  const definition = findSynchronizationTemplateDefinition(job.templateId);
  const reported = definition?.runtime.expressionDialect === 'cloudSync' ? (definition.template.factoryTag ?? job.templateId) : job.templateId;
  return {
    id: job.id,
    templateId: reported,
    schedule: job.schedule,
    status: job.status,
    synchronizationJobSettings: job.settings,
  };
}
