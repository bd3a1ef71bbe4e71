/**
 * The provisioning engine (docs/engine.md): the runner of started jobs, the cycle pipeline (import → scope →
 * join → match → map → diff → export → references → deprovisioning → record) and provisionOnDemand.
 */
export { ProvisioningEngine } from './provisioning-engine.js';
export type { EngineDependencies } from './provisioning-engine.js';
export { defaultEngineOptions, engineOptions } from './engine-options.js';
export type { CycleEvent, EngineObserver, EngineOptions, EngineOptionsInput, EscrowThresholds } from './engine-options.js';
export { parseOnDemandRequest } from './on-demand/on-demand-request.js';
export type { OnDemandRequest } from './on-demand/on-demand-request.js';
export type { OnDemandResponse } from './on-demand/on-demand-response.js';
export type { SourceConnector, SourceObject, SourceChanges, IncrementalImport } from './connectors/source-connector.js';
export type { TargetConnector, TargetObject, AttributeUpdate } from './connectors/target-connector.js';
export { ConnectorNotImplementedError, CycleStoppedError, EngineError, JobLevelFailure, ObjectFailure, WatermarkExpiredError } from './engine-errors.js';
export { acquireLease, leaseHolder, releaseLease, renewLease } from './runner/lease.js';
