/**
 * Provisioning logs: the records the engine writes for every object change (ProvisioningLogWriter), their
 * Graph shape, redaction of secrets, retention, and `GET /auditLogs/provisioning`. See docs/provisioning-logs.md.
 */
export * from './provisioning-object-summary.js';
export {
  stringifyModifiedValue,
  toProvisioningObjectSummary,
  type ErrorInput,
  type IdentityInput,
  type ModifiedPropertyInput,
  type ModifiedValue,
  type ProvisioningLogEntry,
  type StatusInput,
  type StepInput,
  type SystemInput,
} from './provisioning-log-entry.js';
export { InvalidProvisioningLogEntryError, ProvisioningLogNotFoundError } from './provisioning-log-errors.js';
export { findProvisioningLog } from './provisioning-log-repository.js';
export {
  provisioningLogRetentionDays,
  purgeExpiredProvisioningLogs,
  scheduleProvisioningLogPurge,
  type ProvisioningLogPurgeOptions,
  type ProvisioningLogPurgeSchedule,
} from './provisioning-log-retention.js';
export { provisioningLogRoutes } from './provisioning-log-routes.js';
export { ProvisioningLogWriter, type ProvisioningLogWriterOptions } from './provisioning-log-writer.js';
export { defaultRedactionRules, isSecretName, redactDetails, redactedValue, redactModifiedProperty, type RedactionRules } from './redaction.js';
