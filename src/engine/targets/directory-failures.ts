import {
  DirectoryObjectNotFoundError,
  DuplicatePropertyValueError,
  InvalidPropertyValueError,
  RequiredPropertyError,
  UnverifiedDomainError,
} from '../../directory/directory-errors.js';
import { GraphError } from '../../errors/graph-error.js';
import { EngineError, JobLevelFailure, ObjectFailure } from '../engine-errors.js';

const recommendedActions: Readonly<Record<string, string>> = {
  Conflict: 'Another object in the directory holds this value. Make the value unique in Active Directory; the object is retried when it changes.',
  MandatoryFieldsMissing: 'Give the object the value in Active Directory, or map a default value to the attribute.',
  InvalidDomain: 'Use a userPrincipalName suffix that is a domain of the tenant.',
  AzureActiveDirectoryInvalidUserPrincipalName: 'Fix the userPrincipalName in Active Directory: letters, digits and . - _ ! # ^ ~ before the @.',
  InvalidAnchor: 'The linked directory object no longer exists. Restart the job with ConnectorDataStore to match it again.',
  BadRequest: 'The directory rejected a value. Check what the attribute mappings produce against what the directory accepts.',
  InternalError: 'The directory failed to process the change. It is retried automatically in a later cycle.',
};

/** The job's schema asks of the directory what it cannot do: the failure stops the job until the schema is fixed. */
export function directorySchemaFailure(message: string): JobLevelFailure {
  return new JobLevelFailure('InvalidSchema', message, {
    recommendedAction: 'Map only User, Group and Contact objects to the directory, and match on an attribute the directory can look objects up by.',
  });
}

function failure(code: string, error: GraphError): ObjectFailure {
  return new ObjectFailure(code, error.message, { retryable: false, recommendedAction: recommendedActions[code] ?? null, nonServiceFailure: true, cause: error });
}

/**
 * A directory write's failure as the engine handles it: the directory's Graph errors (duplicate values,
 * missing or invalid values, a linked object that is gone) are per-object failures with Graph's message and
 * the hosted service's error codes, retried when the object changes; anything else (the store failing) is
 * retried in a later cycle. Engine failures pass unchanged.
 */
export function fromDirectoryError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  if (error instanceof DuplicatePropertyValueError) return failure('Conflict', error);
  if (error instanceof RequiredPropertyError) return failure('MandatoryFieldsMissing', error);
  if (error instanceof UnverifiedDomainError) return failure('InvalidDomain', error);
  if (error instanceof InvalidPropertyValueError && error.property === 'userPrincipalName') return failure('AzureActiveDirectoryInvalidUserPrincipalName', error);
  if (error instanceof DirectoryObjectNotFoundError) return failure('InvalidAnchor', error);
  if (error instanceof GraphError) return failure('BadRequest', error);
  return ObjectFailure.unexpected(error, recommendedActions.InternalError);
}
