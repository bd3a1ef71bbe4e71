import type { ErrorInput, ModifiedPropertyInput, StepInput } from '../../sync/provisioning-logs/index.js';
import type { SourceObject } from '../connectors/source-connector.js';
import type { AttributeUpdate } from '../connectors/target-connector.js';
import type { JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import type { SkipReason } from '../stages/decide.js';
import type { ScopeEvaluation } from '../stages/scope.js';

/**
 * The provisioning steps of a record, named as the hosted service names them (engine-behavior §1.14, §1.15):
 * EntryImport (import), EntrySynchronizationScoping (scoping), EntryImport of type matching, EntrySynchronization*
 * (processing), EntryReferenceResolution, EntryExport* (export).
 */
export function importStep(object: SourceObject, sourceSystem: string): StepInput {
  const found = object.state !== 'gone';
  return {
    name: 'EntryImport',
    provisioningStepType: 'import',
    status: 'success',
    description: found
      ? `Retrieved ${object.objectType} '${object.displayName ?? object.id}' from ${sourceSystem}`
      : `${object.objectType} '${object.id}' no longer exists in ${sourceSystem}`,
    details: { objectId: object.id, ...(object.state === 'softDeleted' ? { IsSoftDeleted: 'True' } : {}) },
  };
}

export function scopingStep(object: SourceObject, scope: ScopeEvaluation): StepInput {
  return {
    name: 'EntrySynchronizationScoping',
    provisioningStepType: 'scoping',
    status: scope.reason === 'InScope' ? 'success' : 'skipped',
    description: scope.inScope
      ? `Determine if ${object.objectType} in scope by evaluating against each scoping filter`
      : `${object.objectType} is out of scope: ${scopeText[scope.reason]}`,
    details: {
      Assigned: String(object.entitled ? 'True' : 'False'),
      IsActive: object.state === 'live' && object.enabled ? 'True' : 'False',
      IsEffectivelyEntitledForProvisioning: scope.inScope ? 'True' : 'False',
      IsInProvisioningScopeDisplayName: scope.inScope ? 'Yes' : 'No',
      ScopeEvaluationResult: scope.reason,
    },
  };
}

const scopeText: Record<ScopeEvaluation['reason'], string> = {
  InScope: 'in scope',
  NotAssigned: 'not assigned to the application',
  FilteredOut: 'it does not pass the scoping filters',
  SoftDeleted: 'it is in deleted items',
  Deleted: 'it was permanently deleted',
  Disabled: 'the account is disabled',
};

export function matchingStep(targetSystem: string, attribute: string, value: unknown, found: number): StepInput {
  return {
    name: 'EntryImport',
    provisioningStepType: 'matching',
    status: found > 1 ? 'failure' : 'success',
    description:
      found === 0
        ? `No object in ${targetSystem} has ${attribute} '${String(value)}'`
        : found === 1
          ? `Retrieved the object in ${targetSystem} whose ${attribute} is '${String(value)}'`
          : `${found} objects in ${targetSystem} have ${attribute} '${String(value)}'`,
    details: { MatchingAttribute: attribute, MatchingValue: String(value), MatchesFound: String(found) },
  };
}

export function processingStep(action: 'Add' | 'Update' | 'Delete' | 'Disable' | 'Skip', description: string): StepInput {
  return {
    name: action === 'Disable' ? 'EntrySynchronizationUpdate' : `EntrySynchronization${action}`,
    provisioningStepType: 'processing',
    status: action === 'Skip' ? 'skipped' : 'success',
    description,
  };
}

export function exportStep(action: 'Add' | 'Update' | 'Delete', targetSystem: string, status: 'success' | 'failure', description?: string): StepInput {
  const verb = action === 'Add' ? 'Created' : action === 'Update' ? 'Updated' : 'Deleted';
  return {
    name: `EntryExport${action}`,
    provisioningStepType: 'export',
    status,
    description: description ?? (status === 'success' ? `${verb} the object in ${targetSystem}` : `Failed to export to ${targetSystem}`),
  };
}

export function referenceStep(status: 'success' | 'failure', description: string): StepInput {
  return { name: 'EntryReferenceResolution', provisioningStepType: 'referenceResolution', status, description };
}

export const skipText: Record<SkipReason, string> = {
  NotInScope: 'The object is not in scope and was never provisioned',
  NotProvisioned: 'The object was never provisioned',
  DisabledNotProvisioned: 'Disabled accounts are not provisioned',
  CreateNotAllowed: 'The object mapping does not allow creating objects',
  UpdateNotAllowed: 'The object mapping does not allow updating objects',
  DeleteNotAllowed: 'The object mapping does not allow deleting objects',
  SkipOutOfScopeDeletions: 'SkipOutOfScopeDeletions is set: objects that leave scope are not disabled or deleted',
  NoSoftDeleteMapping: 'No attribute mapping reads IsSoftDeleted, so the object is not disabled',
};

/** Modified properties as logs show them: each sent attribute with its old and new value. */
export function modifiedProperties(updates: readonly AttributeUpdate[], redacted: ReadonlySet<string>): ModifiedPropertyInput[] {
  return updates.map((update) => ({
    displayName: update.path,
    oldValue: logValue(update.oldValue),
    newValue: logValue(update.newValue),
    ...(redacted.has(update.path) ? { redacted: true } : {}),
  }));
}

function logValue(value: unknown): ModifiedPropertyInput['newValue'] {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' && item !== null ? JSON.stringify(item) : (item as string | number | boolean)));
  return value as Readonly<Record<string, unknown>>;
}

/** The errorInformation of a failed object, with the hosted service's retry wording for escrowed ones. */
export function errorInformation(error: ObjectFailure, nextAttemptAt?: string, attempts?: number): ErrorInput {
  return {
    errorCode: error.code,
    errorCategory: error.nonServiceFailure ? 'nonServiceFailure' : 'failure',
    reason: error.reason,
    additionalDetails:
      nextAttemptAt === undefined
        ? 'This operation is not retried until the object changes or the job restarts.'
        : `This operation was retried ${Math.max(0, (attempts ?? 1) - 1)} times. It will be retried again after this date: ${nextAttemptAt} UTC`,
    recommendedAction: error.recommendedAction,
  };
}

/** The errorInformation of the object whose export met a job-level failure (the job is quarantined). */
export function jobLevelError(error: JobLevelFailure): ErrorInput {
  return {
    errorCode: error.code,
    errorCategory: 'nonServiceFailure',
    reason: error.message,
    additionalDetails: 'The job is quarantined; it retries at the quarantine\'s next attempt or when it is restarted.',
    recommendedAction: error.recommendedAction,
  };
}
