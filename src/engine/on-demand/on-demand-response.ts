import type { ProvisioningObjectSummary } from '../../sync/provisioning-logs/index.js';

/** The `stringKeyStringValuePair` provisionOnDemand answers with: both members are JSON text. */
export interface OnDemandResponse {
  readonly key: string;
  readonly value: string;
}

const pascal = (text: string) => (text === 'stagedDelete' ? 'StagedDelete' : text.charAt(0).toUpperCase() + text.slice(1));

/**
 * The hosted service's response shape (graph-sync-api §3.5): `key` is `{"result","details"}` with the outcome
 * in PascalCase (`Success`, `Skipped`, `Failure`) and, when it did not succeed, the error code and message;
 * `value` is the provisioning trace of the change — the provisioning log record with PascalCase enums,
 * `startTime`/`endTime`, `statusInfo` and a `reportableIdentifier`.
 */
export function onDemandResponse(record: ProvisioningObjectSummary): OnDemandResponse {
  const status = record.provisioningStatusInfo;
  const error = status.errorInformation;
  const details: Record<string, string> = {};
  if (error) {
    details.errorCode = error.errorCode;
    if (error.reason) details.errorMessage = error.reason;
  }
  const end = new Date(Date.parse(record.activityDateTime) + record.durationInMilliseconds).toISOString();
  const trace = {
    action: pascal(record.provisioningAction),
    changeId: record.changeId,
    cycleId: record.cycleId,
    startTime: record.activityDateTime,
    endTime: end,
    reportableIdentifier: record.sourceIdentity.displayName || record.sourceIdentity.id,
    modifiedProperties: record.modifiedProperties.map((property) => ({ displayName: property.displayName, oldValue: property.oldValue, newValue: property.newValue })),
    provisioningSteps: record.provisioningSteps.map((step) => ({
      name: step.name,
      type: pascal(step.provisioningStepType),
      status: pascal(step.status),
      description: step.description,
      timestamp: record.activityDateTime,
      details: step.details,
    })),
    statusInfo: {
      status: pascal(status.status),
      errorCode: error?.errorCode ?? null,
      reason: error?.reason ?? null,
      additionalDetails: error?.additionalDetails ?? null,
      errorCategory: error ? pascal(error.errorCategory) : null,
      recommendedAction: error?.recommendedAction ?? null,
    },
    sourceIdentity: record.sourceIdentity,
    sourceSystem: record.sourceSystem,
    targetIdentity: record.targetIdentity,
    targetSystem: record.targetSystem,
  };
  return { key: JSON.stringify({ result: pascal(status.status), details }), value: JSON.stringify(trace) };
}

/** The answer when the target could not be used at all (the test connection step failed), with what to do when known. */
export function onDemandConnectionFailure(code: string, message: string, recommendedAction: string | null): OnDemandResponse {
  const now = new Date().toISOString();
  const trace = {
    action: 'Other',
    startTime: now,
    endTime: now,
    provisioningSteps: [{ name: 'TestConnection', type: 'Import', status: 'Failure', description: message, timestamp: now, details: {} }],
    statusInfo: { status: 'Failure', errorCode: code, reason: message, additionalDetails: null, errorCategory: 'Failure', recommendedAction },
  };
  return { key: JSON.stringify({ result: 'Failure', details: { errorCode: code, errorMessage: message } }), value: JSON.stringify(trace) };
}
