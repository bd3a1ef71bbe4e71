import { ScimError, ScimRateLimitedError, ScimTransportError } from '../../connectors/scim/index.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';

/** What to check when the application cannot be reached at all (the job-level TargetUnreachable). */
export const scimUnreachableAction =
  'The target could not be reached. Check the tenant URL (BaseAddress) and that the application is up; the job retries at its next attempt.';

const recommendedActions: Readonly<Record<string, string>> = {
  Conflict: 'The target already holds this value for another object. Make the value unique or match on another attribute; the change is retried automatically.',
  TooManyRequests: 'The target throttled the request. It is retried automatically after the time the target asked for.',
  InternalServerError: 'The target failed to process the request. It is retried automatically in a later cycle.',
  Timeout: 'The target did not answer in time. It is retried automatically in a later cycle.',
  ConnectionFailure: 'The target could not be reached. Check its address and network access; the change is retried automatically.',
  InsufficientRights: 'The credentials are valid but not allowed this operation. Grant them the rights the target requires.',
  MethodNotAllowed: 'The target does not allow this operation. Check the target object actions of the mapping.',
  InvalidAnchor: 'The linked object no longer exists in the target. Restart the job with ConnectorDataStore to match it again.',
  BadRequest: 'The target rejected a value. Check what the attribute mappings produce against what the target accepts.',
  UnprocessableEntity: 'The target could not process the values. Check what the attribute mappings produce.',
  NotImplemented: 'The target does not implement this operation.',
  SystemForCrossDomainIdentityManagementServiceIncompatible: 'The target did not answer as SCIM 2.0 requires.',
  InvalidCredentials: 'The target refused the credentials. Save a valid secret token or client credentials and restart the job.',
  TokenAcquisitionFailed: 'The OAuth token endpoint refused the client credentials. Check Oauth2TokenExchangeUri, ClientIdentifier and ClientSecret.',
  TargetUnreachable: scimUnreachableAction,
  InvalidConfiguration:
    'The job secrets do not describe a usable connection. Save BaseAddress and SecretToken (or Oauth2TokenExchangeUri, ClientIdentifier and ClientSecret), then restart the job.',
};

/**
 * A SCIM client failure as the engine handles it (engine-behavior §2.7): `scope: 'job'` stops the job
 * (quarantine), retryable failures are escrowed, the others are permanent per-object failures.
 */
export function fromScimError(error: unknown): JobLevelFailure | ObjectFailure {
  if (!(error instanceof ScimError)) return ObjectFailure.unexpected(error);
  const message = describe(error);
  if (error.scope === 'job') return scimJobFailure(error.code, message, error);
  return new ObjectFailure(error.code, message, {
    retryable: error.retryable,
    ...(error instanceof ScimRateLimitedError && error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    recommendedAction: recommendedActions[error.code] ?? null,
    nonServiceFailure: error.status !== undefined,
    connectionFailure: error instanceof ScimTransportError,
    cause: error,
  });
}

/** A failure that stops a SCIM job, with what the application's administrator can do about it. */
export function scimJobFailure(code: string, message: string, cause?: unknown): JobLevelFailure {
  return new JobLevelFailure(code, message, { recommendedAction: recommendedActions[code] ?? null, cause });
}

/** Codes whose advice is the same for a failed test connection as for a failed request. */
const adviceForTheJob = new Set([
  'InvalidCredentials',
  'TokenAcquisitionFailed',
  'TargetUnreachable',
  'InvalidConfiguration',
  'InsufficientRights',
  'SystemForCrossDomainIdentityManagementServiceIncompatible',
]);

/** What to check when the test connection's request failed otherwise (the application answered 500, say). */
export const scimTestConnectionAction =
  'The test connection failed. Check that the application at the tenant URL (BaseAddress) is up and answers SCIM 2.0 requests for users (and groups) filtered on the matching attribute; the job retries at its next attempt.';

/**
 * A failed test connection, which stops the job: the advice of the table where it fits a stopped job, else what
 * to check of the application (the table's "retried automatically in a later cycle" is about one object).
 */
export function scimTestConnectionFailure(code: string, message: string, cause?: unknown): JobLevelFailure {
  return new JobLevelFailure(code, message, { recommendedAction: adviceForTheJob.has(code) ? (recommendedActions[code] ?? null) : scimTestConnectionAction, cause });
}

/** The hosted service's failure message shape: status, message, the target's response. */
function describe(error: ScimError): string {
  const parts = [error.status === undefined ? error.message : `StatusCode: ${error.status} Message: ${error.message}`];
  if (error.detail) parts.push(`Detail: ${error.detail}`);
  else if (error.responseBody) parts.push(`Web Response: ${error.responseBody.slice(0, 500)}`);
  return parts.join('. ');
}
