import { LdapBusyError, LdapError, LdapTimeoutError, LdapUnreachableError } from '../../connectors/ldap/index.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import { ldapConnectionActions } from '../flows/ldap-connection-actions.js';

/** What to check when the directory cannot be reached at all (the job-level TargetUnreachable). */
export const ldapUnreachableAction =
  'The domain controller could not be reached. Check the Server secret and network access from the Provisio host (LDAPS 636, LDAP 389); the job retries at its next attempt.';

const recommendedActions: Readonly<Record<string, string>> = {
  ...ldapConnectionActions,
  TargetUnreachable: ldapUnreachableAction,
  InvalidMatchingAttribute: 'The matching attribute does not tell objects apart. Match on an attribute whose values are unique, such as objectGUID.',
  TargetSchemaIncomplete:
    'Extend the directory schema as the message says (Exchange attributes: Exchange Server setup /PrepareSchema), or remove the mappings to the missing attributes, then restart the job.',
  NoSuchObject: 'The base or the container does not exist in the directory. Check the Domain (or BaseDN) and SyncAgentADContainer secrets and the mapped parentDistinguishedName.',
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

/** A failure that stops a writeback job, with what the directory's administrator can do about it. */
export function ldapJobFailure(code: string, message: string, cause?: unknown): JobLevelFailure {
  return new JobLevelFailure(code, message, { recommendedAction: recommendedActions[code] ?? null, cause });
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
  if (error.scope === 'job') return ldapJobFailure(error.code, error.message, error);
  return new ObjectFailure(error.code, error.message, {
    retryable: error.retryable,
    recommendedAction,
    nonServiceFailure: error.resultCode !== undefined,
    cause: error,
  });
}
