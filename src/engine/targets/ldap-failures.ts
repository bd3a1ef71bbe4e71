import { LdapBusyError, LdapError, LdapTimeoutError, LdapUnreachableError } from '../../connectors/ldap/index.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';

const recommendedActions: Readonly<Record<string, string>> = {
  ServerUnreachable: 'The domain controller could not be reached. Check the Server secret and network access; the change is retried automatically.',
  Timeout: 'The domain controller did not answer in time. The change is retried automatically in a later cycle.',
  ServerBusy: 'The domain controller is busy. The change is retried automatically in a later cycle.',
  InsufficientRights: 'The bind account may not write this. Grant it Write property on the written attributes (and Create/Delete child where objects are created).',
  InvalidAnchor: 'The linked object no longer exists in the directory. Restart the job with ConnectorDataStore to match it again.',
  AlreadyExists: 'An object with the same name already exists in the container. Rename it, or change the mapping that names new objects.',
  UndefinedAttributeType: 'The directory schema lacks an attribute the job writes. Extend the schema, then start the job again.',
  ObjectClassViolation: 'The object class does not allow an attribute the job writes. Check the attribute mappings against the directory schema.',
  ConstraintViolation: 'The directory rejected a value. Check what the attribute mappings produce.',
  InvalidAttributeSyntax: 'The directory rejected a value of the wrong form. Check what the attribute mappings produce.',
};

/** The object a link names is gone from the directory: not retried; a restart with ConnectorDataStore matches again. */
export function invalidAnchor(message: string): ObjectFailure {
  return new ObjectFailure('InvalidAnchor', message, { retryable: false, recommendedAction: recommendedActions.InvalidAnchor ?? null });
}

/**
 * An LDAP connector failure as the engine handles it: connection losses and busy servers are escrowed (the
 * tracked target turns them into a job-level TargetUnreachable when nothing got through yet); bad
 * credentials, TLS or configuration problems stop the job; refused writes fail the object.
 */
export function fromLdapError(error: unknown): JobLevelFailure | ObjectFailure {
  if (!(error instanceof LdapError)) return ObjectFailure.unexpected(error);
  const recommendedAction = recommendedActions[error.code] ?? null;
  if (error instanceof LdapUnreachableError || error instanceof LdapTimeoutError) {
    return new ObjectFailure(error.code, error.message, { retryable: true, connectionFailure: true, recommendedAction, cause: error });
  }
  if (error instanceof LdapBusyError) return new ObjectFailure(error.code, error.message, { retryable: true, nonServiceFailure: true, recommendedAction, cause: error });
  if (error.scope === 'job') return new JobLevelFailure(error.code, error.message, { cause: error });
  return new ObjectFailure(error.code, error.message, {
    retryable: error.retryable,
    recommendedAction,
    nonServiceFailure: error.resultCode !== undefined,
    cause: error,
  });
}
